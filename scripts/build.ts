/**
 * npm run build [-- --brand ID|PATH --locale en,es --material poster --no-pdf --bleed --out DIR]
 * Checks everything first; then, per brand, the static site into a staging
 * folder that replaces the output only when every brand has built.
 */
import { join } from "node:path";
import { resolveBrandDir, type Brand } from "../src/brand/load.ts";
import { withStagingDir } from "../src/build/atomic-dir.ts";
import { parseBuildArgs, type BuildOptions } from "../src/build/options.ts";
import { buildSite } from "../src/build/site.ts";
import { runChecks } from "../src/checks.ts";
import type { Content } from "../src/content/load.ts";
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
  const selected = brands.map((brand) => selectLocales(brand, options));

  await withStagingDir(
    options.out,
    async (staging) => {
      for (const brand of selected) {
        await buildSite({ content: content as Content, brand }, join(staging, brand.id));
        console.log(`site: ${brand.id} (${brand.locales.join(", ")})`);
      }
    },
    (entry) => !entry.startsWith("."),
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`build: ${selected.length} brand(s) into ${options.out}/ in ${seconds} s`);
}

main().catch((error: Error) => {
  console.error(`build failed: ${error.message}`);
  process.exit(1);
});
