/**
 * Previews of page 1: the PNG the manifest names and a small WebP thumbnail
 * for the downloads page. A PDF's preview is rendered from the finished PDF
 * itself with MuPDF (page numbers, artifacts and all: exactly what prints),
 * cut to its TrimBox; an image material is its own preview. The PNG is true
 * colour at zlib level 4: palette reduction made files half the size but
 * tripled the time per file (measured with `npm run bench`); level 4 against
 * 6 took 19 against 30 ms a preview for 3% more bytes, and WebP effort 2
 * against the default 4 took 17 against 28 ms for the same size (40 of the
 * default brand's previews, encoded one at a time).
 * https://mupdf.readthedocs.io/en/latest/reference/javascript/types/Page.html
 * https://sharp.pixelplumbing.com/api-output
 */
import * as mupdf from "mupdf";
import sharp from "sharp";

const THUMBNAIL_WIDTH = 320;
/** Preview width in pixels: 150 dpi on A4 and Letter; larger posters get the same width, so previews stay quick to make and to load. */
export const PREVIEW_WIDTH_PX = 1240;

/** Page 1 of a finished PDF as RGB pixels, `width` across its TrimBox (the finished page, bleed and slug cut away). */
export function renderFirstPage(document: mupdf.Document, width: number): RawImage {
  const page = document.loadPage(0) as mupdf.PDFPage;
  const [x0, y0, x1, y1] = page.getBounds("TrimBox");
  const scale = width / (x1 - x0);
  // Moves the TrimBox's corner to the origin, so the pixmap holds the trimmed page only.
  const matrix = mupdf.Matrix.concat(mupdf.Matrix.translate(-x0, -y0), mupdf.Matrix.scale(scale, scale));
  const height = Math.round((y1 - y0) * scale);
  const pixmap = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, width, height], false);
  pixmap.clear(255);
  const device = new mupdf.DrawDevice(matrix, pixmap);
  try {
    page.run(device, mupdf.Matrix.identity);
    device.close();
    // Raw pixels, copied out of MuPDF's memory, for sharp to encode: MuPDF's own PNG encoder took
    // three times as long as drawing the page, and sharp had to decode its PNG again.
    return { pixels: Buffer.from(pixmap.getPixels()), width, height, channels: 3 };
  } finally {
    // Freed at once (see printedLines): a page's pixmap is 6 MB or more.
    device.destroy();
    pixmap.destroy();
    page.destroy();
  }
}

/** RGB pixels as sharp reads them raw: rows of 3 bytes per pixel, no padding. */
export interface RawImage {
  pixels: Buffer;
  width: number;
  height: number;
  channels: 3;
}

/** The preview PNG and the thumbnail WebP, from an encoded image (an image material's screenshot) or raw pixels. */
export async function previewImages(source: Uint8Array | RawImage): Promise<{ png: Buffer; webp: Buffer }> {
  const image = "pixels" in source ? sharp(source.pixels, { raw: source }) : sharp(source);
  const [full, webp] = await Promise.all([
    image.clone().png({ compressionLevel: 4 }).toBuffer(),
    image.clone().resize({ width: THUMBNAIL_WIDTH }).webp({ quality: 80, effort: 2 }).toBuffer(),
  ]);
  return { png: full, webp };
}
