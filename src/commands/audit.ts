/**
 * npm run audit [-- --dir DIR --brand ID|PATH --only CHECK,...]: accessibility and privacy of a
 * finished build (dist/ by default; run npm run build first). Prints each
 * problem, then the counts per check; exit 1 when there is any problem.
 * The print pages are rendered again from the brand packs (the shipped ones,
 * and any named with --brand) for the clear-print rules.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkNames, runAudit, type CheckName } from "../audit/run.ts";
import { resolveBrandDir, shippedBrandDirs } from "../brand/load.ts";
import { runChecks } from "../checks.ts";
import { formatProblem } from "../infra/problems.ts";
import { CommandFailed, reportProblems, UsageError, type CommandContext } from "../infra/report.ts";

/** --only axe,keyboard (or the names the summary prints, such as "target size"): the checks to run. */
function parseOnly(list: string): Set<CheckName> {
  const byName = new Map(
    Object.entries(checkNames).flatMap(([key, name]) => [
      [key.toLowerCase(), key],
      [name.toLowerCase(), key],
    ]),
  );
  const checks = list.split(",").map((name) => name.trim().toLowerCase());
  const unknown = checks.filter((name) => !byName.has(name));
  if (unknown.length)
    throw new UsageError(`--only: no check named ${unknown.join(", ")}; the checks are ${Object.keys(checkNames).join(", ")}`);
  return new Set(checks.map((name) => byName.get(name) as CheckName));
}

export async function audit(args: string[], { dataDir, console: out, stdout }: CommandContext): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { dir: { type: "string", default: "dist" }, brand: { type: "string", multiple: true }, only: { type: "string" } },
  });
  const only = values.only === undefined ? undefined : parseOnly(values.only);
  const dir = resolve(values.dir);
  if (!existsSync(dir)) throw new UsageError(`${values.dir} does not exist; run npm run build first`);
  const started = performance.now();
  const checked = runChecks({
    dataDir,
    brandDirs: [...shippedBrandDirs(dataDir), ...(values.brand ?? []).map((b) => resolveBrandDir(dataDir, b))],
  });
  if (!reportProblems(checked.problems, out) || !checked.content) throw new CommandFailed();
  const content = checked.content;
  const brands = new Map(checked.brands.map((brand) => [brand.id, { content, brand }]));
  const result = await runAudit(dir, {
    brands,
    onPage: (where) => stdout.isTTY && stdout.write(`\raudit: ${where}`.padEnd(80)),
    only,
  });
  if (stdout.isTTY) stdout.write("\r".padEnd(81) + "\r");
  for (const problem of result.problems) out.error(formatProblem(problem));
  const counts = (Object.keys(checkNames) as CheckName[])
    .filter((check) => !only || only.has(check))
    .map((check) => `${checkNames[check]} ${result.problems.filter((p) => p.checkKey === check).length}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out.log(`audit: ${result.pages} page(s), ${result.pdfs} PDF(s) in ${seconds} s; problems: ${counts.join(", ")}`);
  if (result.problems.length) throw new CommandFailed();
}
