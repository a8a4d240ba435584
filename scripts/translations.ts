/** npm run translations: src/commands/translations.ts, run as its own process. */
import { translations } from "../src/commands/translations.ts";
import { runCommand } from "../src/infra/report.ts";

runCommand("translations", translations);
