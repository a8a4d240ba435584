/**
 * Memory of a whole process tree (the build and every process under it:
 * Chromium's browser, zygotes, renderers, GPU and utility processes), read
 * from /proc on Linux. Two sums:
 * - RSS, every sample (every 200 ms): each process's resident set (VmRSS in
 *   status). Chromium's processes share much of their memory (the binary,
 *   fonts, shared memory), which this sum counts once per process, so it
 *   overstates the tree;
 * - PSS: each process's proportional set (Pss in smaps_rollup), where a page
 *   shared by n processes counts 1/n in each: the sum is the tree's honest
 *   footprint. smaps_rollup walks every mapping of a process, and Chromium
 *   reserves terabytes of address space, so one pass over the tree costs tens
 *   of milliseconds: measured here at up to 60% of a core at 200 ms, on a
 *   2-core machine that would slow the build it measures. So PSS is read
 *   only as often as keeps it under PSS_SHARE of one core, and the report
 *   says how often that was. It needs ptrace access (the same user, or
 *   root); where it cannot be read, only RSS is given.
 * Not counted: chrome_crashpad_handler, which Chromium starts detached (its
 * own session, re-parented to init, nothing of this run on its command
 * line), two per browser at about 1 MiB of PSS each.
 */
import { readdirSync, readFileSync } from "node:fs";

/** The most of one core the PSS passes may take. */
const PSS_SHARE = 0.05;

export interface TreeSample {
  /** When it was taken, as performance.now(). */
  atMs: number;
  /** Sums in KiB; pssKib only on the samples that read it. */
  rssKib: number;
  pssKib?: number;
  /** The build's own process alone (node: mostly its private heap, so RSS is near its PSS). */
  buildRssKib: number;
  processes: number;
}

/** A file under /proc, or why it could not be read (ENOENT or ESRCH: the process ended meanwhile; EACCES: not allowed). */
function read(path: string): { text: string } | { code: string } {
  try {
    return { text: readFileSync(path, "utf8") };
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code ?? "unknown" };
  }
}
const text = (path: string) => {
  const result = read(path);
  return "text" in result ? result.text : undefined;
};
const kibField = (content: string | undefined, field: string) => {
  const match = content && new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(content);
  return match ? Number(match[1]) : undefined;
};

/** CPU time of this process since `from`, in milliseconds. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1000;
};

/** Every process id under /proc, with its parent's (the 4th field of stat, after the command name in parentheses). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = text(`/proc/${name}/stat`);
    const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields?.[1]) map.set(Number(name), Number(fields[1]));
  }
  return map;
}

export class TreeSampler {
  readonly samples: TreeSample[] = [];
  /** CPU time spent reading /proc, in milliseconds: the sampler's own cost (wall time would count waiting for a busy core). */
  costMs = 0;
  pssCostMs = 0;
  pssSamples = 0;
  /** Set once a process's smaps_rollup is refused: PSS is then not given at all. */
  pssRefused = false;
  mostProcesses = 0;
  private nextPssMs = 0;
  /** Processes outside the tree already checked for the marker, by id. */
  private readonly strays = new Map<number, boolean>();
  private timer?: NodeJS.Timeout;

  /**
   * @param root the build's process id
   * @param marker a path only this run's processes name on their command line
   *   (the temp folder): catches one that left the tree (re-parented to init).
   */
  constructor(
    private readonly root: number,
    private readonly marker: string,
  ) {}

  static available(): boolean {
    return text("/proc/self/status") !== undefined;
  }

  start(intervalMs: number): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  members(): number[] {
    const byParent = new Map<number, number[]>();
    const all = parents();
    for (const [pid, ppid] of all) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
    const queue = [this.root];
    for (const [pid, ppid] of all) {
      const orphan = ppid <= 1 || !all.has(ppid);
      if (!orphan || pid === this.root) continue;
      // A process's command line does not change: each is read once.
      if (!this.strays.has(pid)) this.strays.set(pid, Boolean(text(`/proc/${pid}/cmdline`)?.includes(this.marker)));
      if (this.strays.get(pid)) queue.push(pid);
    }
    const seen = new Set<number>();
    while (queue.length) {
      const pid = queue.pop()!;
      if (seen.has(pid) || !all.has(pid)) continue;
      seen.add(pid);
      queue.push(...(byParent.get(pid) ?? []));
    }
    return [...seen];
  }

  /** RSS of the tree now; PSS too when it is due (`pss: false` never reads it). */
  sample({ pss = true } = {}): TreeSample | undefined {
    const begun = performance.now();
    const cpu = process.cpuUsage();
    const members = this.members();
    let rssKib = 0;
    let buildRssKib = 0;
    let processes = 0;
    for (const pid of members) {
      const rss = kibField(text(`/proc/${pid}/status`), "VmRSS");
      if (rss === undefined) continue; // ended, or a kernel thread
      processes += 1;
      rssKib += rss;
      if (pid === this.root) buildRssKib = rss;
    }
    let pssKib: number | undefined;
    if (pss && !this.pssRefused && begun >= this.nextPssMs) {
      const pssCpu = process.cpuUsage();
      pssKib = 0;
      for (const pid of members) {
        const rollup = read(`/proc/${pid}/smaps_rollup`);
        if ("code" in rollup && rollup.code === "EACCES") this.pssRefused = true;
        pssKib += "text" in rollup ? (kibField(rollup.text, "Pss") ?? 0) : 0;
      }
      const took = cpuMs(pssCpu);
      this.pssCostMs += took;
      this.pssSamples += 1;
      this.nextPssMs = performance.now() + took / PSS_SHARE;
      if (this.pssRefused) pssKib = undefined;
    }
    this.costMs += cpuMs(cpu);
    if (!processes) return undefined;
    this.mostProcesses = Math.max(this.mostProcesses, processes);
    const sample = { atMs: begun, rssKib, ...(pssKib !== undefined && { pssKib }), buildRssKib, processes };
    this.samples.push(sample);
    return sample;
  }

  /** The highest sums among the samples taken up to `atMs`; pssKib absent when PSS could not be read. */
  peakUntil(atMs = Infinity): { rssKib: number; pssKib?: number; buildRssKib: number } {
    const upTo = this.samples.filter((s) => s.atMs <= atMs);
    const pss = upTo.flatMap((s) => (s.pssKib === undefined ? [] : [s.pssKib]));
    return {
      rssKib: Math.max(0, ...upTo.map((s) => s.rssKib)),
      ...(!this.pssRefused && pss.length && { pssKib: Math.max(...pss) }),
      buildRssKib: Math.max(0, ...upTo.map((s) => s.buildRssKib)),
    };
  }
}
