/**
 * The print step, read back from its output: the default brand in the
 * shared build (tests/build/shared-build.ts), each PDF opened with pdf-lib
 * and poppler, the manifest, previews and downloads page; then a small
 * build printed with an empty cache and rebuilt with no change, and a
 * --bleed build for print shops.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "node-html-parser";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import sharp from "sharp";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { fileSha256 } from "../../src/print/cache.ts";
import type { Manifest } from "../../src/print/manifest.ts";
import { BLEED_MM, mmToPt, sizeMm } from "../../src/materials/paper.ts";
import { expectedPages } from "../../src/materials/plan.ts";
import { PREVIEW_WIDTH_PX } from "../../src/print/preview.ts";
import { roleMap, standardStructureTypes, structureTypesUsed } from "../../src/print/structure-roles.ts";
import { checkPdf } from "../../src/print/accessibility-checks.ts";
import { run, tempDir } from "../helpers/cli.ts";
import { TEST_PRINT_CACHE } from "./shared-build.ts";
import {
  catalogFacts,
  documentText,
  expectPaper,
  fonts,
  hasPoppler,
  linkTargets,
  loadPdf,
  pageText,
  structureFacts,
} from "../helpers/pdf.ts";

const brand = "upstander";
const site = join(inject("sharedBuild").out, brand);
let manifest: Manifest;

/** SPEC "Materials" for the default brand (us: letter family), one file per line. */
const expected = [
  ["poster-en-tabloid", 1],
  ["poster-en-letter", 1],
  ["poster-es-tabloid", 1],
  ["poster-es-letter", 1],
  ["one-minute-guide-en-letter", 1],
  ["one-minute-guide-es-letter", 1],
  ["parent-flyer-en-es-letter", 2],
] as const;

const pdfPath = (name: string) => join(site, "print", `${name}.pdf`);
/** The manifest's PDFs (the social images are PNGs, read in materials.test.ts). */
const pdfs = () => manifest.files.filter((file) => file.path.endsWith(".pdf"));

beforeAll(() => {
  manifest = JSON.parse(readFileSync(join(site, "manifest.json"), "utf8")) as Manifest;
});

describe("manifest.json", () => {
  it("lists every material of SPEC for the default brand, with pages, bytes, checksum and preview", () => {
    const names = manifest.files.map((f) => f.path.replace(/^print\/|\.pdf$/g, ""));
    for (const [name, pages] of expected) {
      const file = manifest.files.find((f) => f.path === `print/${name}.pdf`);
      expect(file, name).toBeDefined();
      expect(file!.pages, name).toBe(pages);
    }
    expect(names.filter((n) => n.startsWith("discussion-guide") && !n.endsWith("low-ink"))).toEqual([
      "discussion-guide-en-letter",
      "discussion-guide-es-letter",
    ]);
    expect(manifest.brand).toBe(brand);
    for (const file of manifest.files) {
      const bytes = readFileSync(join(site, file.path));
      expect(Object.keys(file)).toEqual([
        "path",
        "material",
        ...(file.variant ? ["variant"] : []),
        ...["locales", "size", "pages", "bytes", "sha256", "preview"],
        ...(file.path.endsWith(".png") ? ["alt"] : []),
      ]);
      expect(file.bytes).toBe(bytes.byteLength);
      expect(file.sha256).toBe(fileSha256(bytes));
      expect(file.preview).toBe(file.path.replace(/\.pdf$/, ".png"));
    }
    // Every material and variant of SPEC, with the variant as the name's suffix.
    expect(new Set(manifest.files.map((f) => `${f.material}${f.variant ? `-${f.variant}` : ""}`))).toEqual(
      new Set([
        ...["poster", "one-minute-guide", "parent-flyer", "discussion-guide", "wallet-card", "social"],
        ...["poster-low-ink", "one-minute-guide-large-print", "one-minute-guide-low-ink", "parent-flyer-large-print"],
        ...["parent-flyer-low-ink", "discussion-guide-low-ink", "wallet-card-low-ink"],
      ]),
    );
    for (const file of manifest.files.filter((f) => f.variant)) expect(file.path, file.path).toMatch(new RegExp(`-${file.variant}\\.pdf$`));
  });

  it("gives the flyer the brand's first two locales, English then Spanish", () => {
    const flyer = manifest.files.find((f) => f.material === "parent-flyer")!;
    expect(flyer.locales).toEqual(["en", "es"]);
  });
});

describe("every PDF", () => {
  it("has the page count its material needs, at the exact paper size (within 1 pt)", async () => {
    for (const file of pdfs()) {
      const pdf = await loadPdf(join(site, file.path));
      // Counted by poppler, not by pdf-lib (which the manifest's count comes from), against the material's page rule.
      const counted = hasPoppler
        ? Number(/^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [join(site, file.path)], { encoding: "utf8" }))![1])
        : pdf.getPageCount();
      expect(file.pages, file.path).toBe(counted);
      const rule = expectedPages(file);
      if (rule === undefined) expect(counted, file.path).toBeGreaterThan(1);
      else expect(counted, file.path).toBe(rule);
      expectPaper(pdf, file.size, file.path);
    }
  });

  it("is tagged, with /Lang, an outline, and a Title shown in the title bar; Author is the brand", async () => {
    for (const file of pdfs()) {
      const pdf = await loadPdf(join(site, file.path));
      const facts = catalogFacts(pdf);
      expect(facts, file.path).toMatchObject({
        marked: true,
        structTree: true,
        lang: file.locales[0],
        displayDocTitle: true,
        outline: true,
      });
      expect(pdf.getTitle(), file.path).toBeTruthy();
      expect(pdf.getAuthor()).toBe("Upstander");
      expect(pdf.getSubject()).toBeTruthy();
      expect(pdf.getKeywords()).toContain(file.size.toUpperCase());
    }
  });

  it("carries the QR code and the logo as figures with alternative text", async () => {
    for (const file of pdfs()) {
      const { alts } = structureFacts(await loadPdf(join(site, file.path)));
      const qr =
        file.locales[0] === "es"
          ? "Código QR de CyberTipline del NCMEC: report.cybertip.org"
          : "QR code for NCMEC CyberTipline: report.cybertip.org";
      expect(alts, file.path).toContain(qr);
      expect(
        alts.some((alt) => alt.includes("Upstander")),
        file.path,
      ).toBe(true);
    }
  });

  it("links every phone number, e-mail and web address it prints: tel: in E.164 (or a short code), mailto:, https:", () => {
    for (const file of pdfs()) {
      const targets = linkTargets(join(site, file.path));
      expect(targets.length, file.path).toBeGreaterThan(0);
      for (const target of targets) expect(target, file.path).toMatch(/^(tel:(\+\d{8,15}|\d{3,6})|mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/);
    }
    // The one-minute guide's professionals' contacts and its QR code's address; the poster's and card's young people's services.
    const guide = linkTargets(pdfPath("one-minute-guide-en-letter"));
    expect(guide).toContain("tel:+18008435678"); // NCMEC's 1-800-THE-LOST (1-800-843-5678)
    expect(guide).toContain("tel:988");
    expect(guide.some((target) => target.startsWith("https://"))).toBe(true);
    expect(linkTargets(pdfPath("poster-en-letter"))).toContain("mailto:gethelp@ncmec.org");
    expect(linkTargets(pdfPath("wallet-card-en-id1"))).toEqual(
      expect.arrayContaining(["tel:+18008435678", "https://report.cybertip.org/"]),
    );
  });

  it("maps every structure type a PDF 1.7 reader does not know (Chromium's Strong and Em) in its RoleMap, and the audit refuses one that does not", async () => {
    for (const file of pdfs()) {
      const pdf = await loadPdf(join(site, file.path));
      const map = roleMap(pdf);
      const unmapped = [...structureTypesUsed(pdf)].filter((type) => !standardStructureTypes.has(type) && !map.has(type));
      expect(unmapped, file.path).toEqual([]);
    }
    const flyer = await loadPdf(pdfPath("parent-flyer-en-es-letter"));
    expect(structureTypesUsed(flyer)).toContain("Strong");
    expect(roleMap(flyer).get("Strong")).toBe("Span");
    // The same PDF with its RoleMap taken out: the audit's PDF check names the type.
    flyer.catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict).delete(PDFName.of("RoleMap"));
    const broken = join(tempDir("rolemap"), "flyer.pdf");
    writeFileSync(broken, await flyer.save());
    expect(await checkPdf(broken, ["en", "es"])).toContainEqual(
      expect.stringMatching(/uses structure type\(s\) Strong with no RoleMap entry/),
    );
  });

  it.skipIf(!hasPoppler)("embeds every font", () => {
    for (const file of pdfs()) {
      const list = fonts(join(site, file.path));
      expect(list.length, file.path).toBeGreaterThan(0);
      expect(
        list.filter((f) => !f.embedded),
        file.path,
      ).toEqual([]);
    }
  });

  it.skipIf(!hasPoppler)(
    "prints the brand, content version and review dates (release.yaml: 2026.11, reviewed 2026-11-21, next 2026-11-21 + 1 year)",
    () => {
      for (const file of pdfs()) {
        // On its last page; a wallet card's back is full, so its front carries it.
        const text = file.material === "wallet-card" ? documentText(join(site, file.path)) : pageText(join(site, file.path), file.pages);
        expect(text, file.path).toContain("Upstander");
        expect(text, file.path).toMatch(/2026\.11/);
        if (file.locales.at(-1) === "en")
          expect(text, file.path).toContain("Reviewed November 21, 2026. Next review by November 21, 2027.");
        else expect(text, file.path).toContain("revisada el 21 de noviembre de 2026; próxima revisión: 21 de noviembre de 2027.");
      }
    },
  );
});

describe.skipIf(!hasPoppler)("text on the page", () => {
  it("puts English on the flyer's page 1 and Spanish on page 2, each page marked with its language", async () => {
    const path = pdfPath("parent-flyer-en-es-letter");
    expect(pageText(path, 1)).toContain("what parents and carers need to know");
    expect(pageText(path, 1)).not.toContain("deben saber");
    expect(pageText(path, 2)).toContain("lo que madres, padres y cuidadores deben saber");
    expect(structureFacts(await loadPdf(path)).langs).toContain("es");
  });

  it("prints the region's first three figures with source and year on the one-minute guide, and the region's emergency number", () => {
    const text = pageText(pdfPath("one-minute-guide-en-letter"), 1);
    expect(text).toContain("79% of offenders in early-2022 CyberTipline reports were demanding money (NCMEC CyberTipline, 2022)");
    expect(text).toContain("teenage boys were the young people most often targeted. (NCMEC CyberTipline, 2022)");
    expect(text).toContain("(NCMEC CyberTipline, 2021)");
    expect(text).not.toContain("NetSmartz: Sextortion: What Parents Should Know, 2020");
    expect(text).toContain("missingkids.org/theissues/sextortion");
    expect(text).toContain("call 911");
    expect(text).toContain("1-800-THE-LOST (1-800-843-5678)");
  });

  it("numbers the discussion guide's pages in its own language", async () => {
    const path = pdfPath("discussion-guide-es-letter");
    const pages = (await loadPdf(path)).getPageCount();
    expect(pages).toBeGreaterThan(1);
    expect(pageText(path, pages)).toContain(`Página ${pages} de ${pages}`);
  });
});

describe("previews", () => {
  it("gives every PDF a PNG of page 1 in the page's proportions and a small WebP thumbnail; an image is its own preview", async () => {
    for (const file of manifest.files) {
      const png = await sharp(join(site, file.preview)).metadata();
      const paper = sizeMm(file.size);
      expect(png.format, file.preview).toBe("png");
      expect(Math.abs(png.width! - (file.path.endsWith(".png") ? 1080 : PREVIEW_WIDTH_PX)), file.preview).toBeLessThan(3);
      expect(Math.abs(png.height! / png.width! - paper.height / paper.width), file.preview).toBeLessThan(0.01);
      const webp = await sharp(join(site, file.preview.replace(/\.png$/, ".webp"))).metadata();
      expect(webp.format).toBe("webp");
      expect(webp.width).toBe(320);
    }
  });

  it("lists every file on each locale's downloads page: thumbnail, and a link saying what it is, own language first", () => {
    const paper = {
      en: {
        tabloid: ", Tabloid (",
        letter: ", US Letter (",
        id1: ", card size (85.6 × 54 mm) (",
        square: ", square (",
        story: ", story (",
      },
      es: {
        tabloid: ", Tabloide (",
        letter: ", Carta (EE. UU.) (",
        id1: ", tamaño tarjeta (85,6 × 54 mm) (",
        square: ", cuadrada (",
        story: ", historia (",
      },
    } as Record<string, Record<string, string>>;
    const sheet = { en: ", 10 cards on US Letter (", es: ", 10 tarjetas en Carta (EE. UU.) (" } as Record<string, string>;
    for (const locale of ["en", "es"]) {
      const page = parse(readFileSync(join(site, locale, "downloads", "index.html"), "utf8"));
      const items = page.querySelectorAll(".download-list__item");
      expect(items).toHaveLength(manifest.files.length);
      for (const file of manifest.files) {
        const item = items.find((i) => i.querySelector("a")?.getAttribute("href")?.endsWith(file.path));
        expect(item, `${locale} ${file.path}`).toBeDefined();
        expect(item!.querySelector("img")!.getAttribute("src")).toMatch(/\.webp$/);
        const text = item!.querySelector("a")!.text;
        expect(text).toContain(file.material === "wallet-card" && file.size === "letter" ? sheet[locale] : paper[locale]![file.size]);
        if (file.path.endsWith(".png")) {
          expect(text).toMatch(locale === "en" ? /\(PNG image, [\d.,]+ kB\)$/ : /\(imagen PNG, [\d.,]+ kB\)$/);
          expect(item!.text).toContain(file.alt![file.locales[0]!]!);
        } else expect(text).toMatch(locale === "en" ? /\(PDF, \d+ pages?, [\d.,]+ kB\)$/ : /\(PDF, \d+ páginas?, [\d.,]+ kB\)$/);
        if (file.variant)
          expect(text).toContain(
            locale === "en" ? `, ${file.variant.replace("-", " ")}, ` : file.variant === "low-ink" ? ", poca tinta, " : ", letra grande, ",
          );
      }
      // Grouped by material, each under its heading, the page's own language first in each group.
      const groups = page.querySelectorAll(".download-list");
      expect(page.querySelectorAll("h2").map((h) => h.text)).toEqual(
        expect.arrayContaining([locale === "en" ? "Wallet card" : "Tarjeta de bolsillo"]),
      );
      for (const group of groups) {
        const languages = group.querySelectorAll(".download-list__item > div > p > a").map((a) => a.getAttribute("hreflang"));
        const other = languages.indexOf(locale === "en" ? "es" : "en");
        if (other >= 0 && languages.includes(locale)) expect(other).toBeGreaterThan(languages.lastIndexOf(locale));
      }
      // No two links say the same: a screen reader's list of links tells every one apart.
      const texts = page.querySelectorAll(".download-list a").map((a) => a.text.replace(/\s+/g, " ").trim());
      expect(new Set(texts).size, texts.join("\n")).toBe(texts.length);
    }
  });
});

describe("rebuilding", () => {
  it("prints with an empty cache, then, forced to build again, prints nothing: every file comes from the cache, the same bytes", async () => {
    const out = join(tempDir("print"), "dist");
    const args = ["--brand", brand, "--material", "one-minute-guide", "--locale", "en", "--out", out];
    const env = { UPSTANDER_CACHE: tempDir("cache") };
    const first = await run("build", args, env);
    expect(first.stdout).toMatch(/\(1 printed, 0 unchanged\)/);
    const printed = JSON.parse(readFileSync(join(out, brand, "manifest.json"), "utf8")) as Manifest;
    // --force: with nothing changed, the build would otherwise stop before printing (tests/build/rebuild.test.ts).
    const again = await run("build", [...args, "--force"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\(0 printed, 1 unchanged\)/);
    const rebuilt = JSON.parse(readFileSync(join(out, brand, "manifest.json"), "utf8")) as Manifest;
    expect(rebuilt.files.map((f) => f.sha256)).toEqual(printed.files.map((f) => f.sha256));
  });
});

describe("--bleed", () => {
  it("sets TrimBox inside BleedBox by 3 mm on each side, with the trim at the paper size", async () => {
    const bleedOut = join(tempDir("bleed"), "dist");
    const result = await run("build", ["--brand", brand, "--bleed", "--material", "poster,parent-flyer", "--out", bleedOut], {
      UPSTANDER_CACHE: TEST_PRINT_CACHE,
    });
    expect(result.code).toBe(0);
    const pdf: PDFDocument = await loadPdf(join(bleedOut, brand, "print", "poster-en-letter.pdf"));
    const page = pdf.getPage(0);
    const trim = page.getTrimBox();
    const bleed = page.getBleedBox();
    const media = page.getMediaBox();
    const mm3 = mmToPt(BLEED_MM);
    expect(trim.width).toBeCloseTo(612, 0);
    expect(trim.height).toBeCloseTo(792, 0);
    expect(trim.x - bleed.x).toBeCloseTo(mm3, 1);
    expect(trim.y - bleed.y).toBeCloseTo(mm3, 1);
    expect(bleed.x + bleed.width - (trim.x + trim.width)).toBeCloseTo(mm3, 1);
    expect(bleed.y + bleed.height - (trim.y + trim.height)).toBeCloseTo(mm3, 1);
    // Crop marks sit outside the bleed, so the sheet is larger still.
    expect(bleed.x).toBeGreaterThan(media.x);
    expect(statSync(join(bleedOut, brand, "print", "parent-flyer-en-es-letter.pdf")).size).toBeGreaterThan(0);
  });
});
