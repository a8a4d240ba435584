/**
 * `npm run bench -- --volume [--brands 40] [--max-minutes 25]`: one full
 * build of many brands (volume-data.ts) with an empty cache, as its own
 * process, while the memory of its whole process tree is sampled every
 * 200 ms (memory.ts). The build's progress lines (`print N/T path (printed,
 * P p, S s)`, src/infra/progress.ts, one per file when stdout is not a
 * terminal) time each file. Reported at 100, 500 and 1000 files (at a
 * tenth, a half and all of a smaller set): time per file over the window of
 * files before, and the peak memory so far; then the totals against the aims.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runChecks } from "../../src/checks.ts";
import { errorsIn } from "../../src/infra/problems.ts";
import { planPrints } from "../../src/materials/plan.ts";
import { mib, percent, row, runScript, temp } from "./common.ts";
import { TreeSampler } from "./memory.ts";
import { makeVolumeData } from "./volume-data.ts";

const SAMPLE_MS = 200;
const AIM_PEAK_KIB = 1.5 * 1024 * 1024;
const AIM_GROWTH = 0.2;
const AIM_FLAT = 0.15;
const verdict = (met: boolean) => (met ? "(met)" : "(MISSED)");

/** 100, 500, 1000 when there are that many files; else a tenth, a half and all of them. */
export function checkpoints(total: number): number[] {
  if (total >= 1000) return [100, 500, 1000];
  return [...new Set([Math.max(2, Math.round(total / 10)), Math.round(total / 2), total])].filter((n) => n >= 2 && n <= total);
}

interface Done {
  /** performance.now() when the file's progress line came. */
  atMs: number;
  pages: number;
  printed: boolean;
}

/** Seconds per file (and per page) over the `size` files up to `upTo`; the first window starts at file 1's line, so it spans one file fewer. */
function windowAt(done: Done[], upTo: number, size: number) {
  const from = Math.max(1, upTo - size);
  const files = upTo - from;
  const pages = done.slice(from, upTo).reduce((sum, d) => sum + d.pages, 0);
  const ms = done[upTo - 1]!.atMs - done[from - 1]!.atMs;
  return { label: `files ${upTo - size + 1}-${upTo}`, perFile: ms / 1000 / files, perPage: ms / 1000 / Math.max(1, pages) };
}

export async function volume(brandCount: number, maxMinutes: number): Promise<void> {
  if (!TreeSampler.available()) throw new Error("--volume reads memory from /proc, which this system does not have (Linux only)");
  const root = temp("volume");
  const dataDir = join(root, "data");
  const ids = makeVolumeData(dataDir, brandCount);
  const { brands, problems } = runChecks({ dataDir });
  const errors = errorsIn(problems);
  if (errors.length || brands.length !== ids.length)
    throw new Error(`the generated brands do not pass npm run check:\n${errors.map((p) => `${p.file}: ${p.message}`).join("\n")}`);
  const planned = brands.map((brand) => ({ id: brand.id, files: planPrints(brand).length }));
  const total = planned.reduce((sum, b) => sum + b.files, 0);
  const marks = checkpoints(total);
  const windowSize = marks[0]!;

  console.log(`bench --volume: ${brands.length} brand(s) made from the fixture packs, one full build with an empty cache\n`);
  for (const fixture of ["upstander", "puente", "northshire"]) {
    const copies = planned.filter((b) => b.id.startsWith(`${fixture}-`));
    if (copies.length) row(`  ${copies.length} x ${fixture} (${copies[0]!.files} files each)`, `${copies.length * copies[0]!.files}`);
  }
  row("print files planned (planPrints, all brands)", `${total}`, `aim: >= 1000 ${verdict(total >= 1000)}`);
  console.log("");

  const out = join(root, "dist");
  const cache = join(root, "cache");
  mkdirSync(cache);
  const done: Done[] = [];
  let sampler: TreeSampler | undefined;
  let startedMs = 0;
  const atMark = new Map<number, { elapsed: number; window: ReturnType<typeof windowAt>; peak: ReturnType<TreeSampler["peakUntil"]> }>();
  const report = (mark: number) => {
    const { elapsed, window, peak } = atMark.get(mark)!;
    row(`at ${mark} files: elapsed`, `${elapsed.toFixed(1)} s`);
    row(`  time per file, ${window.label}`, `${window.perFile.toFixed(3)} s`, `(${window.perPage.toFixed(3)} s per page)`);
    // The memory aim is for the whole run (the last checkpoint), on the PSS sum where it can be read.
    const aim = (kib: number) => (mark === marks[marks.length - 1] ? `aim: <= 1536 MiB ${verdict(kib <= AIM_PEAK_KIB)}` : "");
    if (peak.pssKib !== undefined) row("  peak tree memory so far, PSS sum", mib(peak.pssKib), aim(peak.pssKib));
    row("  peak tree memory so far, RSS sum", mib(peak.rssKib), peak.pssKib === undefined ? aim(peak.rssKib) : "");
    row("  peak of the build's node process alone, RSS", mib(peak.buildRssKib));
  };

  const run = await runScript(
    "build.ts",
    ["--out", out],
    { ...process.env, UPSTANDER_DATA: dataDir, UPSTANDER_CACHE: cache },
    {
      started(pid) {
        startedMs = performance.now();
        sampler = new TreeSampler(pid, root);
        sampler.start(SAMPLE_MS);
      },
      line(line) {
        const match = /^print (\d+)\/(\d+) \S+ \((printed|unchanged), (\d+) p, /.exec(line);
        if (!match) return;
        const now = performance.now();
        sampler!.sample({ pss: false }); // the peak up to this file includes this moment
        done.push({ atMs: now, pages: Number(match[4]), printed: match[3] === "printed" });
        const count = done.length;
        if (count % 100 === 0) console.error(`bench: ${count}/${total} files, ${((now - startedMs) / 1000).toFixed(0)} s`);
        if (marks.includes(count)) {
          atMark.set(count, {
            elapsed: (now - startedMs) / 1000,
            window: windowAt(done, count, windowSize),
            peak: sampler!.peakUntil(now),
          });
          report(count);
        }
      },
      timeoutMs: maxMinutes * 60_000,
    },
  );
  sampler?.stop();
  if (!sampler) throw new Error("the build did not start");

  const files = done.length;
  const peak = sampler.peakUntil();
  const pss = peak.pssKib !== undefined;
  const aimKib = pss ? peak.pssKib! : peak.rssKib;
  const printSeconds = files > 1 ? (done[files - 1]!.atMs - done[0]!.atMs) / 1000 : 0;
  console.log("");
  if (run.timedOut) console.log(`STOPPED after ${maxMinutes} min (--max-minutes): partial figures, ${files} of ${total} files\n`);
  row("print files made", `${files}`, `of ${total} planned; ${done.filter((d) => !d.printed).length} from the cache (aim: 0)`);
  row("pages printed", `${done.reduce((sum, d) => sum + d.pages, 0)}`);
  row("build, whole (checks, sites, prints)", `${run.seconds.toFixed(1)} s`);
  row("print files per second, whole build", `${(files / run.seconds).toFixed(2)}`);
  if (printSeconds) row("print files per second, first file to last", `${((files - 1) / printSeconds).toFixed(2)}`);
  if (pss) row("peak tree memory, PSS sum (the aim's figure)", mib(peak.pssKib!), `aim: <= 1536 MiB ${verdict(aimKib <= AIM_PEAK_KIB)}`);
  row(
    `peak tree memory, RSS sum${pss ? " (counts shared pages again)" : " (the aim's figure)"}`,
    mib(peak.rssKib),
    pss ? "" : `aim: <= 1536 MiB ${verdict(aimKib <= AIM_PEAK_KIB)}`,
  );
  row("peak of the build's node process alone, RSS", mib(peak.buildRssKib), "(the rest of the tree is Chromium)");
  row("most processes in the tree at once", `${sampler.mostProcesses}`);
  // The first checkpoint against the last one reached (all of them, unless the run was stopped).
  const reached = marks.filter((mark) => atMark.has(mark));
  if (reached.length > 1) {
    const [from, to] = [reached[0]!, reached[reached.length - 1]!];
    const [first, last] = [atMark.get(from)!, atMark.get(to)!];
    const span = `${from} to ${to} files`;
    const firstKib = pss ? first.peak.pssKib! : first.peak.rssKib;
    const lastKib = pss ? last.peak.pssKib! : last.peak.rssKib;
    const growth = lastKib / firstKib - 1;
    row(`growth of peak memory (${pss ? "PSS" : "RSS"}), ${span}`, percent(growth), `aim: < +20% ${verdict(growth < AIM_GROWTH)}`);
    if (pss) row(`growth of peak memory (RSS), ${span}`, percent(last.peak.rssKib / first.peak.rssKib - 1));
    const slower = last.window.perFile / first.window.perFile - 1;
    row(`time per file at ${to} vs at ${from}`, percent(slower), `aim: within 15% ${verdict(Math.abs(slower) <= AIM_FLAT)}`);
    row(`time per page at ${to} vs at ${from}`, percent(last.window.perPage / first.window.perPage - 1));
  } else {
    row("growth and time per file between checkpoints", "n/a", "the build stopped before the second checkpoint");
  }
  const share = (ms: number) => `${((ms / 1000 / run.seconds) * 100).toFixed(1)}%`;
  row(`memory samples (RSS every ${SAMPLE_MS} ms)`, `${sampler.samples.length}`);
  if (pss) row("  of which also PSS", `${sampler.pssSamples}`, `every ${(run.seconds / sampler.pssSamples).toFixed(1)} s on average`);
  row("memory sampler's own CPU time (reading /proc)", share(sampler.costMs), `of one core (PSS: ${share(sampler.pssCostMs)})`);
  if (run.timedOut) process.exitCode = 1;
}
