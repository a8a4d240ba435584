/**
 * What a built PDF may never hold: code, or actions that run, submit or
 * open anything by themselves. Our PDFs have only links and the outline's
 * jumps; a file with more was tampered with (or a tool changed), so it never
 * reaches the output. Checked on every PDF, printed or taken from the cache.
 * Action types: PDF 32000-1:2008, 12.6.4.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from "pdf-lib";

/** Keys that hold code, automatic actions, forms or attachments. */
const forbiddenKeys = new Set([
  "JS",
  "JavaScript",
  "OpenAction",
  "AA",
  "AcroForm",
  "XFA",
  "EmbeddedFile",
  "EmbeddedFiles",
  "RichMedia",
  "Launch",
]);
/** Action types that run, submit, import or open something outside the document. */
const forbiddenActions = new Set([
  "JavaScript",
  "Launch",
  "SubmitForm",
  "ImportData",
  "ResetForm",
  "Rendition",
  "Movie",
  "Sound",
  "GoToR",
  "GoToE",
  "RichMediaExecute",
  "Hide",
  "SetOCGState",
  "Trans",
  "GoTo3DView",
]);

/** Names what the PDF holds that it must not (empty when it is safe). */
export function unsafePdfParts(pdf: PDFDocument): string[] {
  const found = new Set<string>();
  const seen = new Set<PDFObject>();
  const visit = (object: PDFObject | undefined) => {
    if (!object || seen.has(object)) return;
    seen.add(object);
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (dict) {
      for (const [key, value] of dict.entries()) {
        const name = key.decodeText();
        if (forbiddenKeys.has(name)) found.add(`/${name}`);
        if (name === "S" && value instanceof PDFName && forbiddenActions.has(value.decodeText()))
          found.add(`a /${value.decodeText()} action`);
        visit(value);
      }
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i++) visit(object.get(i));
    }
  };
  for (const [, object] of pdf.context.enumerateIndirectObjects()) visit(object);
  visit(pdf.context.trailerInfo.Root);
  return [...found].sort();
}
