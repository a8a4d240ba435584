/**
 * Reads a press PDF (src/print/press.ts) back and names, in plain English,
 * what a print shop's preflight would refuse: no PDF/X version or
 * OutputIntent, page boxes that do not nest, RGB or spot colour left, too
 * much ink, low-resolution images, fonts not embedded.
 * - Structure and colour spaces: pdf-lib, in process.
 * - Ink: the pages rendered as 8-bit CMYK by Ghostscript (pamcmyk32) at 50 dpi,
 *   every pixel's C+M+Y+K summed. Without anti-aliasing a hairline still
 *   fills whole pixels, so the maximum is not diluted by the low resolution.
 * - Image resolution as placed on the page: poppler's pdfimages -list.
 * PDF/X-3 rules: ISO 15930-3; boxes: PDF 32000-1:2008, 14.11.2.
 * https://ghostscript.readthedocs.io/en/gs10.0.0/Devices.html#pnm-pam
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFString,
  PDFHexString,
  type PDFObject,
  type PDFPage,
} from "pdf-lib";
import { contentTokens } from "./content-stream.ts";
import { firstLines, isRgbColourSpace } from "./press.ts";
import { streamText } from "./streams.ts";

export interface PressExpectations {
  /** The OutputIntent's OutputConditionIdentifier, when one is expected. */
  profileName?: string;
  /** Total area coverage the press allows: C+M+Y+K in percent (300 for Ghostscript's default CMYK profile). */
  maxInkPercent: number;
  minImagePpi: number;
}

export interface PressFacts {
  pdfxVersion?: string;
  outputIntent?: string;
  /** The most ink any pixel gets, C+M+Y+K in percent, at the check's resolution. */
  maxInkPercent: number;
  pages: number;
  /** The lowest effective resolution of any image as placed, if there are images. */
  minImagePpi?: number;
  fonts: number;
}

export interface PressReport {
  problems: string[];
  facts: PressFacts;
}

/** Rendering resolution for the ink check: enough for any area that matters on press, fast on two cores. */
const INK_DPI = 50;

export async function checkPressPdf(path: string, expected: PressExpectations): Promise<PressReport> {
  const [pdf, ink, images] = await Promise.all([
    readFile(path).then((bytes) => PDFDocument.load(bytes, { updateMetadata: false })),
    maxInkPerPage(path),
    imageResolutions(path),
  ]);
  const pdfxVersion = infoText(pdf, "GTS_PDFXVersion");
  const intent = outputIntent(pdf);
  const fonts = fontDicts(pdf);
  const maxInk = Math.max(0, ...ink);
  const minImagePpi = images.length ? Math.min(...images.map((image) => image.ppi)) : undefined;
  const problems = [
    ...(pdfxVersion ? [] : ["no PDF/X version: the document information has no GTS_PDFXVersion"]),
    ...outputIntentProblems(intent, expected.profileName),
    ...pdf.getPages().flatMap(boxProblems),
    ...colourProblems(pdf),
    ...ink.flatMap((percent, index) =>
      percent > expected.maxInkPercent
        ? [`page ${index + 1} has ${percent}% total ink (C+M+Y+K) in places, above the ${expected.maxInkPercent}% the press allows`]
        : [],
    ),
    ...images
      .filter((image) => image.ppi < expected.minImagePpi)
      .map((image) => `an image on page ${image.page} prints at ${image.ppi} ppi, below the ${expected.minImagePpi} ppi a press needs`),
    ...fonts.filter((font) => !isEmbedded(font)).map((font) => `the font ${fontName(font)} is not embedded`),
  ];
  return {
    problems,
    facts: { pdfxVersion, outputIntent: intent?.name, maxInkPercent: maxInk, pages: pdf.getPageCount(), minImagePpi, fonts: fonts.length },
  };
}

function infoText(pdf: PDFDocument, key: string): string | undefined {
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info);
  return info instanceof PDFDict ? textOf(info.lookup(PDFName.of(key))) : undefined;
}

const textOf = (value: PDFObject | undefined) =>
  value instanceof PDFString || value instanceof PDFHexString
    ? value.decodeText()
    : value instanceof PDFName
      ? value.decodeText()
      : undefined;

interface OutputIntent {
  name?: string;
  hasProfile: boolean;
}

/** The catalog's PDF/X OutputIntent (S /GTS_PDFX), if any. */
function outputIntent(pdf: PDFDocument): OutputIntent | undefined {
  const intents = pdf.catalog.lookupMaybe(PDFName.of("OutputIntents"), PDFArray);
  const dicts = intents?.asArray().map((item) => pdf.context.lookup(item)) ?? [];
  const pdfx = dicts.find((dict): dict is PDFDict => dict instanceof PDFDict && dict.get(PDFName.of("S")) === PDFName.of("GTS_PDFX"));
  if (!pdfx) return undefined;
  return {
    name: textOf(pdfx.lookup(PDFName.of("OutputConditionIdentifier"))),
    hasProfile: pdfx.lookup(PDFName.of("DestOutputProfile")) instanceof PDFRawStream,
  };
}

function outputIntentProblems(intent: OutputIntent | undefined, profileName?: string): string[] {
  if (!intent) return ["no OutputIntent: nothing tells the press which printing condition the colours were made for"];
  const problems: string[] = [];
  if (!intent.hasProfile) problems.push("the OutputIntent has no DestOutputProfile (the ICC profile of the printing condition)");
  if (profileName !== undefined && intent.name !== profileName)
    problems.push(`the OutputIntent names "${intent.name ?? ""}", not the expected "${profileName}"`);
  return problems;
}

type Box = [number, number, number, number];

function boxOf(page: PDFPage, key: string): Box | undefined {
  const value = page.node.lookupMaybe(PDFName.of(key), PDFArray);
  if (!value || value.size() !== 4) return undefined;
  const [x1, y1, x2, y2] = value.asArray().map((item) => (page.doc.context.lookup(item) as PDFNumber).asNumber()) as Box;
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

/** Within a hundredth of a point: writers round box edges. */
const contains = (outer: Box, inner: Box) =>
  inner[0] >= outer[0] - 0.01 && inner[1] >= outer[1] - 0.01 && inner[2] <= outer[2] + 0.01 && inner[3] <= outer[3] + 0.01;

const showBox = (box: Box) => `[${box.map((n) => Math.round(n * 100) / 100).join(" ")}]`;

function boxProblems(page: PDFPage, index: number): string[] {
  const media = boxOf(page, "MediaBox") ?? ([0, 0, page.getWidth(), page.getHeight()] as Box);
  const bleed = boxOf(page, "BleedBox") ?? media;
  const trim = boxOf(page, "TrimBox");
  const where = `page ${index + 1}`;
  if (!trim) return [`${where} has no TrimBox: PDF/X needs the finished size`];
  if (contains(media, bleed) && contains(bleed, trim)) return [];
  return [
    `${where}'s boxes are not nested as MediaBox ⊇ BleedBox ⊇ TrimBox: MediaBox ${showBox(media)}, BleedBox ${showBox(bleed)}, TrimBox ${showBox(trim)}`,
  ];
}

/** RGB and spot colour anywhere: colour spaces of images, shadings and resources, and colours set in content streams. */
function colourProblems(pdf: PDFDocument): string[] {
  const found = new Set<string>();
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (!dict) continue;
    const what =
      dict.get(PDFName.of("Subtype")) === PDFName.of("Image") ? `the image in object ${ref.objectNumber}` : `object ${ref.objectNumber}`;
    const own = dict.lookup(PDFName.of("ColorSpace"));
    const spaces = own instanceof PDFDict ? own.values().map((value) => pdf.context.lookup(value)) : [own];
    for (const space of spaces) {
      const kind = colourSpaceKind(pdf, space);
      if (kind === "rgb") found.add(`RGB colour left: ${what} uses an RGB colour space`);
      if (kind === "spot")
        found.add(`spot colour: ${what} uses a ${spotName(pdf, space)} colour space, which a four-colour press cannot print`);
    }
    if (object instanceof PDFRawStream && dict.get(PDFName.of("Subtype")) === PDFName.of("Form")) {
      if (drawsInDeviceRgb(object)) found.add(`RGB colour left: the form in object ${ref.objectNumber} sets DeviceRGB colours`);
    }
  }
  pdf.getPages().forEach((page, index) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((item) => pdf.context.lookup(item)) : [contents];
    if (streams.some((stream) => stream instanceof PDFRawStream && drawsInDeviceRgb(stream)))
      found.add(`RGB colour left: page ${index + 1} sets DeviceRGB colours`);
  });
  return [...found];
}

function colourSpaceKind(pdf: PDFDocument, space: PDFObject | undefined): "rgb" | "spot" | "ok" {
  if (isRgbColourSpace(space)) return "rgb";
  if (!(space instanceof PDFArray)) return "ok";
  const family = space.lookup(0);
  if (family === PDFName.of("Separation") || family === PDFName.of("DeviceN")) return "spot";
  // Indexed and Pattern spaces take their colours from a base space.
  if (family === PDFName.of("Indexed") || family === PDFName.of("Pattern")) return colourSpaceKind(pdf, pdf.context.lookup(space.get(1)));
  return "ok";
}

function spotName(pdf: PDFDocument, space: PDFObject | undefined): string {
  if (!(space instanceof PDFArray)) return "spot";
  const colorant = pdf.context.lookup(space.get(1));
  const names = colorant instanceof PDFArray ? colorant.asArray().map((item) => pdf.context.lookup(item)) : [colorant];
  return `${(space.lookup(0) as PDFName).decodeText()} (${names.map((name) => (name instanceof PDFName ? name.decodeText() : "?")).join(", ")})`;
}

/** rg/RG, or DeviceRGB named by cs/CS or an inline image, in a content stream. */
function drawsInDeviceRgb(stream: PDFRawStream): boolean {
  const text = streamText(stream);
  let operands: string[] = [];
  for (const token of contentTokens(text)) {
    if (token.kind === "operand") operands.push(token.text);
    if (token.kind !== "operator") continue;
    if (token.text === "rg" || token.text === "RG") return true;
    if (operands.some((operand) => operand === "/DeviceRGB" || operand === "/RGB" || operand === "/CalRGB")) return true;
    if (token.text !== "BI") operands = [];
  }
  return false;
}

function fontDicts(pdf: PDFDocument): PDFDict[] {
  return pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of("Type")) === PDFName.of("Font"))
    .filter((font) => font.get(PDFName.of("Subtype")) !== PDFName.of("Type0"));
}

const fontName = (font: PDFDict) => (font.lookup(PDFName.of("BaseFont")) as PDFName | undefined)?.decodeText() ?? "(unnamed)";

/** Type 3 glyphs are drawn in the PDF; any other font needs its program in the font descriptor. */
function isEmbedded(font: PDFDict): boolean {
  if (font.get(PDFName.of("Subtype")) === PDFName.of("Type3")) return true;
  const descriptor = font.lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
  return ["FontFile", "FontFile2", "FontFile3"].some((key) => descriptor?.has(PDFName.of(key)));
}

/**
 * The most ink on each page, C+M+Y+K in percent, from Ghostscript's 8-bit
 * CMYK raster: one PAM image a page (a text header, then 4 bytes a pixel).
 */
function maxInkPerPage(path: string): Promise<number[]> {
  const args = ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pamcmyk32", `-r${INK_DPI}`, "-sOutputFile=%stdout", path];
  return new Promise((done, fail) => {
    execFile("gs", args, { encoding: "buffer", maxBuffer: 1024 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error)
        fail(new Error(`Ghostscript could not render ${path} to measure its ink: ${firstLines(stderr.toString() || error.message)}`));
      else done(pamImages(stdout).map((pixels) => Math.round((maxInkIn(pixels) / 255) * 100)));
    });
  });
}

/** The pixels of each image in a stream of PAM images (netpbm.sourceforge.net/doc/pam.html). */
function pamImages(stream: Buffer): Buffer[] {
  const images: Buffer[] = [];
  let at = 0;
  while (at < stream.length) {
    const headerEnd = stream.indexOf("ENDHDR\n", at, "latin1");
    if (headerEnd < 0) break;
    const header = stream.toString("latin1", at, headerEnd);
    const field = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, "m").exec(header)?.[1] ?? NaN);
    const start = headerEnd + "ENDHDR\n".length;
    const end = start + field("WIDTH") * field("HEIGHT") * field("DEPTH");
    images.push(stream.subarray(start, end));
    at = end;
  }
  return images;
}

function maxInkIn(pixels: Buffer): number {
  let max = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const sum = pixels[i]! + pixels[i + 1]! + pixels[i + 2]! + pixels[i + 3]!;
    if (sum > max) max = sum;
  }
  return max;
}

interface PlacedImage {
  page: number;
  ppi: number;
}

/** Each image's effective resolution as placed (the lower of x and y), from pdfimages -list. Soft masks are left out: they only fade. */
function imageResolutions(path: string): Promise<PlacedImage[]> {
  return new Promise((done, fail) => {
    execFile("pdfimages", ["-list", path], (error, stdout) => {
      if (error) return fail(new Error(`pdfimages could not list the images of ${path}: ${error.message}`));
      const rows = stdout.trim().split("\n").slice(2);
      done(
        rows
          .map((row) => row.trim().split(/\s+/))
          .filter((columns) => columns[2] !== "smask")
          .map((columns) => ({ page: Number(columns[0]), ppi: Math.min(Number(columns[12]), Number(columns[13])) })),
      );
    });
  });
}
