/**
 * npm run check [-- --brand ID|PATH ...]: every content and brand check, no rendering.
 * Exit 0 when there are no errors (warnings are printed), 1 otherwise.
 */
import { parseArgs } from "node:util";
import { resolveBrandDir } from "../src/brand/load.ts";
import { runChecks } from "../src/checks.ts";
import { DATA_DIR } from "../src/infra/paths.ts";
import { commandArgs, failed, reportProblems, runCommand } from "../src/infra/report.ts";

runCommand("check", async () => {
  const { values } = parseArgs({ args: commandArgs(), options: { brand: { type: "string", multiple: true } } });
  const { problems, brands } = runChecks({
    dataDir: DATA_DIR,
    brandDirs: (values.brand ?? []).map((b) => resolveBrandDir(DATA_DIR, b)),
  });
  if (!reportProblems(problems)) return failed();
  console.log(`check: content and ${brands.length} brand(s) OK (${brands.map((b) => b.id).join(", ")})`);
});
