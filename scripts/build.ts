/**
 * npm run build [-- --brand ID|PATH --locale en,es --material poster --no-pdf --bleed --out DIR]
 * Checks everything first; then, per brand, the print PDFs (one Chromium
 * for the whole build) and the static site, whose downloads page lists
 * them, into a staging folder that replaces the output only when every
 * brand has built.
 */
import { join } from "node:path";
import { resolveBrandDir, type Brand } from "../src/brand/load.ts";
import { withStagingDir } from "../src/build/atomic-dir.ts";
import { parseBuildArgs, type BuildOptions } from "../src/build/options.ts";
import { buildPrints, PrintProblemsError, PrintSession } from "../src/build/print.ts";
import { renderWithEleventy } from "../src/build/site.ts";
import { runChecks } from "../src/checks.ts";
import type { Content } from "../src/content/load.ts";
import { PrintCache } from "../src/print/cache.ts";
import { writeManifest } from "../src/print/manifest.ts";
import { planPrints } from "../src/print/plan.ts";
import { progress } from "../src/print/progress.ts";
import { DATA_DIR } from "../src/paths.ts";
import { reportProblems } from "../src/report.ts";

function selectLocales(brand: Brand, options: BuildOptions): Brand {
  if (!options.locales) return brand;
  const missing = options.locales.filter((l) => !brand.locales.includes(l));
  if (missing.length) throw new Error(`--locale: brand ${brand.id} has no ${missing.join(", ")} (it has ${brand.locales.join(", ")})`);
  return { ...brand, locales: brand.locales.filter((l) => options.locales!.includes(l)) };
}

async function main() {
  const started = performance.now();
  const options = parseBuildArgs(process.argv.slice(2));
  const { content, brands, problems } = runChecks({
    dataDir: DATA_DIR,
    brandDirs: options.brands.map((b) => resolveBrandDir(DATA_DIR, b)),
  });
  if (!reportProblems(problems) || !content) process.exit(1);
  // The flyer pairs the brand's first two locales even when --locale picks one of them.
  const plans = brands.map((brand) => (options.pdf ? planPrints(brand, { materials: options.materials, locales: options.locales }) : []));
  const selected = brands.map((brand) => selectLocales(brand, options));
  const session = new PrintSession({ bleed: options.bleed, progress: progress(plans.flat().length), cache: new PrintCache() });

  try {
    await withStagingDir(
      options.out,
      async (staging) => {
        for (const [index, brand] of selected.entries()) {
          const target = { content: content as Content, brand: brands[index]! };
          const brandDir = join(staging, brand.id);
          const files = plans[index]!.length ? await buildPrints(target, plans[index]!, brandDir, session) : [];
          if (options.pdf) await writeManifest(brandDir, { brand: brand.id, files });
          await renderWithEleventy({ content: content as Content, brand, site: { downloads: files } }, brandDir);
          console.log(`site: ${brand.id} (${brand.locales.join(", ")})`);
        }
      },
      (entry) => !entry.startsWith("."),
    );
  } finally {
    session.options.progress.end();
    await session.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const pdfs = session.rendered + session.reused;
  const printed = options.pdf ? `, ${pdfs} PDF(s) with ${session.pages} page(s) (${session.rendered} printed, ${session.reused} unchanged)` : "";
  console.log(`build: ${selected.length} brand(s)${printed} into ${options.out}/ in ${seconds} s`);
}

main().catch((error: Error) => {
  if (error instanceof PrintProblemsError) console.error(error.problems.map((p) => `error: ${p}`).join("\n"));
  console.error(`build failed: ${error instanceof PrintProblemsError ? `${error.problems.length} print file(s) could not be made` : error.message}`);
  process.exit(1);
});
