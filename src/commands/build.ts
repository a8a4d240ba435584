/**
 * npm run build [-- --brand ID|PATH --locale en,es --material poster --no-pdf --bleed --press --out DIR]
 * Checks the output folder and everything else first; then, per brand, the
 * print PDFs (one Chromium for the whole build) and the static site, whose
 * downloads page lists them, into the build's own folder inside the output.
 * Brand folders are swapped in only when every brand has built
 * (src/build/output-dir.ts).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { resolveBrandDir, shippedBrandDirs, type Brand } from "../brand/load.ts";
import { parseBuildArgs, type BuildOptions } from "../build/options.ts";
import { claimOutput, faultPoint, inspectOutput, unchangedBrands, type Output } from "../build/output-dir.ts";
import { brandFingerprints, selectionOf } from "../build/fingerprint.ts";
import { checksValidUntil } from "../content/cross-check.ts";
import { keepUnbuiltPrints } from "../build/keep-prints.ts";
import { buildPrints, PrintProblemsError, PrintSession } from "../build/print.ts";
import { publishBrand } from "../build/site.ts";
import { shareOfPlans } from "../build/shard.ts";
import type { ShardManifest } from "../build/merge.ts";
import { localizeBrand } from "../site/target.ts";
import { runChecks } from "../checks.ts";
import { PrintCache } from "../print/cache.ts";
import { writeManifest, type ManifestFile, type ManifestPressFile } from "../print/manifest.ts";
import { buildPressFiles } from "../build/press.ts";
import { planPrints } from "../materials/plan.ts";
import { progress } from "../infra/progress.ts";
import { ROOT } from "../infra/paths.ts";
import type { Problem } from "../infra/problems.ts";
import { CommandFailed, reportProblems, UsageError, type CommandContext } from "../infra/report.ts";

/** --locale names languages every selected brand publishes; checked before any work. */
function checkLocaleFlag(brands: Brand[], options: BuildOptions) {
  for (const brand of brands) {
    const missing = options.locales?.filter((l) => !brand.locales.includes(l)) ?? [];
    if (missing.length)
      throw new UsageError(`--locale: brand ${brand.id} has no ${missing.join(", ")} (it has ${brand.locales.join(", ")})`);
  }
}

/** On Ctrl-C or a kill signal: stop the browser and remove the build's working folder before exiting. */
function cleanUpOnSignals(output: Output, session: PrintSession, out: Console) {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    process.once(signal, () => {
      out.error(`\nbuild: stopped by ${signal}; the previous output is unchanged`);
      try {
        session.killNow();
        output.releaseNow();
      } finally {
        process.exit(code);
      }
    });
  }
  process.once("exit", () => session.killNow());
}

export async function build(args: string[], context: CommandContext): Promise<void> {
  const started = performance.now();
  const { dataDir, console: out } = context;
  const options = parseBuildArgs(args);
  const brandDirs = options.brands.map((b) => resolveBrandDir(dataDir, b));
  const protect = { project: ROOT, data: dataDir, brandDirs: brandDirs.length ? brandDirs : shippedBrandDirs(dataDir) };
  inspectOutput(options.out, protect);
  // A brand whose inputs did not change since its folder was built is kept as it is (a shard always builds its share).
  const hashes = options.shard ? [] : await brandFingerprints(dataDir, protect.brandDirs, selectionOf(options));
  const unchanged = options.force
    ? new Map<string, string>()
    : await unchangedBrands(options.out, hashes, new Date().toISOString().slice(0, 10));
  if (hashes.length && hashes.every((hash) => unchanged.has(hash))) {
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    out.log(
      `build: nothing changed since the last build: ${hashes.length} brand(s) in ${join(options.out)}/ kept as they are (${seconds} s)`,
    );
    return;
  }
  const { content, brands: checked, problems } = runChecks({ dataDir, brandDirs });
  if (!reportProblems(problems, out) || !content) throw new CommandFailed();
  checkLocaleFlag(checked, options);
  // Brands load in the order of their folders, so each brand's hash is at its index.
  const brands = checked.filter((brand, index) => unchanged.get(hashes[index]!) !== brand.id);
  const hashOf = new Map(checked.map((brand, index) => [brand.id, hashes[index]]));
  for (const brand of checked) if (!brands.includes(brand)) out.log(`site: ${brand.id} unchanged since the last build, kept`);
  // The flyer pairs the brand's first two locales even when --locale picks one of them.
  const planned = brands.map((brand) => (options.pdf ? planPrints(brand, { materials: options.materials, locales: options.locales }) : []));
  const plans = shareOfPlans(
    brands.map((brand) => brand.id),
    planned,
    options.shard,
  );

  const output = await claimOutput(options.out, protect);
  const session = new PrintSession({
    bleed: options.bleed,
    progress: progress(plans.flat().length, context.stdout),
    cache: new PrintCache(context.cacheDir, out),
    buildDir: output.buildDir,
  });
  if (context.ownProcess) cleanUpOnSignals(output, session, out);
  let succeeded = false;
  try {
    await output.refuseForeignFiles(brands.map((b) => b.id));
    // Every brand's print problems are listed in one run: a brand that fails does not stop the others.
    const printProblems: Problem[] = [];
    for (const [index, brand] of brands.entries()) {
      const brandDir = output.staged(brand.id);
      // The brand's text, localized once for both of its Eleventy runs and the PDFs' metadata,
      // and only while the brand builds: a build of many brands does not hold them all at once.
      const target = { content, brand, sites: localizeBrand(content, brand) };
      // With several brands, each file is named inside its brand's folder, as in the output.
      const inBrandFolder = (problem: Problem) => (checked.length > 1 ? { ...problem, file: `${brand.id}/${problem.file}` } : problem);
      let made: ManifestFile[] = [];
      try {
        made = plans[index]!.length ? await buildPrints(target, plans[index]!, brandDir, session) : [];
      } catch (error) {
        if (!(error instanceof PrintProblemsError)) throw error;
        printProblems.push(...error.problems.map(inBrandFolder));
        continue;
      }
      // --material, --locale and --no-pdf replace only the files they make: the brand's others carry over
      // (not into a shard, which holds exactly its share).
      const files = options.shard ? made : await keepUnbuiltPrints(join(output.dir, brand.id), brandDir, planPrints(brand), made);
      let press: ManifestPressFile[] | undefined;
      if (options.press && files.length) {
        const made = await buildPressFiles(brand, files, brandDir);
        if (made.problems.length) {
          printProblems.push(...made.problems.map(inBrandFolder));
          continue;
        }
        press = made.press;
        out.log(`press: ${brand.id}, ${press.length} PDF/X file(s) checked (${press[0]?.pdfx}, ${press[0]?.outputIntent})`);
      }
      const manifest = { brand: brand.id, files, ...(press && { press }) };
      if (options.shard) {
        // A shard's share, with what merge needs to check the shards belong together; the site is rendered at merge.
        const { out: _, shard, force: __, ...selection } = options;
        const share: ShardManifest = { ...manifest, shard: { ...shard!, options: selection } };
        await mkdir(brandDir, { recursive: true });
        await writeManifest(brandDir, share);
      } else await publishBrand(target, manifest, brandDir, out);
      faultPoint("staging");
    }
    const browserNote = await session.browserNote();
    if (browserNote) out.log(browserNote);
    if (printProblems.length) throw new PrintProblemsError(printProblems);
    const built = Object.fromEntries(brands.flatMap((brand) => (hashOf.get(brand.id) ? [[brand.id, hashOf.get(brand.id)!]] : [])));
    await output.commit(
      brands.map((b) => b.id),
      { hashes: built, recheckOn: checksValidUntil(content) },
    );
    succeeded = true;
  } finally {
    session.options.progress.end();
    await session.close();
    await output.release({ succeeded });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const files = session.rendered + session.reused;
  const printed = options.pdf
    ? `, ${files} print file(s) with ${session.pages} page(s) (${session.rendered} printed, ${session.reused} unchanged)`
    : "";
  const kept = checked.length - brands.length;
  out.log(
    `build: ${brands.length} brand(s)${kept ? ` (${kept} unchanged, kept)` : ""}${printed} into ${join(options.out)}/ in ${seconds} s`,
  );
}
