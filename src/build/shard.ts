/**
 * `--shard K/N` (Playwright's convention, https://playwright.dev/docs/test-sharding):
 * the build's print files, across every selected brand, in one stable order
 * (brand id, then the file's path, compared as plain text), dealt out in
 * turn to N shards; shard K prints every Nth file from the Kth. Each shard
 * writes its own output folder; `npm run merge` combines them, and renders
 * each brand's site there, since the site's downloads page lists every
 * file's size and checksum, which no single shard knows.
 */
import { UsageError } from "../infra/report.ts";

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const [index, total] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || total < 1 || index < 1 || index > total)
    throw new UsageError(`--shard: "${value}" is not a shard; write K/N with 1 <= K <= N, e.g. --shard 1/4 ... --shard 4/4`);
  return { index, total };
}

/** The same order on every machine: code units, not the locale's collation. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Which of `keys` (unique across the whole build) belong to `shard`. */
function keysInShard(keys: readonly string[], shard: Shard): Set<string> {
  return new Set([...keys].sort(byText).filter((_, position) => position % shard.total === shard.index - 1));
}

/** Each brand's planned files that belong to `shard` (every one without a shard); `planned[i]` is brand `brandIds[i]`'s. */
export function shareOfPlans<File extends { path: string }>(brandIds: string[], planned: File[][], shard: Shard | undefined): File[][] {
  if (!shard) return planned;
  const key = (index: number, file: File) => `${brandIds[index]}/${file.path}`;
  const mine = keysInShard(
    planned.flatMap((plan, index) => plan.map((file) => key(index, file))),
    shard,
  );
  return planned.map((plan, index) => plan.filter((file) => mine.has(key(index, file))));
}
