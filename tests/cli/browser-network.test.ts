/**
 * The build's Chromium stays home: through a recording proxy, a real print
 * run (one brand's one-minute guide) and the idle time after it make no
 * request to any other host, and no lookup (every connection Chromium
 * would open elsewhere goes through the proxy and would be recorded). A
 * Chromium launched without our switches, beside it, is recorded calling
 * Google's servers: the proxy would see ours if it did the same.
 */
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import puppeteer from "puppeteer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ROOT } from "../../src/infra/paths.ts";
import { copyOfData } from "../helpers/cli.ts";

/** How long each browser stays open after its work: Chromium's background services start within seconds. */
const IDLE_MS = 10_000;

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

  const printRun = promisify(execFile)(
    process.execPath,
    ["--import", "tsx", join(ROOT, "tests", "helpers", "print-through-proxy.ts"), ours.address, String(IDLE_MS)],
    {
      cwd: ROOT,
      env: { ...process.env, UPSTANDER_DATA: copyOfData() },
    },
  );
  const [{ stdout }] = await Promise.all([printRun, controlRun]);
  expect(JSON.parse(stdout)).toEqual(["print/one-minute-guide-en-letter.pdf"]);
  expect(control.seen.length).toBeGreaterThan(0);
  expect(ours.seen).toEqual([]);
}, 90_000);
