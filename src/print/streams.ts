/**
 * Page content streams in and out with Node's own zlib rather than
 * pdf-lib's JavaScript one (pako): several times faster, and a page's
 * content is read three times in the finishing step and again by the press
 * step. The compressed bytes differ from pako's but not from run to run;
 * they could between Node versions (Node bundles its zlib), so the shards
 * of one build run on one Node version, as the CI workflow pins it. Other
 * filters still go through pdf-lib.
 * https://nodejs.org/api/zlib.html#zlibinflatesyncbuffer-options
 */
import { deflateSync, inflateSync } from "node:zlib";
import { decodePDFRawStream, PDFName, type PDFDocument, type PDFRawStream } from "pdf-lib";

/** A stream's decoded bytes. */
export function streamBytes(stream: PDFRawStream): Uint8Array {
  const onlyFlate = stream.dict.get(PDFName.of("Filter")) === PDFName.of("FlateDecode") && !stream.dict.has(PDFName.of("DecodeParms"));
  return onlyFlate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
}

/** A stream's decoded bytes as text, one character per byte, as the content-stream lexer reads them. */
export const streamText = (stream: PDFRawStream) => Buffer.from(streamBytes(stream)).toString("latin1");

/** A new Flate-compressed stream object holding `bytes`, registered in the document: its reference. */
export const registerFlateStream = (pdf: PDFDocument, bytes: Uint8Array) =>
  pdf.context.register(pdf.context.stream(deflateSync(bytes), { Filter: "FlateDecode" }));
