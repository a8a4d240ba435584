/** npm run audit: src/commands/audit.ts, run as its own process. */
import { audit } from "../src/commands/audit.ts";
import { runCommand } from "../src/infra/report.ts";

runCommand("audit", audit);
