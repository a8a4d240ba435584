/**
 * npm run new-brand -- ID [--region us|gb|ca|au] [--dir FOLDER]
 * Writes a brand pack that builds at once: data/brands/ID/ by default, or
 * any folder (then build it with --brand FOLDER). The new pack is checked
 * before the command reports success.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { brandsDir, loadBrand } from "../brand/load.ts";
import { writeNewPack } from "../brand/new-pack.ts";
import { regionIds, type BrandFile } from "../brand/schema.ts";
import { loadContent } from "../content/load.ts";
import { idSchema } from "../content/schemas.ts";
import { displayPath } from "../content/yaml-file.ts";
import { CommandFailed, reportProblems, UsageError, type CommandContext } from "../infra/report.ts";

function fail(message: string): never {
  throw new UsageError(message);
}

export async function newBrand(args: string[], { dataDir, console: out }: CommandContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
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

  const content = loadContent(dataDir);
  if (!content.value) {
    reportProblems(content.problems, out);
    throw new CommandFailed();
  }
  const dir = values.dir ? resolve(values.dir) : resolve(brandsDir(dataDir), id);
  const brandArgument = values.dir ? displayPath(dir) : id;
  let files: string[];
  try {
    files = writeNewPack({ id, region: region as BrandFile["region"], dir, dataDir, content: content.value, brandArgument });
  } catch (error) {
    // The pack's folder exists or cannot be written: say so plainly.
    fail((error as Error).message);
  }
  // The placeholder logo is expected here: it is what the owner replaces next.
  const check = loadBrand(dir, content.value);
  const todo = check.problems.filter((problem) => problem.kind === "placeholder");
  const others = check.problems.filter((problem) => problem.kind !== "placeholder");
  if (!reportProblems(others, out)) throw new CommandFailed();
  const paper = content.value.regions[region]!.paper;
  out.log(`new-brand: wrote ${files.map(displayPath).join(" and ")}`);
  if (!values.region)
    out.log(
      `new-brand: no --region given, so it uses ${region} (United States contacts, ${paper === "letter" ? "US Letter" : "A4"} paper); run it again with --region gb, ca or au for another`,
    );
  out.log(
    `Next: ${todo.length ? "replace logo.svg with your logo, " : ""}edit brand.yaml, then: npm run build -- --brand ${brandArgument}`,
  );
}
