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
import { DATA_DIR } from "../src/infra/paths.ts";
import { commandArgs, failed, reportProblems, runCommand, UsageError } from "../src/infra/report.ts";

function fail(message: string): never {
  throw new UsageError(message);
}

runCommand("new-brand", async () => {
  const { values, positionals } = parseArgs({
    args: commandArgs(),
    allowPositionals: true,
    options: { region: { type: "string" }, dir: { type: "string" } },
  });
  if (!positionals.length) fail("give the new brand's id, e.g. npm run new-brand -- northshire");
  // "Oakfield Primary" arrives as two words, or one with a space: suggest the id it would be.
  const written = positionals.join(" ");
  const id = written;
  const idCheck = idSchema.safeParse(id);
  if (!idCheck.success) {
    const suggestion = written
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 64);
    fail(`"${written}" ${idCheck.error.issues[0]!.message}${suggestion ? `: try npm run new-brand -- ${suggestion}` : ""}`);
  }
  const region = values.region ?? "us";
  if (!(regionIds as readonly string[]).includes(region)) {
    fail(
      `--region must be one of ${regionIds.join(", ")}, not "${region}"${region.toLowerCase() === "uk" ? ': for the United Kingdom use "gb"' : ""}`,
    );
  }

  const content = loadContent(DATA_DIR);
  if (!content.value) {
    reportProblems(content.problems);
    return failed();
  }
  const dir = values.dir ? resolve(values.dir) : resolve(brandsDir(DATA_DIR), id);
  const brandArgument = values.dir ? displayPath(dir) : id;
  let files: string[];
  try {
    files = writeNewPack({ id, region: region as BrandFile["region"], dir, dataDir: DATA_DIR, content: content.value, brandArgument });
  } catch (error) {
    // The pack's folder exists or cannot be written: say so plainly.
    fail((error as Error).message);
  }
  // The placeholder logo is expected here: it is what the owner replaces next.
  const check = loadBrand(dir, content.value);
  const todo = check.problems.filter((problem) => problem.kind === "placeholder");
  if (!reportProblems(check.problems.filter((problem) => problem.kind !== "placeholder"))) return failed();
  const paper = content.value.regions[region]!.paper;
  console.log(`new-brand: wrote ${files.map(displayPath).join(" and ")}`);
  if (!values.region)
    console.log(
      `new-brand: no --region given, so it uses ${region} (United States contacts, ${paper === "letter" ? "US Letter" : "A4"} paper); run it again with --region gb, ca or au for another`,
    );
  console.log(
    `Next: ${todo.length ? "replace logo.svg with your logo, " : ""}edit brand.yaml, then: npm run build -- --brand ${brandArgument}`,
  );
});
