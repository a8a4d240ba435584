/**
 * The one Puppeteer step: a single Chromium per build and a small pool of
 * tabs (about one per core), each loading built print pages over a local
 * server. Loading by URL rather than setContent() is what makes Chromium
 * embed the @font-face fonts. JavaScript is off in print pages, every
 * request that leaves the build folder's server is refused, fonts are
 * awaited, and each page has a time limit.
 * https://pptr.dev/api/puppeteer.page.pdf
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Browser, CDPSession, Page } from "puppeteer";
import { BrowserGoneError } from "./browser-gone.ts";
import { LayoutProblemsError, type LayoutProblem } from "./layout-problems.ts";
import type { PageWords } from "./outline.ts";
import { launchBrowser, type LaunchOptions } from "../infra/browser.ts";
import { pxToMm, type PageGeometry } from "../materials/paper.ts";

const PAGE_TIMEOUT_MS = 60_000;

export interface RenderRequest {
  url: string;
  geometry: PageGeometry;
  /** Fixed-size materials are measured for overflow before printing. */
  fixedPages: boolean;
  /** An image material: the page is captured at its exact pixel size, and no PDF is made. */
  image?: { width: number; height: number };
}

export interface Rendered {
  /** Absent for an image material. */
  pdf?: Uint8Array;
  /** The headings' and links' text as a reader hears it, for the PDF's bookmarks and link descriptions. */
  words: PageWords;
  /** An image material's PNG (its own preview); a PDF's preview is rendered from the finished PDF. */
  image?: Uint8Array;
}

/** Content that does not fit its page: how far it runs over, in millimetres, and which block to shorten. */
class OverflowError extends Error {
  constructor(overflow: Overflow) {
    const blocks = overflow.blocks.map(
      (block) => `${block.name}${block.source ? ` (${block.source})` : ""} ${pxToMm(block.height).toFixed(0)} mm`,
    );
    const culprit = blocks.length ? `; its tallest blocks: ${blocks.join(", ")}: shorten one of them` : "";
    super(`content overflows the page by ${pxToMm(overflow.px).toFixed(1)} mm${culprit}, or print on larger paper`);
  }
}

const layoutCheck = readFileSync(new URL("./layout-check.js", import.meta.url), "utf8");

const mmToPx = (mm: number) => Math.ceil((mm * 96) / 25.4);

/** Runs tasks one after another, in the order they were queued. */
class SerialQueue {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.last.then(task, task);
    this.last = result.catch(() => undefined);
    return result;
  }
}

class Tab {
  /** Requests are allowed only to the origin of the page being printed. */
  private origin = "";

  private constructor(
    readonly page: Page,
    private readonly oneAtATime: SerialQueue,
    private readonly devtools: CDPSession,
  ) {}

  static async open(browser: Browser, screenshots: SerialQueue): Promise<Tab> {
    const page = await browser.newPage();
    const devtools = await page.createCDPSession();
    await devtools.send("DOM.enable");
    await devtools.send("CSS.enable");
    const tab = new Tab(page, screenshots, devtools);
    await tab.page.setJavaScriptEnabled(false);
    await tab.page.emulateMediaType("print");
    await tab.page.setRequestInterception(true);
    tab.page.on("request", (request) => {
      if (request.url().startsWith(`${tab.origin}/`)) void request.continue();
      else void request.abort("blockedbyclient");
    });
    return tab;
  }

  /**
   * Text Chromium drew in a system font because the brand's bundled one has
   * no glyph for it (an arrow, a script it does not cover): in print that is
   * a different typeface, and on another machine perhaps a missing glyph.
   * Chromium says which fonts drew each element's text (DevTools
   * CSS.getPlatformFontsForNode); every bundled font is a web font.
   * https://chromedevtools.github.io/devtools-protocol/tot/CSS/#method-getPlatformFontsForNode
   */
  private async fallbackFonts(): Promise<LayoutProblem[]> {
    const { root } = await this.devtools.send("DOM.getDocument", { depth: 0 });
    const { nodeIds } = await this.devtools.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: "[data-layout-text]" });
    const problems: LayoutProblem[] = [];
    for (const nodeId of nodeIds) {
      const { fonts } = await this.devtools.send("CSS.getPlatformFontsForNode", { nodeId });
      const system = fonts.filter((font) => !font.isCustomFont);
      if (!system.length) continue;
      const { attributes } = await this.devtools.send("DOM.getAttributes", { nodeId });
      const about = await this.page.evaluate(
        (index) => {
          const element = document.querySelector(`[data-layout-text="${index}"]`)!;
          return {
            element: `<${element.localName}${element.classList.length ? `.${element.classList[0]}` : ""}>`,
            source: element.closest("[data-source]")?.getAttribute("data-source") ?? "",
            text: (element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60),
          };
        },
        attributes[attributes.indexOf("data-layout-text") + 1],
      );
      const glyphs = system.reduce((sum, font) => sum + font.glyphCount, 0);
      problems.push({
        kind: "font",
        ...about,
        detail: `has ${glyphs} character(s) drawn in ${system.map((f) => f.familyName).join(", ")}, a system font, because the brand's font has no glyph for them: use other characters, or a font that has them`,
      });
    }
    return problems;
  }

  async render({ url, geometry, fixedPages, image }: RenderRequest): Promise<Rendered> {
    const { page } = this;
    this.origin = new URL(url).origin;
    await page.setViewport({
      width: image?.width ?? mmToPx(geometry.media.width),
      height: image?.height ?? mmToPx(geometry.media.height),
      deviceScaleFactor: 1,
    });
    const response = await page.goto(url, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
    if (!response?.ok()) throw new Error(`could not load ${url} (HTTP ${response?.status() ?? "no response"})`);
    const failedFonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((font) => font.status === "error").map((font) => font.family);
    });
    if (failedFonts.length) throw new Error(`fonts did not load: ${failedFonts.join(", ")}`);
    if (fixedPages) {
      let overflow = await page.evaluate(measureOverflow);
      // Content that does not fit gets one more try in the material's compact form
      // (its CSS under .fit-compact: the poster drops its steps' short lines, for one) before it is refused.
      if (overflow.px > 1) {
        await page.evaluate(() => document.documentElement.classList.add("fit-compact"));
        overflow = await page.evaluate(measureOverflow);
      }
      if (overflow.px > 1) throw new OverflowError(overflow);
    }
    const problems = [...((await page.evaluate(layoutCheck)) as LayoutProblem[]), ...(await this.fallbackFonts())];
    if (problems.length) throw new LayoutProblemsError(problems);
    const words = await page.evaluate(readPageWords);
    const pdf = image
      ? undefined
      : await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: PAGE_TIMEOUT_MS });
    // Screenshots of two tabs at once can hang headless Chromium, and a tab in
    // the background may render no frame to capture
    // (https://github.com/puppeteer/puppeteer/issues/12712): take them one at
    // a time, each tab brought to the front first. PDFs still print in parallel.
    const captured =
      image &&
      (await this.oneAtATime.run(async () => {
        await page.bringToFront();
        // Faster zlib settings in Chromium: sharp re-encodes the image anyway.
        return page.screenshot({ type: "png", optimizeForSpeed: true, clip: { x: 0, y: 0, ...image } });
      }));
    return { pdf, words, image: captured };
  }
}

/**
 * Each heading's and link's text as laid out (innerText: a line break or
 * block is a space), in document order. Runs in the page (no helper
 * functions in here: tsx would wrap them in a __name() the page does not have).
 */
function readPageWords(): PageWords {
  return {
    headings: [...document.querySelectorAll<HTMLElement>("h1, h2, h3, h4, h5, h6")].map((heading) =>
      heading.innerText.replace(/\s+/g, " ").trim(),
    ),
    links: [...document.querySelectorAll<HTMLAnchorElement>("a[href]")].map((link) => ({
      href: link.href,
      text: link.innerText.replace(/\s+/g, " ").trim(),
    })),
  };
}

interface Overflow {
  px: number;
  /** The sheet's three tallest blocks, tallest first, and the brand's footer: what to shorten. */
  blocks: Array<{ name: string; source: string; height: number }>;
}

/**
 * How far, in CSS px, the content of the worst sheet runs past its bottom
 * padding or its sides, and that sheet's tallest block. Runs in the page (as
 * a function, so JavaScript stays off for the page's own scripts; no helper
 * functions in here: tsx would wrap them in a __name() the page does not have).
 */
function measureOverflow(): Overflow {
  let worst: Overflow = { px: 0, blocks: [] };
  for (const sheet of document.querySelectorAll<HTMLElement>(".sheet")) {
    const box = sheet.getBoundingClientRect();
    const style = getComputedStyle(sheet);
    const bottom = box.bottom - parseFloat(style.paddingBottom);
    let px = 0;
    for (const element of sheet.querySelectorAll("*")) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      px = Math.max(px, rect.bottom - bottom, rect.right - box.right, box.left - rect.left);
    }
    if (px <= worst.px) continue;
    // The three tallest blocks, and the footer when the brand wrote it: its own text is the first thing an owner can shorten.
    const tallest = [...sheet.children].sort((a, b) => b.getBoundingClientRect().height - a.getBoundingClientRect().height).slice(0, 3);
    const footer = sheet.querySelector(":scope > .colophon[data-source]");
    if (footer && !tallest.includes(footer)) tallest.push(footer);
    worst = {
      px,
      blocks: tallest.map((block) => ({
        name: block.getAttribute("data-block") ?? `<${block.localName}${block.classList.length ? `.${block.classList[0]}` : ""}>`,
        source: block.getAttribute("data-source") ?? "",
        height: block.getBoundingClientRect().height,
      })),
    };
  }
  return worst;
}

/** One browser and a pool of tabs; render() waits for a free tab. */
export class PrintRenderer {
  private readonly idle: Tab[] = [];
  private readonly waiting: ((tab: Tab) => void)[] = [];

  /** Set when Chromium goes away mid-build (killed, crashed, out of memory): every later page fails with one clear reason. */
  private gone = false;

  private constructor(private readonly browser: Browser) {
    browser.once("disconnected", () => (this.gone = true));
  }

  static async launch(launch: LaunchOptions = {}, tabs = Math.max(1, Math.min(4, availableParallelism()))): Promise<PrintRenderer> {
    const browser = await launchBrowser(launch);
    try {
      const renderer = new PrintRenderer(browser);
      const screenshots = new SerialQueue();
      renderer.idle.push(...(await Promise.all(Array.from({ length: tabs }, () => Tab.open(browser, screenshots)))));
      return renderer;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  async render(request: RenderRequest): Promise<Rendered> {
    if (this.gone) throw new BrowserGoneError();
    const tab = this.idle.pop() ?? (await new Promise<Tab>((resolve) => this.waiting.push(resolve)));
    try {
      return await tab.render(request);
    } catch (error) {
      // Puppeteer reports a dead browser as "Protocol error ... Session closed" on each page: say what happened instead.
      throw this.gone ? new BrowserGoneError() : error;
    } finally {
      const next = this.waiting.shift();
      if (next) next(tab);
      else this.idle.push(tab);
    }
  }

  /** The browser's process id, recorded so a killed build's browser can be stopped later. */
  get pid(): number | undefined {
    return this.browser.process()?.pid;
  }

  async close(): Promise<void> {
    if (!this.gone) await this.browser.close();
  }
}
