/**
 * The one Puppeteer step: Chromium, recycled every 100 pages, each tab in a
 * browser context of its own, about one page per core at a time, loading
 * built print pages over a local server. Loading by URL rather than setContent() is what makes Chromium
 * embed the @font-face fonts. JavaScript is off in print pages, every
 * request that leaves the build folder's server is refused, fonts are
 * awaited, and each page has a time limit.
 * https://pptr.dev/api/puppeteer.page.pdf
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { rm } from "node:fs/promises";
import type { Browser, BrowserContext, CDPSession, Page } from "puppeteer";
import { BrowserGoneError } from "./browser-gone.ts";
import { LayoutProblemsError, type LayoutProblem } from "./layout-problems.ts";
import type { PageWords } from "./outline.ts";
import { launchBrowser, type LaunchOptions } from "../infra/browser.ts";
import { pxToMm, type PageGeometry } from "../materials/paper.ts";
import { StageTimes } from "../infra/stage-times.ts";

/**
 * Pages one browser prints before a fresh one replaces it: a relaunch costs
 * about a second, under 2% of 100 pages. With it, the browser's share of
 * the volume bench's memory (`npm run bench -- --volume`) stayed about
 * 700 MiB from 100 to 1,000 files; other values are not yet measured.
 */
export const RECYCLE_AFTER_PAGES = 100;

/**
 * Pages one tab prints before its browser context is replaced. A fresh
 * context per page was measured at 2.5 times the cost of reusing one (569
 * against 229 ms a PDF: each new context starts a renderer process, with
 * empty caches for the fonts and stylesheet every page shares). 100 against
 * 25: 398 and 430 against 435 and 449 ms a PDF, two runs each of the default
 * brand's 90 files; at 100 a tab keeps its context until its browser retires.
 */
export const PAGES_PER_CONTEXT = 100;

/** The most one page may take, in milliseconds: UPSTANDER_PAGE_TIMEOUT seconds, or a minute. */
function pageTimeoutMs(): number {
  const seconds = Number(process.env.UPSTANDER_PAGE_TIMEOUT);
  return seconds > 0 ? seconds * 1000 : 60_000;
}

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

/** A tab in a browser context of its own, which it prints a few dozen pages in before it is replaced. */
class Tab {
  /** Requests are allowed only to the origin of the page being printed. */
  private origin = "";
  /** Pages printed in this tab's context. */
  printed = 0;

  private constructor(
    readonly instance: BrowserInstance,
    private readonly context: BrowserContext,
    readonly page: Page,
    private readonly oneAtATime: SerialQueue,
    private readonly devtools: CDPSession,
    private readonly timeoutMs: number,
    private readonly stages: StageTimes,
  ) {}

  static async open(instance: BrowserInstance, screenshots: SerialQueue, timeoutMs: number, stages: StageTimes): Promise<Tab> {
    const context = await instance.browser.createBrowserContext();
    const page = await context.newPage();
    const devtools = await page.createCDPSession();
    await devtools.send("DOM.enable");
    await devtools.send("CSS.enable");
    const tab = new Tab(instance, context, page, screenshots, devtools, timeoutMs, stages);
    await tab.page.setJavaScriptEnabled(false);
    await tab.page.emulateMediaType("print");
    await tab.page.setRequestInterception(true);
    tab.page.on("request", (request) => {
      if (request.url().startsWith(`${tab.origin}/`)) void request.continue();
      else void request.abort("blockedbyclient");
    });
    return tab;
  }

  /** Closes the tab's context, and with it whatever the page still waits for. */
  close(): Promise<void> {
    return this.context.close().catch(() => undefined);
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
    // Asked all at once: DevTools answers in order, and one round trip per element waited on each in turn.
    const fontsOf = await Promise.all(nodeIds.map((nodeId) => this.devtools.send("CSS.getPlatformFontsForNode", { nodeId })));
    const problems: LayoutProblem[] = [];
    for (const [index, nodeId] of nodeIds.entries()) {
      const system = fontsOf[index]!.fonts.filter((font) => !font.isCustomFont);
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

  async render(request: RenderRequest): Promise<Rendered> {
    const { page, stages } = this;
    await stages.time("browser: load the page and its fonts", () => this.load(request));
    const words = await stages.time("browser: check the layout", () => this.checkLayout(request));
    const { image } = request;
    const pdf = image
      ? undefined
      : await stages.time("browser: print the PDF", () =>
          page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: this.timeoutMs }),
        );
    // Screenshots of two tabs at once can hang headless Chromium, and a tab in
    // the background may render no frame to capture
    // (https://github.com/puppeteer/puppeteer/issues/12712): take them one at
    // a time, each tab brought to the front first. PDFs still print in parallel.
    const captured =
      image &&
      (await this.oneAtATime.run(() =>
        stages.time("browser: capture the image", async () => {
          await page.bringToFront();
          // Faster zlib settings in Chromium: sharp re-encodes the image anyway.
          return page.screenshot({ type: "png", optimizeForSpeed: true, clip: { x: 0, y: 0, ...image } });
        }),
      ));
    return { pdf, words, image: captured };
  }

  private async load({ url, geometry, image }: RenderRequest): Promise<void> {
    const { page } = this;
    this.origin = new URL(url).origin;
    await page.setViewport({
      width: image?.width ?? mmToPx(geometry.media.width),
      height: image?.height ?? mmToPx(geometry.media.height),
      deviceScaleFactor: 1,
    });
    const response = await page.goto(url, { waitUntil: "load", timeout: this.timeoutMs });
    if (!response?.ok()) throw new Error(`could not load ${url} (HTTP ${response?.status() ?? "no response"})`);
    const failedFonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((font) => font.status === "error").map((font) => font.family);
    });
    if (failedFonts.length) throw new Error(`fonts did not load: ${failedFonts.join(", ")}`);
    // The page laid out from scratch, now that every font is in: text first laid out before its font
    // arrived can keep the pieces of that first layout, and Chromium writes one link annotation per
    // piece, so the same page would print with a different number of annotations from run to run.
    await page.evaluate(() => {
      document.body.style.display = "none";
      void document.body.offsetHeight;
      document.body.style.display = "";
      void document.body.offsetHeight;
    });
  }

  /** Overflow, the layout rules and fallback fonts, each problem named; then the headings' and links' words. */
  private async checkLayout({ fixedPages }: RenderRequest): Promise<PageWords> {
    const { page } = this;
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
    return page.evaluate(readPageWords);
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

/** Renders at most `size` pages at once; the rest wait their turn, first come first served. */
class Slots {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

/** One launched Chromium: how many pages it has started, how many it is printing, and whether it is still there. */
class BrowserInstance {
  /** Set when Chromium goes away (killed, crashed, out of memory). */
  gone = false;
  started = 0;
  active = 0;
  /** Replaced by a fresh browser: closed as soon as its last page is done. */
  retiring = false;

  constructor(
    readonly browser: Browser,
    readonly profileDir: string | undefined,
  ) {
    browser.once("disconnected", () => (this.gone = true));
  }

  async close(): Promise<void> {
    if (!this.gone) await this.browser.close().catch(() => undefined);
    this.browser.process()?.kill("SIGKILL");
    if (this.profileDir) await rm(this.profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}

export interface RendererOptions {
  /** How the browser starts; each browser gets its own profile folder, numbered after `userDataDir`. */
  launch?: LaunchOptions;
  /** Pages printed at once, each in its own tab: about one per core. */
  tabs?: number;
  /** Pages a tab prints before its browser context is replaced by a fresh one. */
  pagesPerContext?: number;
  /** Pages a browser prints before a fresh browser replaces it, so its memory cannot grow with the build. */
  recycleAfter?: number;
  /** The most one page may take, from opening to its PDF; past it the page is closed and the file fails. */
  pageTimeoutMs?: number;
  /** Told each new browser's process id, so that a killed build's browser can be stopped later. */
  onLaunch?: (pid: number | undefined) => void;
  /** Where the time of each page's stages is added up. */
  stages?: StageTimes;
}

/** A page that did not finish in time: the file fails, naming what it waited for. */
export class PageTimeoutError extends Error {
  constructor(seconds: number) {
    super(
      `did not finish printing within ${seconds} s (a file it loads never arrived, or the page is too heavy); the limit is UPSTANDER_PAGE_TIMEOUT`,
    );
  }
}

/**
 * The print step's browsers: at most `tabs` pages at once, each tab in a
 * browser context of its own (no cookies, storage or cache shared with the
 * other tabs), replaced by a fresh one after `pagesPerContext` pages or any
 * failure. A browser is recycled after `recycleAfter` pages; one that dies
 * is relaunched, and the files it was printing are printed again, once.
 * Every page is bounded by `pageTimeoutMs`, and every DevTools call by the
 * browser's protocol timeout, so no build can hang.
 * https://pptr.dev/api/puppeteer.browser.createbrowsercontext
 */
export class PrintRenderer {
  /** Browsers launched so far (the first included): more than one means some were recycled or relaunched. */
  launches = 0;
  /** Browsers that died (killed, crashed) and were replaced. */
  relaunched = 0;
  /** Files printed a second time because their browser died. */
  retries = 0;
  private instance?: Promise<BrowserInstance>;
  private readonly live = new Set<BrowserInstance>();
  private readonly idle: Tab[] = [];
  private readonly slots: Slots;
  private readonly screenshots = new SerialQueue();

  private constructor(private readonly options: Required<Omit<RendererOptions, "onLaunch">> & Pick<RendererOptions, "onLaunch">) {
    this.slots = new Slots(options.tabs);
  }

  static async launch(options: RendererOptions = {}): Promise<PrintRenderer> {
    const renderer = new PrintRenderer({
      launch: options.launch ?? {},
      tabs: options.tabs ?? Math.max(1, Math.min(4, availableParallelism())),
      pagesPerContext: options.pagesPerContext ?? PAGES_PER_CONTEXT,
      recycleAfter: options.recycleAfter ?? RECYCLE_AFTER_PAGES,
      pageTimeoutMs: options.pageTimeoutMs ?? pageTimeoutMs(),
      onLaunch: options.onLaunch,
      stages: options.stages ?? new StageTimes(),
    });
    // The first browser starts now, so that a browser that cannot start is reported before any page.
    await renderer.current();
    return renderer;
  }

  render(request: RenderRequest): Promise<Rendered> {
    return this.slots.run(async () => {
      try {
        return await this.renderOnce(request);
      } catch (error) {
        if (!(error instanceof BrowserGoneError)) throw error;
        // Its browser died under it (killed, crashed): once more, in a fresh browser.
        this.retries += 1;
        return await this.renderOnce(request);
      }
    });
  }

  private async renderOnce(request: RenderRequest): Promise<Rendered> {
    const instance = await this.current();
    instance.started += 1;
    instance.active += 1;
    let tab: Tab | undefined;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Closing the tab's context ends whatever the page still waits for.
        void tab?.close();
        reject(new PageTimeoutError(this.options.pageTimeoutMs / 1000));
      }, this.options.pageTimeoutMs);
    });
    let done = false;
    try {
      const work = (async () => {
        tab = await this.options.stages.time("browser: open a tab", () => this.tabIn(instance));
        return await tab.render(request);
      })();
      work.catch(() => undefined); // its failure after a timeout is already reported as the timeout
      const rendered = await Promise.race([work, deadline]);
      done = true;
      return rendered;
    } catch (error) {
      // Puppeteer reports a dead browser as "Protocol error ... Session closed" on each page: say what happened instead.
      throw instance.gone ? new BrowserGoneError() : error;
    } finally {
      clearTimeout(timer);
      if (tab) {
        tab.printed += 1;
        // A tab that failed, or has printed its share, is replaced: the next file starts clean.
        if (done && tab.printed < this.options.pagesPerContext && !instance.retiring && !instance.gone) this.idle.push(tab);
        else await tab.close();
      }
      instance.active -= 1;
      if (instance.retiring && instance.active === 0) await this.retire(instance);
    }
  }

  /** An idle tab of this browser, or a new one. */
  private async tabIn(instance: BrowserInstance): Promise<Tab> {
    const index = this.idle.findIndex((tab) => tab.instance === instance);
    if (index >= 0) return this.idle.splice(index, 1)[0]!;
    return Tab.open(instance, this.screenshots, this.options.pageTimeoutMs, this.options.stages);
  }

  /** The browser to print with: the current one, or a fresh one when it has printed its share or died. */
  private async current(): Promise<BrowserInstance> {
    for (;;) {
      const launching = (this.instance ??= this.startBrowser());
      const instance = await launching;
      if (!instance.gone && instance.started < this.options.recycleAfter) return instance;
      if (this.instance === launching) {
        if (instance.gone) this.relaunched += 1;
        this.instance = undefined;
        instance.retiring = true;
        if (instance.active === 0) await this.retire(instance);
      }
    }
  }

  private async startBrowser(): Promise<BrowserInstance> {
    const { userDataDir } = this.options.launch;
    // Two browsers may overlap while one is recycled, and Chromium allows one browser per profile.
    const profileDir = userDataDir && `${userDataDir}-${this.launches + 1}`;
    let browser: Browser;
    try {
      browser = await launchBrowser({ ...this.options.launch, userDataDir: profileDir, protocolTimeoutMs: this.options.pageTimeoutMs });
    } catch (error) {
      // The first browser not starting is a setup problem; a later one, a browser that keeps dying.
      if (this.launches === 0) throw error;
      throw new BrowserGoneError();
    }
    this.launches += 1;
    const instance = new BrowserInstance(browser, profileDir);
    this.live.add(instance);
    this.options.onLaunch?.(browser.process()?.pid);
    return instance;
  }

  /** Closes a browser (its idle tabs with it) and removes its profile. */
  private async retire(instance: BrowserInstance): Promise<void> {
    if (!this.live.delete(instance)) return;
    for (let i = this.idle.length - 1; i >= 0; i--) if (this.idle[i]!.instance === instance) this.idle.splice(i, 1);
    await instance.close();
  }

  async close(): Promise<void> {
    this.instance = undefined;
    await Promise.all([...this.live].map((instance) => this.retire(instance)));
  }
}
