/**
 * The materials a school puts on the wall and in a pocket, read back from
 * the shared build's files (tests/build/shared-build.ts) with mupdf, pdf-lib
 * and sharp, for every fixture pack: the redesigned poster and its tear-off
 * tabs, the wallet card alone and ten up, the social images, and the large
 * print and low ink variants.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFName } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { BLEED_MM, mmToPt, paperMm } from "../../src/materials/paper.ts";
import type { Manifest, ManifestFile } from "../../src/print/manifest.ts";
import { capitalHeightMm, largestEmptyBand, loadPdf, printedLines, solidAreas, structureFacts } from "../helpers/pdf.ts";

const out = inject("sharedBuild").out;
const brands = ["upstander", "northshire", "puente", "oakfield-primary"];
const manifestOf = (brand: string) => JSON.parse(readFileSync(join(out, brand, "manifest.json"), "utf8")) as Manifest;
const files = (test: (file: ManifestFile) => boolean) =>
  brands.flatMap((brand) =>
    manifestOf(brand)
      .files.filter(test)
      .map((file) => ({ ...file, brand, at: join(out, brand, file.path) })),
  );

describe("the poster", () => {
  it("has a headline legible at 3 m: capitals at least 9 mm tall on A3 and Tabloid, in proportion on A4 and Letter", () => {
    const posters = files((f) => f.material === "poster" && !f.variant && f.locales[0] === "en");
    expect(posters.length).toBeGreaterThanOrEqual(6);
    for (const poster of posters) {
      const height = capitalHeightMm(poster.at, 1, "Is someone");
      // 9 mm on the large sizes; on A4 and Letter in proportion to the paper's width (6.4 and 6.5 mm).
      const needed = poster.size === "a3" || poster.size === "tabloid" ? 9 : 9 * (paperMm[poster.size as "a4"].width / paperMm.a3.width);
      expect(height, `${poster.brand} ${poster.path}`).toBeGreaterThanOrEqual(needed);
    }
  });

  it("draws an icon beside every step, none of them a figure a screen reader would announce without a name", async () => {
    for (const poster of files((f) => f.material === "poster" && f.locales[0] === "en")) {
      const pdf = await loadPdf(poster.at);
      expect(structureFacts(pdf).figuresWithoutAlt, `${poster.brand} ${poster.path}`).toBe(0);
    }
  });

  it("prints in its compact form, every contact and step title kept, when a pack's content does not fit as designed", () => {
    // The school pack: long contacts and tear-off tabs. On A4 the steps' short lines give way; on A3 they fit.
    const text = (size: string) => printedLines(join(out, "oakfield-primary", "print", `poster-en-${size}.pdf`)).map((l) => l.text.trim());
    expect(text("a4")).not.toContain("Paying rarely makes it stop.");
    expect(text("a4")).toEqual(expect.arrayContaining(["Do not pay or send more", "Childline", "CEOP Safety Centre"]));
    expect(text("a4").filter((line) => line === "0800 1111").length).toBeGreaterThanOrEqual(8);
    expect(text("a3")).toContain("Paying rarely makes it stop.");
  });

  it("fills its paper on every size: no band of empty paper taller than 6.5% of the page (28 mm on tabloid, 19 mm on A4)", () => {
    // Before the redesign the bands ran 8.6% on A3 and 9.9% on tabloid (36 and 43 mm).
    for (const poster of files((f) => f.material === "poster")) {
      expect(largestEmptyBand(poster.at, 1), `${poster.brand} ${poster.path}`).toBeLessThan(0.065);
    }
  });

  it("prints tear-off tabs for a pack that asks: 8 on A4, 10 on A3, the service's name and number turned to run along each", () => {
    for (const [size, tabs] of [
      ["a4", 8],
      ["a3", 10],
    ] as const) {
      const lines = printedLines(join(out, "northshire", "print", `poster-en-${size}.pdf`));
      const turned = lines.filter((line) => line.direction[0] === 0);
      expect(
        turned.filter((line) => line.text.trim() === "Childline"),
        size,
      ).toHaveLength(tabs);
      expect(
        turned.filter((line) => line.text.trim() === "0800 1111"),
        size,
      ).toHaveLength(tabs);
      // Turned a quarter: each runs upwards, taller than it is wide.
      for (const line of turned) {
        expect(line.direction).toEqual([0, -1]);
        expect(line.box.height).toBeGreaterThan(line.box.width);
      }
    }
    // A pack that does not ask gets none.
    expect(printedLines(join(out, "upstander", "print", "poster-en-letter.pdf")).filter((line) => line.direction[0] === 0)).toEqual([]);
  });
});

describe("the wallet card", () => {
  it("alone: two pages, trimmed to 85.6 x 54 mm inside 3 mm of bleed, text 8 pt at the smallest", async () => {
    const cards = files((f) => f.material === "wallet-card" && f.size === "id1");
    expect(cards.length).toBeGreaterThanOrEqual(5);
    for (const card of cards) {
      const pdf = await loadPdf(card.at);
      expect(pdf.getPageCount(), card.path).toBe(2);
      for (const page of pdf.getPages()) {
        const trim = page.getTrimBox();
        const bleed = page.getBleedBox();
        expect(trim.width).toBeCloseTo(mmToPt(85.6), 0);
        expect(trim.height).toBeCloseTo(mmToPt(54), 0);
        expect(trim.x - bleed.x).toBeCloseTo(mmToPt(BLEED_MM), 1);
        expect(bleed.width - trim.width).toBeCloseTo(2 * mmToPt(BLEED_MM), 1);
        expect(page.node.get(PDFName.of("TrimBox"))).toBeDefined();
      }
      const lines = printedLines(card.at);
      expect(Math.min(...lines.map((line) => line.minSize)), card.path).toBeGreaterThanOrEqual(7.95);
    }
  });

  it("front: the three things that matter most; back: the region's young people's services, the QR code and emergency number", () => {
    const lines = printedLines(join(out, "northshire", "print", "wallet-card-en-id1.pdf"));
    const front = lines.filter((line) => line.page === 1).map((line) => line.text.trim());
    const back = lines.filter((line) => line.page === 2).map((line) => line.text.trim());
    expect(front).toEqual(expect.arrayContaining(["It is not your fault", "Do not pay or send more", "Tell an adult you trust"]));
    expect(back).toEqual(expect.arrayContaining(["Childline", "0800 1111"]));
    expect(back.join(" ")).toContain("Call 999");
    expect(back.join(" ")).toContain("childline.org.uk");
  });

  it("ten up on A4 and on Letter, each side with 10 cards, the backs mirrored so a long-edge duplex print puts each behind its front", async () => {
    for (const [brand, size] of [
      ["northshire", "a4"],
      ["upstander", "letter"],
    ] as const) {
      const path = join(out, brand, "print", `wallet-card-en-${size}.pdf`);
      const pdf = await loadPdf(path);
      expect(pdf.getPageCount()).toBe(2);
      const { width, height } = pdf.getPage(0).getSize();
      expect(width).toBeCloseTo(mmToPt(paperMm[size].width), 0);
      expect(height).toBeCloseTo(mmToPt(paperMm[size].height), 0);
      const lines = printedLines(path);
      // Cards in the order they are drawn (the page's order): the n-th front and the n-th back are the same card.
      const fronts = lines.filter((line) => line.page === 1 && line.text.trim() === "It is not your fault");
      const backs = lines.filter((line) => line.page === 2 && line.text.trim() === "Get help");
      expect(fronts, `${size} fronts`).toHaveLength(10);
      expect(backs, `${size} backs`).toHaveLength(10);
      const middle = paperMm[size].width / 2;
      const column = (line: { box: { x: number } }) => (line.box.x < middle ? 0 : 1);
      const rowOf = (side: typeof fronts) => {
        const tops = [...new Set(side.map((line) => line.box.y.toFixed(1)))].map(Number).sort((a, b) => a - b);
        expect(tops).toHaveLength(5);
        return (line: { box: { y: number } }) => tops.indexOf(Number(line.box.y.toFixed(1)));
      };
      const [frontRow, backRow] = [rowOf(fronts), rowOf(backs)];
      fronts.forEach((front, n) => {
        const back = backs[n]!;
        expect(column(back), `card ${n + 1} on ${size}`).toBe(1 - column(front));
        expect(backRow(back), `card ${n + 1} on ${size}`).toBe(frontRow(front));
      });
      // Two columns one card apart.
      const xs = [...new Set(fronts.map((front) => front.box.x.toFixed(1)))].map(Number).sort((a, b) => a - b);
      expect(xs).toHaveLength(2);
      expect(xs[1]! - xs[0]!).toBeCloseTo(85.6, 0);
    }
  });
});

describe("the social images", () => {
  it("are PNGs at exactly 1080 x 1080 and 1080 x 1920 px, in every language, with alt text in the manifest", async () => {
    const images = files((f) => f.material === "social");
    // Both shapes in every language of the packs that make them (puente's pack makes a poster and a flyer only).
    const languages = brands
      .filter((brand) => brand !== "puente")
      .flatMap((brand) => [...new Set(manifestOf(brand).files.flatMap((f) => f.locales))]);
    expect(images.length).toBe(2 * languages.length);
    for (const image of images) {
      const meta = await sharp(image.at).metadata();
      expect(meta.format).toBe("png");
      expect([meta.width, meta.height], image.path).toEqual(image.size === "square" ? [1080, 1080] : [1080, 1920]);
      const alt = image.alt?.[image.locales[0]!];
      expect(alt, image.path).toBeTruthy();
      // The words the image shows, in its language: its headline among them.
      const ui = parse(readFileSync(join(inject("sharedBuild").data, "locales", image.locales[0]!, "ui.yaml"), "utf8")) as {
        strings: { print: { social: { headline: string } } };
      };
      expect(alt).toContain(ui.strings.print.social.headline);
    }
  });

  it("keep every mark inside the platforms' safe areas: nothing in a story's top 250 px or bottom 340 px, nor in 64 px at its sides", async () => {
    for (const image of files((f) => f.material === "social" && f.size === "story")) {
      const { data, info } = await sharp(image.at).raw().toBuffer({ resolveWithObject: true });
      const background = [data[0]!, data[1]!, data[2]!];
      const marked = (x: number, y: number) =>
        [0, 1, 2].some((c) => Math.abs(data[(y * info.width + x) * info.channels + c]! - background[c]!) > 24);
      for (let y = 0; y < info.height; y++) {
        const unsafeRow = y < 250 || y >= info.height - 340;
        for (let x = 0; x < info.width; x++) {
          if (!unsafeRow && x >= 64 && x < info.width - 64) continue;
          if (marked(x, y)) throw new Error(`${image.brand} ${image.path}: a mark at ${x}, ${y}, outside the safe area`);
        }
      }
    }
  });
});

describe("large print", () => {
  it("prints every character at 16 pt or more (measured in the PDF), flowing to more pages than the standard one", () => {
    const large = files((f) => f.variant === "large-print");
    expect(new Set(large.map((f) => f.material))).toEqual(new Set(["one-minute-guide", "parent-flyer"]));
    for (const file of large) {
      const smallest = Math.min(...printedLines(file.at).map((line) => line.minSize));
      expect(smallest, `${file.brand} ${file.path}`).toBeGreaterThanOrEqual(15.95);
      const standard = files((f) => f.path === file.path.replace("-large-print", ""));
      expect(file.pages).toBeGreaterThan(standard.find((f) => f.brand === file.brand)!.pages);
    }
  });
});

describe("low ink", () => {
  it("comes for every PDF material, with text in pure black and no fill larger than a rule: nothing solid over 20 mm across", () => {
    const low = files((f) => f.variant === "low-ink");
    expect(new Set(low.map((f) => f.material))).toEqual(
      new Set(["poster", "one-minute-guide", "parent-flyer", "discussion-guide", "wallet-card"]),
    );
    for (const file of low) {
      const lines = printedLines(file.at);
      const coloured = lines.filter((line) => line.colours.some((colour) => colour.some((channel) => channel > 0.01)));
      expect(
        coloured.map((line) => line.text),
        `${file.brand} ${file.path}`,
      ).toEqual([]);
      for (let page = 1; page <= file.pages; page++) {
        // What stays solid through a 2 mm square: logos, the QR code's finder squares, icon joints; never a band or a box.
        const large = solidAreas(file.at, page).filter((area) => area.width > 20 || area.height > 20);
        expect(large, `${file.brand} ${file.path} page ${page}`).toEqual([]);
      }
    }
  });

  it("is measured by a check that finds the standard version's bands", () => {
    const band = solidAreas(join(out, "northshire", "print", "poster-en-a4.pdf"), 1).filter((area) => area.width > 20);
    expect(band.length).toBeGreaterThan(0);
    expect(band[0]!.width).toBeGreaterThan(200);
  });
});
