/**
 * Work on a list a few items at a time, results in the list's order. Tabs
 * of one browser spend most of their time waiting for frames, so a few at
 * once use the machine's cores better than one (measured: 4 tabs walking
 * focus did the work of 1 in half the time on 2 cores).
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!, index);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
