/**
 * Where the print step's time goes: milliseconds summed per stage over a
 * build, for `npm run bench` to report (the "what takes the time,
 * measured"). Stages of different files overlap (several tabs print at
 * once), so the sums add up to more than the wall time.
 */
export class StageTimes {
  private readonly totals = new Map<string, number>();

  /** Runs `work`, adding the time it took (whether it succeeded or not) to `stage`. */
  async time<T>(stage: string, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.totals.set(stage, (this.totals.get(stage) ?? 0) + performance.now() - started);
    }
  }

  /** Each stage's total, in the order stages first ran. */
  entries(): Array<{ stage: string; ms: number }> {
    return [...this.totals].map(([stage, ms]) => ({ stage, ms }));
  }

  clear(): void {
    this.totals.clear();
  }
}
