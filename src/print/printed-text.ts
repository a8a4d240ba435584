/**
 * The text of a finished PDF as a reader's viewer lays it out (MuPDF's
 * structured text): each line with its page, direction, box, smallest
 * character size and colours. The clear-print rules are measured here, on
 * what prints, as well as on the HTML: a breach the HTML hid (text Chromium
 * shrank, a line running longer than its element suggested) fails the file.
 * https://mupdf.readthedocs.io/en/latest/reference/javascript/types/StructuredText.html
 */
import * as mupdf from "mupdf";

const ptToMm = (pt: number) => (pt * 25.4) / 72;

// MuPDF warns on stderr about text it reads, such as Chromium's ActualText
// spans with no position (an empty alternative for a decorative "·"): not
// the build's problems, so only errors are shown.
mupdf.setLog({ error: (message) => console.error(`mupdf: ${message}`) });

/** One line of text as drawn: its page (1-based), text, writing direction ([1, 0] left to right; [0, -1] turned to run upwards), box in mm, and its smallest character size in pt. */
export interface PrintedLine {
  page: number;
  text: string;
  direction: [number, number];
  box: { x: number; y: number; width: number; height: number };
  minSize: number;
  /** Each character's colour (RGB, 0-1). */
  colours: number[][];
  /** Each character's box in pt, for masking text out of a rendering. */
  quads: number[][];
}

/** A finished PDF opened once with MuPDF, for its text and its preview; the caller destroys it. */
export const openWithMupdf = (pdf: Uint8Array) => mupdf.Document.openDocument(pdf, "application/pdf");

export function printedLines(document: mupdf.Document): PrintedLine[] {
  const lines: PrintedLine[] = [];
  for (let index = 0; index < document.countPages(); index++) {
    let line: PrintedLine | undefined;
    const page = document.loadPage(index);
    const text = page.toStructuredText("preserve-whitespace");
    text.walk({
      beginLine(bbox, _wmode, direction) {
        const [x0, y0, x1, y1] = bbox as unknown as number[];
        line = {
          page: index + 1,
          text: "",
          direction: [Math.round(direction[0]), Math.round(direction[1])],
          box: { x: ptToMm(x0!), y: ptToMm(y0!), width: ptToMm(x1! - x0!), height: ptToMm(y1! - y0!) },
          minSize: Infinity,
          colours: [],
          quads: [],
        };
      },
      onChar(c, _origin, _font, size, quad, colour) {
        if (!line) return;
        line.text += c;
        if (c.trim()) {
          line.minSize = Math.min(line.minSize, size);
          line.colours.push([...(colour as unknown as number[])]);
          line.quads.push([...(quad as unknown as number[])]);
        }
      },
      endLine() {
        if (line?.text.trim()) lines.push(line);
        line = undefined;
      },
    });
    // Freed now, not when JavaScript's collector gets round to it: MuPDF's memory is WebAssembly's, which
    // never shrinks, so objects left to the collector made a thousand-file build's Node process twice as big.
    text.destroy();
    page.destroy();
  }
  return lines;
}

/**
 * Running text stays within about 70 characters a line. Counted as letters
 * without spaces or combining marks, on every line as printed: text
 * extraction cannot tell a word space from the gap between joined Arabic
 * letters, and 70 letters is about the 80 characters with spaces the HTML
 * check allows. A line that is one word (a web address) is not running text.
 */
export const MAX_LETTERS_PER_LINE = 70;
const letters = (text: string) => text.replace(/[\s\p{M}]/gu, "").length;

/** Clear-print breaches in a finished PDF: text below `minTextPt`, lines of running text too long. One message each. */
export function clearPrintInPdf(document: mupdf.Document, minTextPt: number): string[] {
  const problems: string[] = [];
  const quote = (text: string) => `"${text.replace(/\s+/g, " ").trim().slice(0, 50)}"`;
  for (const line of printedLines(document)) {
    // 0.05 pt: sizes come back from the PDF's matrices in floating point (7.99 for 8).
    if (line.minSize < minTextPt - 0.05)
      problems.push(
        `page ${line.page}: ${quote(line.text)} prints at ${line.minSize.toFixed(1)} pt; this material needs at least ${minTextPt} pt`,
      );
    if (letters(line.text) > MAX_LETTERS_PER_LINE && /\S\s+\S/.test(line.text.trim()))
      problems.push(
        `page ${line.page}: ${quote(line.text)} runs ${letters(line.text)} letters a line; keep running text within about ${MAX_LETTERS_PER_LINE}`,
      );
  }
  return problems;
}
