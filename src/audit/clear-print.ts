/**
 * Clear print, checked where it is decided: each print page as Chromium lays
 * it out for the PDF (print media, the material's paper), with the rules in
 * clear-print.js. The pages are rendered again from the brand's data, the
 * same way the print step renders them, into a temporary folder.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "puppeteer";
import { contrastRatio, MIN_TEXT_CONTRAST, toHex } from "../brand/contrast.ts";
import { renderWithEleventy } from "../build/site.ts";
import { htmlPathFor, type PlannedPrint } from "../materials/plan.ts";
import { serve } from "../infra/static-server.ts";
import { localizeBrand, type BuildTarget } from "../site/target.ts";

const clearPrintRules = readFileSync(fileURLToPath(new URL("./clear-print.js", import.meta.url)), "utf8");

/** The clear-print breaches of the page loaded in `page`, one message each. */
export async function clearPrintBreaches(page: Page): Promise<string[]> {
  const { problems, colours } = (await page.evaluate(clearPrintRules)) as {
    problems: string[];
    colours: { element: string; text: number[]; background: number[] }[];
  };
  for (const { element, text, background } of colours) {
    const ratio = contrastRatio(toHex(text), toHex(background));
    if (ratio < MIN_TEXT_CONTRAST)
      problems.push(`${element} has contrast ${ratio.toFixed(2)}:1 against its background; needs ${MIN_TEXT_CONTRAST}:1`);
  }
  return problems;
}

/** Every breach, as [the print file it is in, what is wrong with which element]. */
export async function auditPrintPages(
  browser: Browser,
  target: Pick<BuildTarget, "content" | "brand">,
  files: PlannedPrint[],
): Promise<[string, string][]> {
  const work = await mkdtemp(join(tmpdir(), "upstander-clear-print-"));
  const server = await serve(work);
  const page = await browser.newPage();
  try {
    await renderWithEleventy({ ...target, sites: localizeBrand(target.content, target.brand), print: { files, bleed: false } }, work);
    await page.emulateMediaType("print");
    const breaches: [string, string][] = [];
    for (const file of files) {
      await page.goto(`${server.url}/${htmlPathFor(file)}`, { waitUntil: "load" });
      await page.evaluate("document.fonts.ready.then(() => true)");
      for (const message of await clearPrintBreaches(page)) breaches.push([file.path, message]);
    }
    return breaches;
  } finally {
    await page.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}
