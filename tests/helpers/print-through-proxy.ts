/**
 * For tests/hostile/browser-network.test.ts: one brand's one-minute guide
 * printed by the build's own print step, with the browser routed through
 * the proxy given as argv[2], then left idle for argv[3] ms (Chromium's
 * background services start within seconds). Run as its own process
 * (Eleventy loads its TypeScript config through tsx, not under vitest).
 * Prints the paths of the files made, as JSON.
 */
import { join } from "node:path";
import { resolveBrandDir } from "../../src/brand/load.ts";
import { buildPrints, PrintSession } from "../../src/build/print.ts";
import { runChecks } from "../../src/checks.ts";
import { DATA_DIR } from "../../src/infra/paths.ts";
import { planPrints } from "../../src/materials/plan.ts";
import { localizeBrand } from "../../src/site/target.ts";
import { tempDir } from "./cli.ts";

const [proxy, idleMs] = [process.argv[2]!, Number(process.argv[3])];
const { content, brands } = runChecks({ dataDir: DATA_DIR, brandDirs: [resolveBrandDir(DATA_DIR, "upstander")] });
const brand = brands[0]!;
const session = new PrintSession({
  bleed: false,
  progress: { done: () => {}, end: () => {} },
  buildDir: tempDir("network"),
  browserArgs: [`--proxy-server=${proxy}`],
});
try {
  const plan = planPrints(brand, { materials: ["one-minute-guide"], locales: ["en"] });
  const files = await buildPrints(
    { content: content!, brand, sites: localizeBrand(content!, brand) },
    plan,
    join(tempDir("network-out"), brand.id),
    session,
  );
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  console.log(JSON.stringify(files.map((file) => file.path)));
} finally {
  await session.close();
}
