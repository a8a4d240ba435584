/**
 * npm run check [-- --brand ID|PATH ...]: every content and brand check, no rendering.
 * Exit 0 when there are no errors (warnings are printed), 1 otherwise.
 */
import { parseArgs } from "node:util";
import { resolveBrandDir } from "../brand/load.ts";
import { runChecks } from "../checks.ts";
import { CommandFailed, reportProblems, type CommandContext } from "../infra/report.ts";

export async function check(args: string[], { dataDir, console: out }: CommandContext): Promise<void> {
  const { values } = parseArgs({ args, options: { brand: { type: "string", multiple: true } } });
  const { problems, brands } = runChecks({ dataDir, brandDirs: (values.brand ?? []).map((b) => resolveBrandDir(dataDir, b)) });
  if (!reportProblems(problems, out)) throw new CommandFailed();
  out.log(`check: content and ${brands.length} brand(s) OK (${brands.map((b) => b.id).join(", ")})`);
}
