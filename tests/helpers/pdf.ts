/** Read built PDFs back: pdf-lib for structure, poppler's tools (installed by setup) for text and fonts, mupdf for sizes, directions and pixels. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as mupdf from "mupdf";
import { openWithMupdf, printedLines as printedLinesOf } from "../../src/print/printed-text.ts";
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

/** pdftotext's text without the invisible direction marks it adds around right-to-left runs, white space as single spaces. */
const asRead = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/\s+/g, " ");

/** Text of one page (1-based) in reading order, as pdftotext reads it, with runs of white space as one space. */
export const pageText = (path: string, page: number) =>
  asRead(execFileSync("pdftotext", ["-f", String(page), "-l", String(page), path, "-"], { encoding: "utf8" }));

/** All of a PDF's text, every page, white space (line ends included) as single spaces. */
export const documentText = (path: string) => asRead(execFileSync("pdftotext", [path, "-"], { encoding: "utf8" }));

export interface WordBox {
  page: number;
  word: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** Turned a quarter (a tear-off tab's), as its whole line is: several characters in a line much taller than wide. */
  turned: boolean;
}

/**
 * Every word of a PDF with its box in points, as poppler reads the printed
 * page (pdftotext -bbox-layout). Whether a word is turned is read from its
 * line, not its own box: a short word such as "55" in a turned phone number
 * has a box about as wide as tall.
 */
export function wordBoxes(path: string): WordBox[] {
  const html = execFileSync("pdftotext", ["-bbox-layout", path, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const boxes: WordBox[] = [];
  let page = 0;
  for (const [, tag, attributes, body] of html.matchAll(/<(page|line)\b([^>]*)>([\s\S]*?)(?=<(?:page|line)\b|$)/g)) {
    if (tag === "page") {
      page += 1;
      continue;
    }
    const line = box(attributes!);
    const words = [...body!.matchAll(/<word\b([^>]*)>([^<]*)/g)].map(([, wordAttributes, word]) => ({
      page,
      word: word!,
      ...box(wordAttributes!),
    }));
    const turned = words.map((w) => w.word).join("").length >= 3 && line.yMax - line.yMin > line.xMax - line.xMin;
    for (const word of words) boxes.push({ ...word, turned });
  }
  return boxes;
}

function box(attributes: string): { xMin: number; yMin: number; xMax: number; yMax: number } {
  const number = (name: string) => Number(new RegExp(`${name}="([^"]+)"`).exec(attributes)![1]);
  return { xMin: number("xMin"), yMin: number("yMin"), xMax: number("xMax"), yMax: number("yMax") };
}

/**
 * Pairs of words drawn over each other: boxes sharing more than a sliver
 * (lines may touch where line spacing is tight; text over text shares most
 * of its line height). For two turned words the line height runs across the page.
 */
export function overlappingWords(boxes: WordBox[]): Array<[WordBox, WordBox]> {
  const pairs: Array<[WordBox, WordBox]> = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a.page !== b.page) continue;
      const width = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const height = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      const overlaps =
        a.turned && b.turned
          ? height > 1 && width > 0.5 * Math.min(a.xMax - a.xMin, b.xMax - b.xMin)
          : width > 1 && height > 0.5 * Math.min(a.yMax - a.yMin, b.yMax - b.yMin);
      if (overlaps) pairs.push([a, b]);
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

export { catalogFacts, structureFacts } from "../../src/print/accessibility-checks.ts";

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

// ---- mupdf: the printed page as a reader's PDF viewer lays it out (text with sizes and direction, and pixels) ----

const openPdf = (path: string) => mupdf.Document.openDocument(readFileSync(path), "application/pdf");

export type { PrintedLine } from "../../src/print/printed-text.ts";
/** The lines of text of a PDF on disk, as drawn (src/print/printed-text.ts). */
export function printedLines(path: string) {
  const document = openWithMupdf(readFileSync(path));
  try {
    return printedLinesOf(document);
  } finally {
    document.destroy();
  }
}

/** A page rendered with mupdf at `dpi`: RGB samples, row by row. */
function renderPage(path: string, page: number, dpi: number) {
  const document = openPdf(path);
  const loaded = document.loadPage(page - 1);
  const pixmap = loaded.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false);
  const images: number[][] = [];
  loaded.toStructuredText("preserve-images").walk({
    onImageBlock(bbox) {
      images.push([...(bbox as unknown as number[])]);
    },
  });
  return {
    width: pixmap.getWidth(),
    height: pixmap.getHeight(),
    stride: pixmap.getStride(),
    pixels: pixmap.getPixels(),
    images,
  };
}

/**
 * Filled areas of a page, text and raster images left out: everything drawn
 * in something other than white that holds a `solidMm` square all through,
 * which rules, borders, icon strokes and text never do (they are thinner). Each
 * area comes back as its box in mm, grown back by the square.
 */
export function solidAreas(path: string, page: number, solidMm = 2, dpi = 50): { x: number; y: number; width: number; height: number }[] {
  const { width, height, stride, pixels, images } = renderPage(path, page, dpi);
  const scale = dpi / 72;
  const inked = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = y * stride + x * 3;
      inked[y * width + x] = Math.min(pixels[at]!, pixels[at + 1]!, pixels[at + 2]!) < 235 ? 1 : 0;
    }
  const clear = ([x0, y0, x1, y1]: number[], grow: number) => {
    for (let y = Math.max(0, Math.floor(y0! * scale - grow)); y < Math.min(height, Math.ceil(y1! * scale + grow)); y++)
      for (let x = Math.max(0, Math.floor(x0! * scale - grow)); x < Math.min(width, Math.ceil(x1! * scale + grow)); x++)
        inked[y * width + x] = 0;
  };
  for (const line of printedLines(path).filter((l) => l.page === page))
    for (const quad of line.quads)
      clear([Math.min(quad[0]!, quad[4]!), Math.min(quad[1]!, quad[3]!), Math.max(quad[2]!, quad[6]!), Math.max(quad[5]!, quad[7]!)], 1);
  for (const image of images) clear(image, 1);
  // Erode: keep a pixel only when the k x k square from it is inked all through.
  const k = Math.max(2, Math.round((solidMm / 25.4) * dpi));
  const across = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0, run = 0; x < width; x++) {
      run = inked[y * width + x] ? run + 1 : 0;
      if (run >= k) across[y * width + x - k + 1] = 1;
    }
  const solid = new Uint8Array(width * height);
  for (let x = 0; x < width; x++)
    for (let y = 0, run = 0; y < height; y++) {
      run = across[y * width + x] ? run + 1 : 0;
      if (run >= k) solid[(y - k + 1) * width + x] = 1;
    }
  // Connected areas, each as its box.
  const areas: { x: number; y: number; width: number; height: number }[] = [];
  const seen = new Uint8Array(width * height);
  for (let start = 0; start < solid.length; start++) {
    if (!solid[start] || seen[start]) continue;
    let [minX, minY, maxX, maxY] = [width, height, 0, 0];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const at = stack.pop()!;
      const [x, y] = [at % width, Math.floor(at / width)];
      [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
      for (const next of [at - 1, at + 1, at - width, at + width]) {
        if (next < 0 || next >= solid.length || seen[next] || !solid[next]) continue;
        if (Math.abs((next % width) - x) > 1) continue;
        seen[next] = 1;
        stack.push(next);
      }
    }
    const px = 25.4 / dpi;
    areas.push({ x: minX * px, y: minY * px, width: (maxX - minX + k) * px, height: (maxY - minY + k) * px });
  }
  return areas;
}

/** Height in mm of the capital letter starting `text` on the page, measured in the pixels (a capital I or H has no overshoot). */
export function capitalHeightMm(path: string, page: number, text: string, dpi = 300): number {
  const line = printedLines(path).find((l) => l.page === page && l.text.trim().startsWith(text));
  if (!line) throw new Error(`no line starting "${text}" on page ${page} of ${path}`);
  const quad = line.quads[0]!;
  const { stride, pixels } = renderPage(path, page, dpi);
  const scale = dpi / 72;
  const [x0, x1] = [Math.ceil(Math.min(quad[0]!, quad[4]!) * scale), Math.floor(Math.max(quad[2]!, quad[6]!) * scale)];
  const [y0, y1] = [Math.ceil(Math.min(quad[1]!, quad[3]!) * scale), Math.floor(Math.max(quad[5]!, quad[7]!) * scale)];
  const at = (x: number, y: number) => y * stride + x * 3;
  const background = [pixels[at(x0, y0)]!, pixels[at(x0, y0) + 1]!, pixels[at(x0, y0) + 2]!];
  let rows = 0;
  for (let y = y0; y <= y1; y++) {
    let inked = false;
    for (let x = x0; x <= x1 && !inked; x++) inked = [0, 1, 2].some((c) => Math.abs(pixels[at(x, y) + c]! - background[c]!) > 96);
    if (inked) rows++;
  }
  return (rows / dpi) * 25.4;
}

/** The tallest run of rows across the page that hold nothing but its background (the colour at the middle of its left edge), as a share of the page's height. */
export function largestEmptyBand(path: string, page: number, dpi = 30): number {
  const { width, height, stride, pixels } = renderPage(path, page, dpi);
  const edge = Math.floor(height / 2) * stride;
  const corner = [pixels[edge]!, pixels[edge + 1]!, pixels[edge + 2]!];
  let longest = 0;
  for (let y = 0, run = 0; y < height; y++) {
    let empty = true;
    for (let x = 0; x < width && empty; x++) empty = [0, 1, 2].every((c) => Math.abs(pixels[y * stride + x * 3 + c]! - corner[c]!) < 12);
    run = empty ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest / height;
}

/**
 * Characters drawn over other characters, read with mupdf: two letters
 * (marks left out: they sit on their letters by design) whose boxes share
 * more than 40% of the smaller one's area, and that are not neighbours in
 * one line (joined Arabic letters and ligatures touch). This reads Arabic
 * script truly, where poppler's word boxes (its fonts' whole bounding
 * boxes) and mupdf's line boxes overlap the next line at ordinary spacing.
 * Returns each pair's text, as "page N: a / b".
 */
export function overlappingCharacters(path: string): string[] {
  const found: string[] = [];
  const lines = printedLines(path);
  for (const page of new Set(lines.map((line) => line.page))) {
    const chars = lines
      .filter((line) => line.page === page)
      .flatMap((line, l) =>
        [...line.text.replace(/\s/g, "")].map((c, i) => ({ c, l, i, q: line.quads[i] })).filter((ch) => ch.q && !/\p{M}/u.test(ch.c)),
      )
      .map(({ c, l, i, q }) => ({
        c,
        l,
        i,
        x0: Math.min(q![0]!, q![4]!),
        x1: Math.max(q![2]!, q![6]!),
        y0: Math.min(q![1]!, q![3]!),
        y1: Math.max(q![5]!, q![7]!),
      }));
    for (let a = 0; a < chars.length; a++) {
      for (let b = a + 1; b < chars.length; b++) {
        const [p, q] = [chars[a]!, chars[b]!];
        if (p.l === q.l && Math.abs(p.i - q.i) <= 2) continue;
        const w = Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0);
        const h = Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0);
        if (w <= 0 || h <= 0) continue;
        // The overlap in height is taken against the glyphs' size, not their tall font boxes: half a line's worth.
        const smaller = Math.min((p.x1 - p.x0) * (p.y1 - p.y0), (q.x1 - q.x0) * (q.y1 - q.y0));
        if ((w * h) / smaller > 0.4 && h > 0.75 * Math.min(p.y1 - p.y0, q.y1 - q.y0)) found.push(`page ${page}: ${p.c} / ${q.c}`);
      }
    }
  }
  return found;
}

/** Every link a PDF's pages carry, as their targets (one per annotation: a link broken over two lines has two). */
export function linkTargets(path: string): string[] {
  const document = openPdf(path);
  return Array.from({ length: document.countPages() }, (_, i) =>
    document
      .loadPage(i)
      .getLinks()
      .map((link) => link.getURI()),
  ).flat();
}
