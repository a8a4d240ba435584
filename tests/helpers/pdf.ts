/** Read built PDFs back: pdf-lib for structure, poppler's tools (installed by setup) for text and fonts. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { PDFDocument, PDFName, PDFNumber, PDFRawStream } from "pdf-lib";
import { expect } from "vitest";
import { mmToPt, sizeMm, type OutputSize } from "../../src/materials/paper.ts";

export const hasPoppler = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

export const loadPdf = (path: string) => PDFDocument.load(readFileSync(path), { updateMetadata: false });

/** Text of one page (1-based) in reading order, as pdftotext reads it, with runs of white space as one space. */
export const pageText = (path: string, page: number) =>
  execFileSync("pdftotext", ["-f", String(page), "-l", String(page), path, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");

/** All of a PDF's text, every page, white space (line ends included) as single spaces. */
export const documentText = (path: string) => execFileSync("pdftotext", [path, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");

export interface WordBox {
  page: number;
  word: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of a PDF with its box in points, as poppler reads the printed page (pdftotext -bbox). */
export function wordBoxes(path: string): WordBox[] {
  const html = execFileSync("pdftotext", ["-bbox", path, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const boxes: WordBox[] = [];
  let page = 0;
  for (const [, tag, attributes, word] of html.matchAll(/<(page|word)\b([^>]*)>([^<]*)/g)) {
    if (tag === "page") {
      page += 1;
      continue;
    }
    const number = (name: string) => Number(new RegExp(`${name}="([^"]+)"`).exec(attributes!)![1]);
    boxes.push({ page, word: word!, xMin: number("xMin"), yMin: number("yMin"), xMax: number("xMax"), yMax: number("yMax") });
  }
  return boxes;
}

/**
 * Pairs of words drawn over each other: boxes sharing more than a sliver
 * (lines may touch where line spacing is tight; text over text shares most
 * of its height).
 */
export function overlappingWords(boxes: WordBox[]): Array<[WordBox, WordBox]> {
  const pairs: Array<[WordBox, WordBox]> = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a.page !== b.page) continue;
      const width = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const height = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (width > 1 && height > 0.5 * Math.min(a.yMax - a.yMin, b.yMax - b.yMin)) pairs.push([a, b]);
    }
  }
  return pairs;
}

/** pdffonts' table: one row per font, with its "emb" column. */
export function fonts(path: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync("pdffonts", [path], { encoding: "utf8" }).trim().split("\n").slice(2);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    return { name: columns[0]!, embedded: columns.at(-5) === "yes" };
  });
}

export { catalogFacts, structureFacts } from "../../src/audit/pdf-checks.ts";

/** Pixel height of every image embedded in a PDF (to see a logo printed at its full resolution). */
export function imageHeights(pdf: PDFDocument): number[] {
  return [...pdf.context.enumerateIndirectObjects()]
    .map(([, object]) => object)
    .filter(
      (object): object is PDFRawStream => object instanceof PDFRawStream && object.dict.get(PDFName.of("Subtype")) === PDFName.of("Image"),
    )
    .map((image) => image.dict.lookup(PDFName.of("Height"), PDFNumber).asNumber());
}

/** Every page of the PDF is this paper size, within 1 pt: its TrimBox when it has bleed (a card always has), else the page. */
export function expectPaper(pdf: PDFDocument, size: OutputSize, label: string) {
  for (const page of pdf.getPages()) {
    const { width, height } = page.node.get(PDFName.of("TrimBox")) ? page.getTrimBox() : page.getSize();
    expect(Math.abs(width - mmToPt(sizeMm(size).width)), label).toBeLessThan(1);
    expect(Math.abs(height - mmToPt(sizeMm(size).height)), label).toBeLessThan(1);
  }
}
