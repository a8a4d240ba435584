/**
 * Where the print step's time goes: milliseconds summed per stage over a
 * build, for `npm run bench` to report (the "what takes the time,
 * measured"). Stages of different files overlap (several tabs print at
 * once), so the sums add up to more than the wall time.
 */
export class StageTimes {
  private readonly totals = new Map<string, { ms: number; count: number }>();

  /** Runs `work`, adding the time it took (whether it succeeded or not) to `stage`. */
  async time<T>(stage: string, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      const total = this.totals.get(stage) ?? { ms: 0, count: 0 };
      total.ms += performance.now() - started;
      total.count += 1;
      this.totals.set(stage, total);
    }
  }

  /** Each stage's total and how many times it ran, in the order stages first ran. */
  entries(): Array<{ stage: string; ms: number; count: number }> {
    return [...this.totals].map(([stage, total]) => ({ stage, ...total }));
  }

  clear(): void {
    this.totals.clear();
  }
}
