/**
 * The build's Chromium stays home: through a recording proxy, a real print
 * run (one brand's one-minute guide) and the idle time after it make no
 * request to any other host, and no lookup (every connection Chromium
 * would open elsewhere goes through the proxy and would be recorded). A
 * Chromium launched without our switches, beside it, is recorded calling
 * Google's servers: the proxy would see ours if it did the same.
 */
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import puppeteer from "puppeteer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { resolveBrandDir } from "../../src/brand/load.ts";
import { buildPrints, PrintSession } from "../../src/build/print.ts";
import { runChecks } from "../../src/checks.ts";
import { planPrints } from "../../src/materials/plan.ts";
import { localizeBrand } from "../../src/site/target.ts";
import { fixtureData, tempDir } from "../helpers/cli.ts";

/** How long each browser stays open after its work: Chromium's background services start within seconds. */
const IDLE_MS = 5_000;

function recordingProxy(): Promise<{ server: Server; seen: string[]; address: string }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.writeHead(502).end();
  });
  server.on("connect", (request, socket) => {
    seen.push(`CONNECT ${request.url}`);
    socket.end();
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, seen, address: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
    ),
  );
}

/** One brand's one-minute guide, printed by the build's own print step with the browser routed through `proxy`, then left idle. */
async function printThroughProxy(proxy: string): Promise<string[]> {
  const dataDir = fixtureData();
  const { content, brands } = runChecks({ dataDir, brandDirs: [resolveBrandDir(dataDir, "upstander")] });
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
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return files.map((file) => file.path);
  } finally {
    await session.close();
  }
}

let ours: Awaited<ReturnType<typeof recordingProxy>>;
let control: Awaited<ReturnType<typeof recordingProxy>>;
beforeAll(async () => {
  [ours, control] = await Promise.all([recordingProxy(), recordingProxy()]);
});
afterAll(() => {
  ours.server.close();
  control.server.close();
});

it("a print run makes no request and no lookup outside the machine; a browser without our switches does", async () => {
  const controlRun = (async () => {
    // Puppeteer's own defaults already switch some services off: drop those too, as a browser started by hand would have them.
    const browser = await puppeteer.launch({
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", `--proxy-server=${control.address}`],
      ignoreDefaultArgs: ["--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    await (await browser.newPage()).goto("data:text/html,<p>control</p>");
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    await browser.close();
  })();

  const [printed] = await Promise.all([printThroughProxy(ours.address), controlRun]);
  expect(printed).toEqual(["print/one-minute-guide-en-letter.pdf"]);
  expect(control.seen.length).toBeGreaterThan(0);
  expect(ours.seen).toEqual([]);
}, 90_000);
