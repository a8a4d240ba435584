/** npm run merge: src/commands/merge.ts, run as its own process. */
import { merge } from "../src/commands/merge.ts";
import { runCommand } from "../src/infra/report.ts";

runCommand("merge", merge);
