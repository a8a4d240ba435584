/**
 * One build of several brands, each different (the shared build): the
 * fixture packs (two languages each), an English-only school pack with long
 * names and addresses, and a four-language brand. Every brand's pages come out as that brand alone would make
 * them (its own languages and texts, whichever brand the build made first),
 * and no PDF has a word printed over another, read back from the PDFs.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, inject, it } from "vitest";
import { run, tempDir } from "../helpers/cli.ts";
import { SCHOOL_PACK } from "./shared-build.ts";
import { documentText, hasPoppler, overlappingCharacters, overlappingWords, pageText, wordBoxes } from "../helpers/pdf.ts";

const together = inject("sharedBuild").out;

const page = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");

it("builds an English-only pack beside two-language ones, with no link to a language it does not have", () => {
  const home = page(together, "oakfield-primary/en/index.html");
  expect(home).not.toMatch(/hreflang="es"|\/es\//);
  expect(home).not.toContain('class="language-switcher"');
  expect(existsSync(join(together, "oakfield-primary", "es"))).toBe(false);
  // Nothing to choose: the root is the home page, with its quick exit, not a one-item language list.
  const root = page(together, "oakfield-primary/index.html");
  expect(root).not.toContain("chooser__list");
  expect(root).toContain('class="quick-exit');
  expect(root).toContain('href="en/get-help/"');
});

it("builds a four-language brand beside them: every language's pages and files, the flyer pairing the first two", () => {
  const chooser = page(together, "four-languages/index.html");
  for (const code of ["es", "zz", "en", "zy"]) {
    expect(chooser).toContain(`href="${code}/"`);
    expect(existsSync(join(together, "four-languages", code, "get-help", "index.html"))).toBe(true);
    expect(existsSync(join(together, "four-languages", "print", `poster-${code}-letter.pdf`))).toBe(true);
  }
  expect(readdirSync(join(together, "four-languages", "print")).filter((f) => f.startsWith("parent-flyer") && f.endsWith(".pdf"))).toEqual([
    "parent-flyer-es-zz-letter-large-print.pdf",
    "parent-flyer-es-zz-letter-low-ink.pdf",
    "parent-flyer-es-zz-letter.pdf",
  ]);
});

it("gives each brand its own interface texts, not the first brand's", () => {
  expect(page(together, "oakfield-primary/en/index.html")).toContain("Oakfield Primary&#39;s help and information about sextortion");
  expect(page(together, "upstander/en/index.html")).not.toContain("Oakfield Primary&#39;s help");
});

it("makes each brand's site exactly as a build of that brand alone does", async () => {
  const alone = join(tempDir("alone"), "dist");
  expect((await run("build", ["--brand", SCHOOL_PACK, "--no-pdf", "--out", alone])).code).toBe(0);
  for (const path of ["oakfield-primary/en/index.html", "oakfield-primary/en/get-help/index.html", "oakfield-primary/index.html"]) {
    expect(page(together, path), path).toBe(page(alone, path));
  }
});

it.runIf(hasPoppler)("never prints a discussion guide whose last page holds only the footer", () => {
  for (const brand of readdirSync(together).filter((entry) => existsSync(join(together, entry, "print")))) {
    for (const pdf of readdirSync(join(together, brand, "print")).filter((f) => f.startsWith("discussion-guide") && f.endsWith(".pdf"))) {
      const path = join(together, brand, "print", pdf);
      const pages = Math.max(...wordBoxes(path).map((word) => word.page));
      // The emergency line sits in the help section, which keeps the footer company.
      expect(pageText(path, pages), pdf).toMatch(/\b(911|999|000)\b/);
    }
  }
});

it.runIf(hasPoppler)("prints no word over another in any PDF of any brand", () => {
  const pdfs = readdirSync(together).flatMap((brand) =>
    existsSync(join(together, brand, "print"))
      ? readdirSync(join(together, brand, "print"))
          .filter((f) => f.endsWith(".pdf"))
          .map((f) => join(together, brand, "print", f))
      : [],
  );
  expect(pdfs.length).toBeGreaterThanOrEqual(28);
  for (const pdf of pdfs) {
    // Arabic-script files are read letter by letter with mupdf (overlappingCharacters): poppler boxes their words several lines tall.
    const arabicScript = /-(ar|ur)-|-(ar|ur)\./.test(pdf);
    const overlaps = arabicScript
      ? overlappingCharacters(pdf)
      : overlappingWords(wordBoxes(pdf)).map(([a, b]) => `page ${a.page}: "${a.word}" and "${b.word}"`);
    expect(overlaps, pdf).toEqual([]);
  }
});

const pdfText = (brand: string, file: string) => documentText(join(together, brand, "print", file));

it.skipIf(!hasPoppler)("prints each region's own figures, crisis line, dates and QR service for its audience", () => {
  // United Kingdom (northshire): the IWF's figures, no NCMEC one, British dates.
  const gbGuide = pdfText("northshire", "one-minute-guide-en-a4.pdf");
  expect(gbGuide).toContain("191 reports of suspected sextortion reached the IWF");
  expect(gbGuide).toContain("Internet Watch Foundation (IWF), 2023");
  expect(gbGuide).not.toMatch(/NCMEC|CyberTipline/);
  expect(gbGuide).toContain("Reviewed 21 November 2026");
  // The guide lists signs of self-harm, so it carries the region's crisis line.
  expect(gbGuide).toMatch(/Talks about hurting themselves/);
  expect(gbGuide).toContain("Samaritans · 116 123");
  // The parent flyer's QR code leads to a service for parents, and that service is on the flyer.
  const gbFlyer = pdfText("northshire", "parent-flyer-en-es-a4.pdf");
  expect(gbFlyer).toContain("Scan for NSPCC Helpline");
  expect(gbFlyer).toContain("NSPCC Helpline · 0808 800 5000");
  expect(gbFlyer).not.toContain("Scan for Childline");
  // United States: its own figures and the 988 line, American dates.
  const usGuide = pdfText("upstander", "one-minute-guide-en-letter.pdf");
  expect(usGuide).toContain("988 Suicide & Crisis Lifeline · 988");
  expect(usGuide).toContain("Reviewed November 21, 2026");
  expect(usGuide).toMatch(/79% of offenders/);
  // Canada has no figures of its own: the site says whose they are.
  expect(page(together, "puente/es/index.html")).toContain("Estas cifras son de Estados Unidos: este sitio aún no tiene cifras de Canadá.");
});
