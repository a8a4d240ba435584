/**
 * Each built page, opened in Chromium and checked:
 *   - axe-core at WCAG 2.0-2.2 A/AA and best practice: zero violations;
 *   - every request goes to the page's own host (others are recorded, then refused);
 *     no cookie and no localStorage or sessionStorage entry is written;
 *   - the Content-Security-Policy names nothing from elsewhere;
 *   - keyboard: Tab reaches every interactive element and each shows a focus style;
 *     targets at least 24 x 24 CSS px (WCAG 2.5.8, links in a sentence excepted);
 *   - prefers-reduced-motion leaves nothing moving;
 *   - reflow: no horizontal scrolling at 320 CSS px, nor at 200% zoom (640 px of a 1280 px window);
 *   - the quick exit is on the page; nothing with focus is hidden under a sticky bar, and the
 *     bars stay small at 400% zoom (focus-visibility.ts).
 * https://github.com/dequelabs/axe-core/blob/develop/doc/API.md
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "puppeteer";
import { stickyBarProblems, walkFocus, type FocusStop } from "./focus-visibility.ts";

export const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const inPageChecks = readFileSync(fileURLToPath(new URL("./in-page.js", import.meta.url)), "utf8");

export interface PageFindings {
  axe: string[];
  outside: string[];
  storage: string[];
  csp: string[];
  keyboard: string[];
  targets: string[];
  motion: string[];
  reflow: string[];
  quickExit: string[];
  focusObscured: string[];
}

/** CSP sources that keep everything on the page's own host. */
const ownSources = new Set(["'self'", "'none'"]);

export function cspProblems(html: string): string[] {
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(html)?.[1];
  if (!policy) return ["has no Content-Security-Policy"];
  return policy
    .split(";")
    .map((directive) => directive.trim().split(/\s+/))
    .flatMap(([name, ...sources]) =>
      sources.filter((source) => !ownSources.has(source)).map((source) => `Content-Security-Policy ${name} allows ${source}`),
    );
}

/** Tab reaches every interactive element, each showing a focus style: read from the forward walk at the desktop size. */
function keyboardProblems(forwards: (FocusStop | null)[], interactive: string[]): string[] {
  const reached = new Set<string>();
  const problems: string[] = [];
  for (const stop of forwards) {
    if (!stop || stop.index === null) continue;
    if (reached.has(stop.index)) break;
    reached.add(stop.index);
    if (!stop.styled) problems.push(`${interactive[Number(stop.index)]} shows no focus style`);
  }
  interactive.forEach((element, index) => {
    if (!reached.has(String(index))) problems.push(`${element} cannot be reached with Tab`);
  });
  return problems;
}

async function horizontalScroll(page: Page, width: number): Promise<boolean> {
  await page.setViewport({ width, height: 800 });
  return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1") as Promise<boolean>;
}

async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(axeTags)} } }).then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })))`,
  )) as { id: string; help: string; targets: string[] }[];
  return violations.map((v) => `${v.id}: ${v.help} (${v.targets.slice(0, 3).join(", ")}${v.targets.length > 3 ? ", ..." : ""})`);
}

/** Which page checks to run: the slow ones not wanted are skipped (all run when not given). */
export type WantedCheck = (check: keyof PageFindings) => boolean;

export async function auditPage(browser: Browser, url: string, html: string, wanted: WantedCheck = () => true): Promise<PageFindings> {
  const page = await browser.newPage();
  const origin = new URL(url).origin;
  const outside: string[] = [];
  try {
    // The audit injects axe; the page's own CSP is checked separately, from its HTML.
    await page.setBypassCSP(true);
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      const target = request.url();
      if (target.startsWith("data:") || new URL(target).origin === origin) return void request.continue();
      outside.push(target);
      void request.abort();
    });
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate("document.fonts.ready.then(() => true)");

    const axe = wanted("axe") ? await axeProblems(page) : [];

    await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
    const computed = (await page.evaluate(inPageChecks)) as { moving: string[]; interactive: string[]; small: string[] };
    // One walk through the focus stops serves the keyboard check and the obscured-focus check.
    const walk = wanted("keyboard") || wanted("focusObscured") ? await walkFocus(page) : { obscured: [], forwards: [] };
    const keyboard = wanted("keyboard") ? keyboardProblems(walk.forwards, computed.interactive) : [];

    const reflow = [];
    if (await horizontalScroll(page, 320)) reflow.push("scrolls sideways at 320 CSS px");
    if (await horizontalScroll(page, 640)) reflow.push("scrolls sideways at 200% zoom (640 CSS px)");

    const cookies = await page.cookies();
    const stored = (await page.evaluate("localStorage.length + sessionStorage.length")) as number;
    const storage = [
      ...cookies.map((c) => `sets cookie ${c.name}`),
      ...(stored ? [`writes ${stored} storage entr${stored === 1 ? "y" : "ies"}`] : []),
    ];

    const quickExit = html.includes('class="quick-exit__button"') ? [] : ["has no quick exit"];
    const focusObscured = wanted("focusObscured") ? [...walk.obscured, ...(await stickyBarProblems(page, url))] : [];

    return {
      axe,
      outside,
      storage,
      csp: cspProblems(html),
      keyboard,
      targets: computed.small,
      motion: computed.moving,
      reflow,
      quickExit,
      focusObscured,
    };
  } finally {
    await page.close();
  }
}
