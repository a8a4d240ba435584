/**
 * The press file: small RGB PDFs drawn with pdf-lib (colours written as
 * `r g b rg`, as Chromium writes them) become CMYK PDF/X-3 whose black text
 * is K only and whose colours stay colours, with the bleed kept; the press
 * check names what a print shop would refuse in PDFs made to break it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cmyk, PDFDocument, PDFName, rgb, StandardFonts } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPressPdf } from "../../src/print/press-check.ts";
import { DEFAULT_CMYK_PROFILE, DEFAULT_CMYK_PROFILE_NAME, grayNeutralColours, makePressPdf } from "../../src/print/press.ts";
import { loadPdf } from "../helpers/pdf.ts";
import { tempDir } from "../helpers/temp.ts";

const PRESS = { profile: DEFAULT_CMYK_PROFILE, profileName: DEFAULT_CMYK_PROFILE_NAME, title: "Press test" };
/** Ghostscript's default CMYK profile puts RGB black at 295%: its limit is the SWOP-like 300%. */
const EXPECTED = { profileName: DEFAULT_CMYK_PROFILE_NAME, maxInkPercent: 300, minImagePpi: 300 };

const dir = tempDir("press");
const file = (name: string) => join(dir, name);

/** Ink coverage of each page (the share of the page each of C, M, Y, K touches), from Ghostscript's inkcov device. */
function inkCoverage(path: string): { c: number; m: number; y: number; k: number }[] {
  const output = execFileSync("gs", ["-q", "-o", "-", "-sDEVICE=inkcov", path], { encoding: "utf8" });
  return [...output.matchAll(/^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+) CMYK/gm)].map(([, c, m, y, k]) => ({
    c: Number(c),
    m: Number(m),
    y: Number(y),
    k: Number(k),
  }));
}

async function savePdf(name: string, draw: (pdf: PDFDocument) => Promise<void>): Promise<string> {
  const pdf = await PDFDocument.create();
  await draw(pdf);
  writeFileSync(file(name), await pdf.save());
  return file(name);
}

/** Page 1: black and grey text only. Page 2: a blue rectangle and black text. */
const rgbPdf = () =>
  savePdf("rgb.pdf", async (pdf) => {
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const text = pdf.addPage([300, 200]);
    text.drawText("Black text only", { x: 20, y: 120, size: 24, font, color: rgb(0, 0, 0) });
    text.drawText("and grey text", { x: 20, y: 80, size: 24, font, color: rgb(0.4, 0.4, 0.4) });
    const colour = pdf.addPage([300, 200]);
    colour.drawRectangle({ x: 20, y: 20, width: 260, height: 100, color: rgb(0.1137, 0.3098, 0.5686) });
    colour.drawText("Black", { x: 20, y: 150, size: 24, font, color: rgb(0, 0, 0) });
  });

const bleed = { media: [0, 0, 300, 200], bleed: [10, 10, 290, 190], trim: [20, 20, 280, 180] };

/** A blue rectangle out to the bleed edge, inside TrimBox and BleedBox as src/print/finish.ts sets them. */
const bleedPdf = () =>
  savePdf("bleed.pdf", async (pdf) => {
    const page = pdf.addPage([300, 200]);
    page.drawRectangle({ x: 10, y: 10, width: 280, height: 180, color: rgb(0.1137, 0.3098, 0.5686) });
    page.setBleedBox(10, 10, 280, 180);
    page.setTrimBox(20, 20, 260, 160);
  });

describe("makePressPdf", () => {
  let input: string;
  const output = file("press.pdf");
  beforeAll(async () => {
    input = await rgbPdf();
    await makePressPdf(input, output, PRESS);
  });

  it("makes a PDF/X-3 file that passes the press check", async () => {
    const report = await checkPressPdf(output, EXPECTED);
    expect(report.problems).toEqual([]);
    expect(report.facts).toMatchObject({ pdfxVersion: "PDF/X-3:2002", outputIntent: DEFAULT_CMYK_PROFILE_NAME, pages: 2 });
    const info = execFileSync("pdfinfo", [output], { encoding: "utf8" });
    expect(info).toMatch(/^PDF subtype:\s+PDF\/X-3:2002$/m);
    expect(info).toMatch(/^Title:\s+Press test$/m);
  });

  it("prints black and grey text with K only, where Ghostscript alone would use all four inks", () => {
    const [before] = inkCoverage(input);
    expect(before!.c).toBeGreaterThan(0);
    const [after] = inkCoverage(output);
    expect(after).toMatchObject({ c: 0, m: 0, y: 0 });
    expect(after!.k).toBeGreaterThan(0);
  });

  it("keeps colours as colours", () => {
    const [, colour] = inkCoverage(output);
    expect(colour!.c).toBeGreaterThan(0.3);
    expect(colour!.m).toBeGreaterThan(0.3);
  });

  it("keeps the MediaBox, BleedBox and TrimBox: the bleed is not cropped", async () => {
    const withBleed = file("bleed-press.pdf");
    await makePressPdf(await bleedPdf(), withBleed, PRESS);
    const page = (await loadPdf(withBleed)).getPage(0);
    const box = (key: string) => page.node.lookup(PDFName.of(key))!.toString();
    expect(box("MediaBox")).toBe(`[ ${bleed.media.join(" ")} ]`);
    expect(box("BleedBox")).toBe(`[ ${bleed.bleed.join(" ")} ]`);
    expect(box("TrimBox")).toBe(`[ ${bleed.trim.join(" ")} ]`);
    expect((await checkPressPdf(withBleed, EXPECTED)).problems).toEqual([]);
  });

  it("names the input and Ghostscript's complaint when Ghostscript fails", async () => {
    // A CMYK profile by its header, cut short after it: Ghostscript cannot read it.
    const broken = file("broken-cmyk.icc");
    writeFileSync(broken, readFileSync(DEFAULT_CMYK_PROFILE).subarray(0, 200));
    await expect(makePressPdf(input, file("broken-profile.pdf"), { ...PRESS, profile: broken })).rejects.toThrow(
      /^Ghostscript could not make a press PDF of .*rgb\.pdf: .*Unrecoverable error/,
    );
  });

  it("names the input it cannot read as a PDF", async () => {
    const notPdf = file("not-a.pdf");
    writeFileSync(notPdf, "%PDF-1.7\nnothing here\n");
    await expect(makePressPdf(notPdf, file("never.pdf"), PRESS)).rejects.toThrow(/not-a\.pdf/);
  });
});

describe("grayNeutralColours", () => {
  it("rewrites neutral rg/RG as DeviceGray and leaves colours and strings alone", () => {
    const content = ".102 .102 .102 RG .102 .102 .102 rg\n(0 0 0 rg) Tj\n.1 .3 .5 rg";
    expect(grayNeutralColours(content, new Set(["DeviceRGB"]))).toBe(".102 G .102 g\n(0 0 0 rg) Tj\n.1 .3 .5 rg");
  });

  it("rewrites neutral sc/scn in an RGB space and sets the space again before the next colour", () => {
    const content = "/CS0 cs 0 0 0 scn q 1 1 1 scn Q 1 0 0 scn";
    expect(grayNeutralColours(content, new Set(["CS0"]))).toBe("/CS0 cs 0 g q 1 g Q /CS0 cs 1 0 0 scn");
  });
});

describe("checkPressPdf", () => {
  it("finds RGB colour and no OutputIntent in the RGB PDF itself", async () => {
    const { problems } = await checkPressPdf(await rgbPdf(), EXPECTED);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^RGB colour left: page 1/), expect.stringMatching(/^no OutputIntent/)]),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^no PDF\/X version/));
  });

  it("finds a TrimBox larger than the MediaBox", async () => {
    const broken = await savePdf("broken-boxes.pdf", async (pdf) => {
      pdf.addPage([300, 200]).setTrimBox(-10, -10, 320, 220);
    });
    expect((await checkPressPdf(broken, EXPECTED)).problems).toContainEqual(
      expect.stringMatching(/^page 1's boxes are not nested as MediaBox ⊇ BleedBox ⊇ TrimBox/),
    );
  });

  it("finds ink above the limit", async () => {
    const overloaded = await savePdf("ink.pdf", async (pdf) => {
      pdf.addPage([300, 200]).drawRectangle({ x: 20, y: 20, width: 100, height: 100, color: cmyk(1, 1, 1, 1) });
    });
    const report = await checkPressPdf(overloaded, EXPECTED);
    expect(report.facts.maxInkPercent).toBe(400);
    expect(report.problems).toContainEqual("page 1 has 400% total ink (C+M+Y+K) in places, above the 300% the press allows");
  });
});
