/**
 * npm run check [-- --brand ID|PATH ...]: every content and brand check, no rendering.
 * Exit 0 when there are no errors (warnings are printed), 1 otherwise.
 */
import { parseArgs } from "node:util";
import { resolveBrandDir } from "../brand/load.ts";
import { runChecks } from "../checks.ts";
import { reviewStatus } from "../content/review.ts";
import { CommandFailed, reportProblems, type CommandContext } from "../infra/report.ts";

export async function check(args: string[], { dataDir, console: out }: CommandContext): Promise<void> {
  const { values } = parseArgs({ args, options: { brand: { type: "string", multiple: true } } });
  const { problems, brands, content } = runChecks({ dataDir, brandDirs: (values.brand ?? []).map((b) => resolveBrandDir(dataDir, b)) });
  if (!reportProblems(problems, out)) throw new CommandFailed();
  out.log(`check: content and ${brands.length} brand(s) OK (${brands.map((b) => b.id).join(", ")})`);
  // How much of each translation a fluent speaker has checked (review.yaml); unchecked ones say so on every page and material.
  const statuses = Object.keys(content!.locales).flatMap((locale) => reviewStatus(content!, locale) ?? []);
  for (const { locale, reviewed, total, stale } of statuses) {
    const share = Math.floor((100 * reviewed) / total);
    const changed = stale.length ? `; ${stale.length} reviewed against English that has changed since` : "";
    out.log(`translation ${locale}: ${share}% reviewed by a fluent speaker (${reviewed} of ${total} texts)${changed}`);
  }
}
