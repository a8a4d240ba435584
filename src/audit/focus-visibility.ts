/**
 * WCAG 2.2 2.4.11 Focus Not Obscured: a sticky bar (our quick exit) must
 * never wholly cover what has keyboard focus. Each page is tabbed through
 * forwards and backwards at a desktop size and at 400% zoom (320 x 256 CSS
 * px, a 1280 x 1024 screen), with real key presses so the browser scrolls
 * as it would for a person. At 400% zoom, with the WCAG 1.4.12 text-spacing
 * override, sticky and fixed bars together must take at most 15% of the
 * height, or too little page is left to read.
 * https://www.w3.org/WAI/WCAG22/Understanding/focus-not-obscured-minimum
 */
import type { CDPSession, Page } from "puppeteer";

export const viewports = [
  { width: 1280, height: 800, name: "1280 x 800" },
  { width: 320, height: 256, name: "320 x 256 (400% zoom)" },
] as const;
export const MAX_BAR_SHARE = 0.15;

/** WCAG 1.4.12's test values, as the W3C's text-spacing bookmarklet sets them. */
export const TEXT_SPACING_CSS =
  "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }";

/** Runs in the page, once per page and size: remembers the sticky and fixed elements (they do not move). */
const FIND_BARS = `window.__bars = [...document.querySelectorAll("body *")].filter((e) => ["sticky", "fixed"].includes(getComputedStyle(e).position))`;

/**
 * Runs in the page at each focus stop: which interactive element has focus
 * (in-page.js numbers them), whether it shows a focus style, and whether it
 * is wholly hidden under one of the bars or out of view.
 */
const FOCUS_STOP = `(() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body || focused === document.documentElement) return null;
  const style = getComputedStyle(focused);
  const stop = {
    index: focused.getAttribute("data-audit-index"),
    styled: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none",
    hidden: null,
  };
  const r = focused.getBoundingClientRect();
  const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight), left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
  const name = focused.localName + (focused.className ? "." + String(focused.className).split(" ")[0] : "") + ' "' + (focused.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40) + '"';
  if (bottom <= top || right <= left) return { ...stop, hidden: name + " is scrolled out of view" };
  for (const element of window.__bars) {
    if (element.contains(focused)) continue;
    const bar = element.getBoundingClientRect();
    if (bar.top <= top && bar.bottom >= bottom && bar.left <= left && bar.right >= right)
      return { ...stop, hidden: name + " is wholly under " + element.localName + "." + String(element.className).split(" ")[0] };
  }
  return stop;
})()`;

/** What one focus stop shows: the element's audit number (null when unnumbered), its focus style, and why it is hidden. */
export interface FocusStop {
  index: string | null;
  styled: boolean;
  hidden: string | null;
}

/** The Tab key, as Chrome DevTools sends it (https://chromedevtools.github.io/devtools-protocol/tot/Input/#method-dispatchKeyEvent). */
const TAB = { key: "Tab", code: "Tab", windowsVirtualKeyCode: 9 };
const SHIFT = 8;

/**
 * Press Tab (or Shift+Tab) `stops` times, with real key events so the
 * browser moves focus and scrolls as it would for a person, and look at
 * each stop. Key down and key up go out together: one round trip a press.
 */
async function tabThrough(page: Page, input: CDPSession, backwards: boolean, stops: number): Promise<(FocusStop | null)[]> {
  const modifiers = backwards ? SHIFT : 0;
  const seen: (FocusStop | null)[] = [];
  for (let press = 0; press < stops; press++) {
    await Promise.all([
      input.send("Input.dispatchKeyEvent", { type: "rawKeyDown", modifiers, ...TAB }),
      input.send("Input.dispatchKeyEvent", { type: "keyUp", modifiers, ...TAB }),
    ]);
    seen.push((await page.evaluate(FOCUS_STOP)) as FocusStop | null);
  }
  return seen;
}

const NUMBERED = `document.querySelectorAll("[data-audit-index]").length`;
const FOCUSABLE = `document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])").length`;

export interface FocusWalk {
  /** Focus stops hidden by a sticky bar, at each size, either way. */
  obscured: string[];
  /** The forward walk at the desktop size: every stop in order, for the keyboard check. */
  forwards: (FocusStop | null)[];
}

/**
 * On a loaded page: at each size, Tab from the top to the end and
 * Shift+Tab from there back up, as a reader going back does.
 */
export async function walkFocus(page: Page): Promise<FocusWalk> {
  // Each tab acts as the focused page, as a reader's would: otherwise only the tab in front
  // matches :focus-visible, and tabs walked side by side would lose their focus styles.
  await page.emulateFocusedPage(true);
  const obscured = new Set<string>();
  let forwards: (FocusStop | null)[] = [];
  const stops = ((await page.evaluate(`Math.max(${NUMBERED}, ${FOCUSABLE})`)) as number) + 3;
  const input = await page.createCDPSession();
  try {
    for (const viewport of viewports) {
      await page.setViewport({ width: viewport.width, height: viewport.height });
      await page.evaluate(`window.scrollTo(0, 0); document.activeElement?.blur(); ${FIND_BARS}`);
      for (const backwards of [false, true]) {
        const walk = await tabThrough(page, input, backwards, stops);
        if (viewport === viewports[0] && !backwards) forwards = walk;
        for (const stop of walk)
          if (stop?.hidden) obscured.add(`at ${viewport.name}, with ${backwards ? "Shift+Tab" : "Tab"}: ${stop.hidden}`);
      }
    }
  } finally {
    await input.detach();
  }
  return { obscured: [...obscured], forwards };
}

/** Focus stops hidden by a sticky bar on the page at `url` (loaded here). */
export async function obscuredFocusProblems(page: Page, url: string): Promise<string[]> {
  await page.goto(url, { waitUntil: "load" });
  return (await walkFocus(page)).obscured;
}

/** Sticky and fixed bars at 400% zoom with text spacing widened: their share of the height. */
export async function stickyBarProblems(page: Page, url: string): Promise<string[]> {
  const { width, height } = viewports[1];
  await page.setViewport({ width, height });
  // The page's CSP allows only its own stylesheets: the override is injected past it.
  await page.setBypassCSP(true);
  await page.goto(url, { waitUntil: "load" });
  await page.addStyleTag({ content: TEXT_SPACING_CSS });
  const bars = (await page.evaluate(`[...document.querySelectorAll("body *")]
    .filter((e) => ["sticky", "fixed"].includes(getComputedStyle(e).position) && e.getBoundingClientRect().height > 0)
    .map((e) => ({ name: e.localName + "." + String(e.className).split(" ")[0], height: e.getBoundingClientRect().height }))`)) as {
    name: string;
    height: number;
  }[];
  const total = bars.reduce((sum, bar) => sum + bar.height, 0);
  return total > MAX_BAR_SHARE * height
    ? [
        `sticky bars (${bars.map((b) => `${b.name} ${Math.round(b.height)} px`).join(", ")}) take ${Math.round((100 * total) / height)}% of the height at 320 x 256 with text spacing widened; at most ${MAX_BAR_SHARE * 100}%`,
      ]
    : [];
}
