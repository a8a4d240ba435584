/** npm run new-brand: src/commands/new-brand.ts, run as its own process. */
import { newBrand } from "../src/commands/new-brand.ts";
import { runCommand } from "../src/infra/report.ts";

runCommand("new-brand", newBrand);
