/** A Chromium and a static server over a built folder, for a test file's (or describe block's) browser tests. */
import type { Browser } from "puppeteer";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "../../src/infra/browser.ts";
import { serve } from "../../src/infra/static-server.ts";

export interface Served {
  browser: Browser;
  server: Awaited<ReturnType<typeof serve>>;
}

/** Starts both before the tests and stops them after; read `.browser` and `.server` inside the tests. */
export function browserServing(dir: string): Served {
  const served = {} as Served;
  beforeAll(async () => {
    served.server = await serve(dir);
    served.browser = await launchBrowser();
  });
  afterAll(async () => {
    await served.browser?.close();
    await served.server?.close();
  });
  return served;
}
