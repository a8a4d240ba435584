/** npm run build: src/commands/build.ts, run as its own process. */
import { build } from "../src/commands/build.ts";
import { runCommand } from "../src/infra/report.ts";

runCommand("build", build);
