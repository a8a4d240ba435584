/**
 * Safe on every page, in a real browser, for every shipped brand (fixture
 * copies): the quick exit on every page, the root included; nothing with
 * keyboard focus hidden under the sticky bar, tabbing forwards and
 * backwards at 1280 x 800 and at 400% zoom (the root and every page of the
 * default brand in its first language, the root, home, get-help and
 * what-to-do pages of the others; every page in every language with
 * UPSTANDER_SOAK set); the bar within 15% of the height
 * at 400% zoom with text spacing widened; on a 375 x 667 phone, the page
 * title and the main help contact in the first screen; the get-help page
 * with each contact once and the region's crisis line. (The downloads
 * page's link texts are tested in print.test.ts, which builds the PDFs.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer";
import { parse } from "yaml";
import { describe, expect, inject, it } from "vitest";
import { obscuredFocusProblems, stickyBarProblems } from "../../src/audit/focus-visibility.ts";
import { mapConcurrently } from "../../src/infra/pool.ts";
import { ROOT } from "../../src/infra/paths.ts";
import { browserServing } from "../helpers/browser.ts";

const BRANDS = ["upstander", "northshire", "puente"];
const contacts = parse(readFileSync(join(ROOT, "data", "content", "contacts.yaml"), "utf8")) as Array<{
  id: string;
  region: string;
  phone?: string;
  crisis?: boolean;
  source: string;
  verified: string;
}>;
const regionOf = { upstander: "us", northshire: "gb", puente: "ca" } as Record<string, string>;

const out = inject("sharedBuild").out;

const pagesOf = (brand: string) =>
  readdirSync(join(out, brand), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => `/${brand}/${file}`.replace(/index\.html$/, ""))
    .sort();

const served = browserServing(out);

async function withPage<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const page = await served.browser.newPage();
  try {
    return await use(page);
  } finally {
    await page.close();
  }
}

describe.each(BRANDS)("%s", (brand) => {
  it("has the quick exit on every page, the root included, first after the skip link", () => {
    const pages = pagesOf(brand);
    expect(pages).toContain(`/${brand}/`);
    expect(pages.length).toBeGreaterThan(20);
    for (const path of pages) {
      const html = readFileSync(join(out, path.endsWith("/") ? `${path}index.html` : path), "utf8");
      const firstLink = html.indexOf("<a ", html.indexOf("<body"));
      const secondLink = html.indexOf("<a ", firstLink + 1);
      expect(html.slice(firstLink, firstLink + 40), path).toContain('class="skip-link"');
      expect(html.slice(secondLink, secondLink + 40), path).toContain('class="quick-exit__button"');
    }
  });

  it("never hides the focused element under the sticky bar, tabbing either way at 1280 x 800 and 320 x 256", async () => {
    // A few tabs at once, as the audit walks them (src/infra/pool.ts).
    const pack = parse(readFileSync(join(inject("sharedBuild").data, "brands", brand, "brand.yaml"), "utf8")) as { locales: string[] };
    const first = `/${brand}/${pack.locales[0]}/`;
    // Every page of the default brand; the pages people reach first for the others (the bar and
    // the content are the same templates); every page in every language with UPSTANDER_SOAK set.
    const reachedFirst = [first, `${first}get-help/`, `${first}what-to-do/`];
    const walked = pagesOf(brand).filter(
      (p) => process.env.UPSTANDER_SOAK || p === `/${brand}/` || (brand === "upstander" ? p.startsWith(first) : reachedFirst.includes(p)),
    );
    expect(walked.length).toBeGreaterThan(brand === "upstander" ? 10 : 3);
    const found = await mapConcurrently(walked, 4, (path) =>
      withPage(async (page) => (await obscuredFocusProblems(page, served.server.url + path)).map((problem) => `${path} ${problem}`)),
    );
    expect(found.flat()).toEqual([]);
  });

  it("keeps the sticky bar within 15% of the height at 400% zoom with text spacing widened", async () => {
    await withPage(async (page) => {
      for (const path of [`/${brand}/`, `/${brand}/${brand === "puente" ? "es" : "en"}/get-help/`])
        expect(await stickyBarProblems(page, served.server.url + path), path).toEqual([]);
    });
  });

  it("shows the page title and the main help contact in the first screen of a 375 x 667 phone", async () => {
    await withPage(async (page) => {
      await page.setViewport({ width: 375, height: 667 });
      for (const path of pagesOf(brand).filter((p) => /\/(en|es)\/(|get-help\/|what-to-do\/|for-parents\/)$/.test(p))) {
        await page.goto(served.server.url + path, { waitUntil: "load" });
        const bottoms = (await page.evaluate(
          `[document.querySelector("h1"), document.querySelector(".help-now .help-line__way")].map((e) => e.getBoundingClientRect().bottom)`,
        )) as number[];
        expect(Math.max(...bottoms), path).toBeLessThanOrEqual(667);
      }
    });
  });

  it("lists each contact once on the get-help page, the region's crisis line among them", () => {
    const crisis = contacts.filter((c) => c.crisis && c.region === regionOf[brand]);
    expect(crisis).toHaveLength(1);
    expect(crisis[0]!.source).toMatch(/^https:\/\//);
    expect(crisis[0]!.verified).toMatch(/^\d{4}-\d\d-\d\d$/);
    for (const locale of readdirSync(join(out, brand)).filter((d) => /^[a-z]{2}$/.test(d))) {
      const html = readFileSync(join(out, brand, locale, "get-help", "index.html"), "utf8");
      const main = html.slice(html.indexOf("<main"));
      const names = [...main.matchAll(/<h3 class="contact-list__name">([^<]+)<\/h3>/g)].map((m) => m[1]);
      expect(names.length).toBeGreaterThan(3);
      expect(new Set(names).size, `${locale}: ${names.join(", ")}`).toBe(names.length);
      expect(main).toContain(`>${crisis[0]!.phone}</a>`);
      // Also where self-harm is a listed sign.
      expect(readFileSync(join(out, brand, locale, "warning-signs", "index.html"), "utf8")).toContain(`>${crisis[0]!.phone}</a>`);
    }
  });
});
