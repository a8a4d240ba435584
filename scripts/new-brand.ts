/**
 * npm run new-brand -- ID [--region us|gb|ca|au] [--dir FOLDER]
 * Writes a brand pack that builds at once: data/brands/ID/ by default, or
 * any folder (then build it with --brand FOLDER). The new pack is checked
 * before the command reports success.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { brandsDir, loadBrand } from "../src/brand/load.ts";
import { writeNewPack } from "../src/brand/new-pack.ts";
import { regionIds, type BrandFile } from "../src/brand/schema.ts";
import { loadContent } from "../src/content/load.ts";
import { idSchema } from "../src/content/schemas.ts";
import { displayPath } from "../src/content/yaml-file.ts";
import { DATA_DIR } from "../src/paths.ts";
import { commandArgs, reportProblems, runCommand, UsageError } from "../src/report.ts";

function fail(message: string): never {
  throw new UsageError(message);
}

runCommand("new-brand", async () => {
  const { values, positionals } = parseArgs({
    args: commandArgs(),
    allowPositionals: true,
    options: { region: { type: "string", default: "us" }, dir: { type: "string" } },
});
  const id = positionals[0] ?? fail("give the new brand's id, e.g. npm run new-brand -- northshire");
  const idCheck = idSchema.safeParse(id);
  if (!idCheck.success) fail(`"${id}" ${idCheck.error.issues[0]!.message}`);
  if (!(regionIds as readonly string[]).includes(values.region)) fail(`--region must be one of ${regionIds.join(", ")}, not "${values.region}"`);

  const content = loadContent(DATA_DIR);
  if (!content.value) {
    reportProblems(content.problems);
    process.exit(1);
  }
  const dir = values.dir ? resolve(values.dir) : resolve(brandsDir(DATA_DIR), id);
  const brandArgument = values.dir ? displayPath(dir) : id;
  let written: string[];
  try {
    written = writeNewPack({ id, region: values.region as BrandFile["region"], dir, dataDir: DATA_DIR, content: content.value, brandArgument });
  } catch (error) {
    // The pack's folder exists or cannot be written: say so plainly.
    fail((error as Error).message);
  }
  const check = loadBrand(dir, content.value);
  if (!reportProblems(check.problems)) process.exit(1);
  console.log(`new-brand: wrote ${written.map(displayPath).join(" and ")}`);
  console.log(`Edit brand.yaml and replace logo.svg, then: npm run build -- --brand ${brandArgument}`);
});
