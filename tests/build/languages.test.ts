/**
 * The languages families speak, read back from the shared build (the
 * fixture packs: Northshire in English, Spanish, Polish, Urdu and Arabic
 * with chosen flyer pairs, Puente with French): right to left on every page
 * and part, phone numbers in their printed order inside Arabic and Urdu,
 * only bundled fonts in any PDF, each language's plural forms, the notice on
 * every unchecked translation, and two right-to-left pages in a browser.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "node-html-parser";
import { describe, expect, inject, it } from "vitest";
import { bundledFamilies } from "../../src/brand/fonts.ts";
import type { Manifest } from "../../src/print/manifest.ts";
import { browserServing } from "../helpers/browser.ts";
import { run, tempDir } from "../helpers/cli.ts";
import { documentText, fonts, hasPoppler, loadPdf, pageText, printedLines, structureFacts } from "../helpers/pdf.ts";

const out = inject("sharedBuild").out;
const northshire = join(out, "northshire");
const html = (...path: string[]) => readFileSync(join(out, ...path), "utf8");
const pagesIn = (brand: string, locale: string) =>
  readdirSync(join(out, brand, locale), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => join(brand, locale, file));
const manifest = (brand: string) => JSON.parse(html(brand, "manifest.json")) as Manifest;

describe("right to left", () => {
  it("sets dir=rtl and lang on every Arabic and Urdu page; the chooser and switcher give each language its own", () => {
    for (const locale of ["ar", "ur"]) {
      const pages = pagesIn("northshire", locale);
      expect(pages.length).toBeGreaterThan(8);
      for (const page of pages) expect(html(page), page).toMatch(new RegExp(`<html lang="${locale}" dir="rtl">`));
    }
    for (const page of pagesIn("northshire", "pl")) expect(html(page), page).toMatch(/<html lang="pl" dir="ltr">/);
    const chooser = parse(html("northshire", "index.html"));
    expect(chooser.querySelectorAll(".chooser__item").map((item) => [item.getAttribute("lang"), item.getAttribute("dir")])).toEqual([
      ["en", "ltr"],
      ["es", "ltr"],
      ["pl", "ltr"],
      ["ur", "rtl"],
      ["ar", "rtl"],
    ]);
    const switcher = parse(html("northshire", "en", "index.html")).querySelectorAll(".language-switcher a");
    expect(switcher.map((a) => [a.getAttribute("lang"), a.getAttribute("dir")])).toEqual([
      ["es", "ltr"],
      ["pl", "ltr"],
      ["ur", "rtl"],
      ["ar", "rtl"],
    ]);
  });

  it("isolates phone numbers, addresses and figures left to right inside right-to-left text", () => {
    const help = parse(html("northshire", "ar", "get-help", "index.html"));
    const phones = help.querySelectorAll('a[href^="tel:"]');
    expect(phones.length).toBeGreaterThan(3);
    for (const phone of phones) expect(phone.getAttribute("dir"), phone.toString()).toBe("ltr");
    for (const link of help.querySelectorAll('.contact-list a[href^="https:"]')) expect(link.getAttribute("dir")).toBe("ltr");
  });

  it.runIf(hasPoppler)("prints phone numbers in their own digit order in the Arabic and Urdu PDFs", () => {
    for (const locale of ["ar", "ur"]) {
      for (const file of ["poster", "wallet-card"]) {
        const text = documentText(join(northshire, "print", `${file}-${locale}-${file === "wallet-card" ? "id1" : "a4"}.pdf`));
        expect(text, `${file} ${locale}`).toContain("0800 1111");
        expect(text, `${file} ${locale}`).not.toContain("1111 0800");
      }
    }
    expect(documentText(join(northshire, "print", "one-minute-guide-ar-a4.pdf"))).toContain("01632 960 123");
  });

  it("pairs English and Arabic on a flyer either way round, each page marked with its own language and direction", async () => {
    for (const [first, second] of [
      ["en", "ar"],
      ["ar", "en"],
    ]) {
      const path = join(northshire, "print", `parent-flyer-${first}-${second}-a4.pdf`);
      const pdf = await loadPdf(path);
      expect(pdf.getPageCount()).toBe(2);
      expect(structureFacts(pdf).langs, path).toContain(second);
      if (hasPoppler) {
        const arabicPage = first === "ar" ? 1 : 2;
        expect(pageText(path, arabicPage)).toMatch(/[\u0600-\u06ff]/);
        expect(pageText(path, 3 - arabicPage)).not.toMatch(/[\u0600-\u06ff]{4}/);
      }
    }
    // Laid out in its own direction: the Arabic page's heading ends at the right margin, the English page's starts at the left.
    const lines = printedLines(join(northshire, "print", "parent-flyer-en-ar-a4.pdf"));
    const heading = (page: number) => lines.find((line) => line.page === page && line.minSize > 15)!;
    // (After the logo, which the compact masthead sets at the start of the line.)
    expect(heading(1).box.x).toBeLessThan(50);
    expect(heading(2).box.x + heading(2).box.width).toBeGreaterThan(210 - 50);
  });
});

describe("fonts", () => {
  it.runIf(hasPoppler)("embeds only the bundled families in every PDF of every language, Arabic and Cyrillic scripts included", () => {
    const allowed = bundledFamilies.map((family) => family.replace(/\s+/g, ""));
    let checked = 0;
    for (const brand of ["northshire", "puente"]) {
      for (const file of manifest(brand).files.filter((f) => f.path.endsWith(".pdf"))) {
        for (const font of fonts(join(out, brand, file.path))) {
          const name = font.name.replace(/^[A-Z]{6}\+/, "");
          expect(
            allowed.some((family) => name.startsWith(family)),
            `${brand} ${file.path}: ${font.name}`,
          ).toBe(true);
          expect(font.embedded).toBe(true);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
    // The Arabic materials do draw with the Arabic family.
    expect(fonts(join(northshire, "print", "poster-ar-a4.pdf")).some((font) => font.name.includes("NotoSansArabic"))).toBe(true);
  });
});

describe("plural forms", () => {
  it("counts pages on the downloads page in each language's own forms (Arabic's dual for two pages)", () => {
    const arabic = parse(html("northshire", "ar", "downloads", "index.html")).text;
    expect(arabic).toContain("صفحتان"); // two pages: the wallet card
    const polish = parse(html("northshire", "pl", "downloads", "index.html")).text;
    expect(polish).toMatch(/2 strony/);
    expect(polish).toMatch(/1 strona/);
  });
});

describe("an unchecked translation", () => {
  it("says so on each of its pages and materials, in its language and in English; English pages and files do not", () => {
    const notice = "This translation has not yet been checked by a fluent speaker.";
    for (const locale of ["ar", "ur", "pl", "es"]) {
      for (const page of pagesIn("northshire", locale)) {
        const text = parse(html(page)).querySelector(".translation-notice")?.text ?? "";
        expect(text, page).toContain(notice);
        expect(text.length, page).toBeGreaterThan(notice.length + 10);
      }
    }
    for (const page of pagesIn("northshire", "en")) expect(html(page), page).not.toContain("translation-notice");
    if (!hasPoppler) return;
    for (const file of manifest("northshire").files.filter((f) => f.path.endsWith(".pdf"))) {
      const text = documentText(join(northshire, file.path)).replace(/\s+/g, " ");
      // Right-to-left text around it can move a bracket into the extracted English: its first words suffice.
      expect(text.includes("checked by a fluent"), file.path).toBe(file.locales.some((l) => l !== "en"));
    }
  });
});

describe("in a browser", () => {
  const served = browserServing(out);

  it("lays out an Arabic and an Urdu page from the right, the quick exit on the reading-start side, in the bundled fonts", async () => {
    const shots = tempDir("rtl-screenshots");
    for (const [path, locale] of [
      ["northshire/ar/get-help/", "ar"],
      ["northshire/ur/", "ur"],
      ["northshire/en/", "en"],
    ] as const) {
      const page = await served.browser.newPage();
      try {
        await page.setViewport({ width: 1024, height: 900 });
        await page.goto(`${served.server.url}/${path}`, { waitUntil: "load" });
        await page.evaluate("document.fonts.ready.then(() => true)");
        await page.screenshot({ path: join(shots, `${locale}.png`) });
        const layout = (await page.evaluate(`(() => {
          const exit = document.querySelector(".quick-exit__button").getBoundingClientRect();
          const title = document.querySelector("main h1").getBoundingClientRect();
          const fonts = [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/"/g, ""));
          return { exit: [exit.left, exit.right], title: [title.left, title.right], width: innerWidth, fonts };
        })()`)) as { exit: number[]; title: number[]; width: number; fonts: string[] };
        const rtl = locale !== "en";
        // The reading-start side: the right for Arabic and Urdu, the left for English.
        if (rtl) expect(layout.exit[1], path).toBeGreaterThan(layout.width * 0.75);
        else expect(layout.exit[0], path).toBeLessThan(layout.width * 0.25);
        if (rtl) expect(layout.title[1], path).toBeGreaterThan(layout.width * 0.75);
        if (locale === "ar") expect(layout.fonts).toContain("Noto Sans Arabic");
        if (locale === "ur") expect(layout.fonts).toContain("Noto Nastaliq Urdu");
      } finally {
        await page.close();
      }
    }
  });

  it("passes the whole audit on Arabic and Urdu pages: axe, the Nu HTML Checker, focus, the quick exit at 400% zoom", async () => {
    // A small copy: the brand's root, and the home and get-help pages in both languages.
    const dir = join(tempDir("rtl-audit"), "dist");
    const site = join(dir, "northshire");
    mkdirSync(site, { recursive: true });
    cpSync(join(northshire, "assets"), join(site, "assets"), { recursive: true });
    writeFileSync(join(site, "index.html"), html("northshire", "index.html"));
    for (const locale of ["ar", "ur"]) {
      for (const page of ["index.html", join("get-help", "index.html")]) {
        mkdirSync(join(site, locale, page, ".."), { recursive: true });
        writeFileSync(join(site, locale, page), html("northshire", locale, page));
      }
    }
    const result = await run("audit", ["--dir", dir]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(
      /audit: 5 page\(s\), 0 PDF\(s\) in [\d.]+ s; problems: axe 0, Nu HTML Checker 0, .*focus not obscured 0/m,
    );
  });
});
