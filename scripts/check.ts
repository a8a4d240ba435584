/** npm run check: src/commands/check.ts, run as its own process. */
import { check } from "../src/commands/check.ts";
import { runCommand } from "../src/infra/report.ts";

runCommand("check", check);
