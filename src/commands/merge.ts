/**
 * npm run merge [-- --out DIR] SHARD_DIR...
 * Combines the outputs of a sharded build (`npm run build -- --shard K/N`)
 * into one output, as one unsharded build would have made it: each brand's
 * print files from the shards (checked against the plan and their
 * checksums, src/build/merge.ts), its complete manifest, and its site,
 * rendered here because its downloads page lists every file. The output is
 * claimed, staged and swapped in like a build's (src/build/output-dir.ts):
 * all brands or nothing.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { resolveBrandDir, shippedBrandDirs } from "../brand/load.ts";
import { collectBrandFiles, readShards } from "../build/merge.ts";
import { claimOutput, inspectOutput } from "../build/output-dir.ts";
import { brandFingerprints, selectionOf } from "../build/fingerprint.ts";
import { checksValidUntil } from "../content/cross-check.ts";
import { publishBrand } from "../build/site.ts";
import { runChecks } from "../checks.ts";
import { ROOT } from "../infra/paths.ts";
import { fileProblem, type Problem } from "../infra/problems.ts";
import { CommandFailed, reportProblems, UsageError, type CommandContext } from "../infra/report.ts";
import { planPrints } from "../materials/plan.ts";
import { localizeBrand } from "../site/target.ts";

/** `--out DIR` and the shard folders. */
export function parseMergeArgs(args: string[]): { out: string; shards: string[] } {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { out: { type: "string", default: "dist" } },
  });
  if (!positionals.length) throw new UsageError("name the shards' output folders, e.g. npm run merge -- --out dist shard-1 shard-2");
  return { out: values.out, shards: positionals };
}

export async function merge(args: string[], context: CommandContext): Promise<void> {
  const started = performance.now();
  const { dataDir, console: out } = context;
  const { out: outDir, shards: shardDirs } = parseMergeArgs(args);
  const read = readShards(shardDirs);
  if (!read.shards) {
    reportProblems(read.problems, out);
    throw new CommandFailed();
  }
  const { options, brands: shares, total } = read.shards;
  const brandDirs = options.brands.map((b) => resolveBrandDir(dataDir, b));
  const protect = { project: ROOT, data: dataDir, brandDirs: brandDirs.length ? brandDirs : shippedBrandDirs(dataDir) };
  inspectOutput(outDir, protect);
  const { content, brands, problems } = runChecks({ dataDir, brandDirs });
  if (!reportProblems(problems, out) || !content) throw new CommandFailed();

  // Every brand's files, checked across the shards before anything is written.
  const mergeProblems: Problem[] = [];
  const collected = brands.map((brand) => {
    const plan = options.pdf ? planPrints(brand, { materials: options.materials, locales: options.locales }) : [];
    const result = collectBrandFiles(brand.id, shares.get(brand.id) ?? [], plan);
    mergeProblems.push(...result.problems);
    return result.brand;
  });
  for (const id of shares.keys())
    if (!brands.some((brand) => brand.id === id))
      mergeProblems.push(fileProblem("merge", id, "is in the shards, but not a brand this build selects"));
  if (!reportProblems(mergeProblems, out)) throw new CommandFailed();

  const output = await claimOutput(outDir, protect);
  let succeeded = false;
  try {
    await output.refuseForeignFiles(brands.map((b) => b.id));
    for (const [index, brand] of brands.entries()) {
      const { files, press, sources } = collected[index]!;
      const brandDir = output.staged(brand.id);
      for (const [path, from] of sources) {
        await mkdir(dirname(join(brandDir, path)), { recursive: true });
        await copyFile(join(from, path), join(brandDir, path));
      }
      const manifest = { brand: brand.id, files, ...(options.press && files.length && { press }) };
      await publishBrand({ content, brand, sites: localizeBrand(content, brand) }, manifest, brandDir, out);
    }
    // The same input hashes an unsharded build records, so building into the merged output again is a no-op.
    const hashes = await brandFingerprints(dataDir, protect.brandDirs, selectionOf(options));
    await output.commit(
      brands.map((b) => b.id),
      { hashes: Object.fromEntries(brands.map((brand, index) => [brand.id, hashes[index]!])), recheckOn: checksValidUntil(content) },
    );
    succeeded = true;
  } finally {
    await output.release({ succeeded });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const files = collected.reduce((sum, brand) => sum + brand!.files.length, 0);
  out.log(`merge: ${total} shard(s), ${brands.length} brand(s), ${files} print file(s) into ${outDir}/ in ${seconds} s`);
}
