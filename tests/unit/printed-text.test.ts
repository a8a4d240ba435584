/**
 * Clear print measured on the finished PDF (src/print/printed-text.ts): a
 * PDF the build finished passes; text drawn below the minimum, and a line of
 * running text too long, each fail with the text named; one long word (a web
 * address) is not running text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../src/infra/paths.ts";
import { clearPrintInPdf, MAX_LETTERS_PER_LINE, openWithMupdf } from "../../src/print/printed-text.ts";

const finished = readFileSync(join(ROOT, "tests", "fixtures", "pdf", "one-minute-guide-en-letter.pdf"));

function breaches(pdf: Uint8Array, minTextPt: number): string[] {
  const document = openWithMupdf(pdf);
  try {
    return clearPrintInPdf(document, minTextPt);
  } finally {
    document.destroy();
  }
}

/** A Letter page with one line of `text` at `size` pt. */
async function oneLine(text: string, size: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([1224, 792]).drawText(text, { x: 20, y: 700, size, font });
  return pdf.save();
}

describe("clear print in the PDF", () => {
  it("finds nothing wrong with a PDF the build finished", () => {
    expect(breaches(finished, 12)).toEqual([]);
  });

  it("names text printed below the material's minimum", () => {
    const found = breaches(finished, 13);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/^page 1: ".+" prints at 12\.0 pt; this material needs at least 13 pt$/);
  });

  it("names a line of running text longer than the limit, and passes one just within it", async () => {
    const words = (letters: number) => Array.from({ length: letters / 5 }, () => "abcde").join(" ");
    expect(await oneLine(words(MAX_LETTERS_PER_LINE), 12).then((pdf) => breaches(pdf, 12))).toEqual([]);
    const long = breaches(await oneLine(words(MAX_LETTERS_PER_LINE + 5), 12), 12);
    expect(long).toEqual([expect.stringMatching(/runs 75 letters a line; keep running text within about 70$/)]);
  });

  it("does not count one long word, such as a web address, as running text", async () => {
    expect(breaches(await oneLine("a".repeat(MAX_LETTERS_PER_LINE + 20), 12), 12)).toEqual([]);
  });
});
