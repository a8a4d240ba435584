/**
 * The quick exit in a real browser: Shift three times leaves, the button
 * leaves, and with JavaScript off the button is still a working link.
 * The exit site is answered locally: this test sends nothing off the machine.
 */
import { join } from "node:path";
import type { Browser, Page } from "puppeteer";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../../../src/infra/browser.ts";
import { run, tempDir } from "../../../../tests/helpers/cli.ts";
import { serve } from "../../../../src/infra/static-server.ts";

const EXIT_URL = "https://www.weather.gov/";
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

async function openPage(path: string, { javascript = true } = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(javascript);
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url().startsWith(server.url)) return void request.continue();
    if (request.url() === EXIT_URL) return void request.respond({ status: 200, contentType: "text/html", body: "<title>Weather</title>" });
    return void request.abort();
  });
  await page.goto(server.url + path, { waitUntil: "load" });
  return page;
}

beforeAll(async () => {
  const out = tempDir("quick-exit");
  const built = await run("build", ["--brand", "upstander", "--no-pdf", "--out", out]);
  expect(built.code).toBe(0);
  server = await serve(join(out, "upstander"));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Do something on the page and wait until it has navigated to the exit site. */
async function expectExit(page: Page, action: () => Promise<unknown>) {
  const left = page.waitForNavigation();
  await action();
  await left;
  expect(page.url()).toBe(EXIT_URL);
}

describe("quick exit", () => {
  it("leaves when Shift is pressed three times", async () => {
    const page = await openPage("/en/get-help/");
    await expectExit(page, async () => {
      for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
    });
    await page.close();
  });

  it("does not leave on two presses, or when another key comes between", async () => {
    const page = await openPage("/es/");
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await page.keyboard.press("a");
    await page.keyboard.press("Shift");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(page.url()).toBe(`${server.url}/es/`);
    expect(await page.$eval("[data-quick-exit-status]", (el) => el.textContent)).toBe("Tecla Mayúsculas presionada 1 de 3 veces.");
    await page.close();
  });

  it("leaves from the button, replacing this page in the tab's history", async () => {
    const page = await openPage("/en/what-to-do/");
    const entriesBefore = await page.evaluate(() => history.length);
    await expectExit(page, () => page.click(".quick-exit__button"));
    // location.replace(): the exit site takes this page's place instead of adding an entry after it.
    expect(await page.evaluate(() => history.length)).toBe(entriesBefore);
    await page.close();
  });

  it("leaves on Space, as a button does (it has role=button)", async () => {
    const page = await openPage("/en/warning-signs/");
    await page.focus(".quick-exit__button");
    expect(await page.$eval(".quick-exit__button", (el) => el.getAttribute("role"))).toBe("button");
    await expectExit(page, () => page.keyboard.press("Space"));
    await page.close();
  });

  it("keeps the shape of a button in forced colours: its border shows in a screenshot", async () => {
    const page = await openPage("/en/");
    // Puppeteer's emulateMediaFeatures does not accept forced-colors; DevTools' own call does.
    const devtools = await page.createCDPSession();
    await devtools.send("Emulation.setEmulatedMedia", { features: [{ name: "forced-colors", value: "active" }] });
    const box = (await (await page.$(".quick-exit__button"))!.boundingBox())!;
    // A strip across the button's top edge, from the page above it into the button.
    const clip = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y) - 3, width: 1, height: 8 };
    const { data, info } = await sharp(await page.screenshot({ clip }))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixel = (row: number) => [...data.subarray(row * info.channels, row * info.channels + 3)].join(",");
    // Above the edge: the page; on the edge: the border, in another colour.
    expect(pixel(3), "border row").not.toBe(pixel(0));
    expect(await page.$eval(".quick-exit__button", (el) => getComputedStyle(el).borderTopStyle)).toBe("solid");
    await page.close();
  });

  it("works as a plain link with JavaScript turned off", async () => {
    const page = await openPage("/en/", { javascript: false });
    await expectExit(page, () => page.click(".quick-exit__button"));
    await page.close();
  });

  it("is the first stop for the keyboard after the skip link", async () => {
    const page = await openPage("/en/for-parents/");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("quick-exit__button");
    await page.close();
  });
});
