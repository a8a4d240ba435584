/**
 * The default `npm run bench`: speed of the print step, as ratios measured
 * in this run on this machine (absolute seconds vary between machines;
 * ratios much less):
 * 1. per-PDF cost of our print step against the floor: Chromium's raw
 *    page.goto() + page.pdf() for the same built pages, one after another;
 * 2. the naive way (a browser launch per PDF) against our print step;
 * 3. `npm run build` with nothing changed against a full build.
 * Each figure is the median of the runs.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { buildPrints, PrintSession } from "../../src/build/print.ts";
import { renderWithEleventy } from "../../src/build/site.ts";
import { localizeBrand } from "../../src/site/target.ts";
import { runChecks } from "../../src/checks.ts";
import { htmlPathFor, planPrints } from "../../src/materials/plan.ts";
import { launchBrowser } from "../../src/infra/browser.ts";
import type { Progress } from "../../src/infra/progress.ts";
import { serve } from "../../src/infra/static-server.ts";
import { DATA_DIR, ROOT } from "../../src/infra/paths.ts";
import { median, row, seconds, temp } from "./common.ts";

const silent: Progress = { done() {}, end() {} };

export async function ratios(runs: number): Promise<void> {
  const { content, brands } = runChecks({ dataDir: DATA_DIR, brandDirs: [] });
  const brand = brands[0]!;
  const target = { content: content!, brand, sites: localizeBrand(content!, brand) };
  const files = planPrints(brand);

  // The built print pages, for the raw floor and the naive way.
  const pagesDir = temp("pages");
  await renderWithEleventy({ ...target, print: { files, bleed: false } }, pagesDir);
  const server = await serve(pagesDir);
  const urls = files.map((file) => `${server.url}/${htmlPathFor(file)}`);

  async function rawPdf(tab: Awaited<ReturnType<Awaited<ReturnType<typeof launchBrowser>>["newPage"]>>, url: string) {
    await tab.goto(url, { waitUntil: "load" });
    await tab.pdf({ preferCSSPageSize: true, printBackground: true });
  }

  const floor: number[] = [];
  const ours: number[] = [];
  const oursCold: number[] = [];
  const naive: number[] = [];
  const full: number[] = [];
  const unchanged: number[] = [];
  /** Node's own CPU time per PDF in the warm print step (its share of the two cores Chromium also needs). */
  const nodeCpu: number[] = [];
  let stages: ReturnType<PrintSession["stages"]["entries"]> = [];

  for (let run = 0; run < runs; run += 1) {
    const browser = await launchBrowser();
    const tab = await browser.newPage();
    await rawPdf(tab, urls[0]!); // warm the tab once, as our pool is warm after its first file
    floor.push(
      (await seconds(async () => {
        for (const url of urls) await rawPdf(tab, url);
      })) / urls.length,
    );
    await browser.close();

    // Our print step with no cache: cold (including the browser launch), then warm (browser already up).
    const session = new PrintSession({ bleed: false, progress: silent, buildDir: temp("work") });
    oursCold.push(await seconds(() => buildPrints(target, files, temp("ours"), session)));
    session.stages.clear();
    const cpuBefore = process.cpuUsage();
    ours.push((await seconds(() => buildPrints(target, files, temp("ours"), session))) / files.length);
    const cpu = process.cpuUsage(cpuBefore);
    nodeCpu.push((cpu.user + cpu.system) / 1e6 / files.length);
    stages = session.stages.entries();
    await session.close();

    naive.push(
      await seconds(async () => {
        for (const url of urls) {
          const once = await launchBrowser();
          await rawPdf(await once.newPage(), url);
          await once.close();
        }
      }),
    );

    // Whole builds, as a user runs them: a full build with an empty cache, then the same build again.
    const out = join(temp("dist"), "dist");
    const env = { ...process.env, UPSTANDER_CACHE: temp("cache") };
    const build = () =>
      execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "build.ts"), "--out", out], {
        cwd: ROOT,
        env,
        stdio: "ignore",
      });
    full.push(await seconds(build));
    unchanged.push(await seconds(build));
  }
  await server.close();

  const [f, o, oc, n, b, u] = [floor, ours, oursCold, naive, full, unchanged].map(median) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  console.log(`bench: ${files.length} PDFs of the default brand, ${runs} run(s), medians\n`);
  row("Chromium floor per PDF (goto + page.pdf, one tab)", `${(f * 1000).toFixed(0)} ms`, "");
  row("our print step per PDF (finish, previews, tab pool)", `${(o * 1000).toFixed(0)} ms`, "");
  row("  ratio to the floor", `${(o / f).toFixed(2)}x`, "aim: <= 1.3x");
  console.log("\n  where the print step's time goes, per PDF (last run; tabs print at once, so stages overlap):");
  for (const { stage, ms } of stages) row(`  ${stage}`, `${(ms / files.length).toFixed(0)} ms`);
  row("  Node's CPU time (finishing, checks, previews, DevTools)", `${(median(nodeCpu) * 1000).toFixed(0)} ms`);
  console.log();
  row("naive: a browser launch per PDF, all files", `${n.toFixed(2)} s`, "");
  row("our print step, all files, browser launch included", `${oc.toFixed(2)} s`, "");
  row("  naive / ours", `${(n / oc).toFixed(1)}x`, "aim: >= 5x");
  row("npm run build, full (empty cache)", `${b.toFixed(2)} s`, "");
  row("npm run build, nothing changed", `${u.toFixed(2)} s`, "");
  row("  unchanged / full", `${((u / b) * 100).toFixed(0)}%`, "aim: <= 10%");
}
