/**
 * Previews of page 1: the PNG the manifest names and a small WebP thumbnail
 * for the downloads page. A PDF's preview is rendered from the finished PDF
 * itself with MuPDF (page numbers, artifacts and all: exactly what prints),
 * cut to its TrimBox; an image material is its own preview. The PNG is true
 * colour at zlib level 6: palette reduction made files half the size but
 * tripled the time per file (measured with `npm run bench`).
 * https://mupdf.readthedocs.io/en/latest/reference/javascript/types/Page.html
 * https://sharp.pixelplumbing.com/api-output
 */
import * as mupdf from "mupdf";
import sharp from "sharp";

const THUMBNAIL_WIDTH = 320;
/** Preview width in pixels: 150 dpi on A4 and Letter; larger posters get the same width, so previews stay quick to make and to load. */
export const PREVIEW_WIDTH_PX = 1240;

/** Page 1 of a finished PDF as PNG, `width` pixels across its TrimBox (the finished page, bleed and slug cut away). */
export function renderFirstPage(document: mupdf.Document, width: number): Uint8Array {
  const page = document.loadPage(0) as mupdf.PDFPage;
  const [x0, y0, x1, y1] = page.getBounds("TrimBox");
  const scale = width / (x1 - x0);
  // Moves the TrimBox's corner to the origin, so the pixmap holds the trimmed page only.
  const matrix = mupdf.Matrix.concat(mupdf.Matrix.translate(-x0, -y0), mupdf.Matrix.scale(scale, scale));
  const pixmap = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, width, Math.round((y1 - y0) * scale)], false);
  pixmap.clear(255);
  const device = new mupdf.DrawDevice(matrix, pixmap);
  try {
    page.run(device, mupdf.Matrix.identity);
    device.close();
    return pixmap.asPNG();
  } finally {
    // Freed at once (see printedLines): a page's pixmap is 6 MB or more.
    device.destroy();
    pixmap.destroy();
    page.destroy();
  }
}

export async function previewImages(png: Uint8Array): Promise<{ png: Buffer; webp: Buffer }> {
  const image = sharp(png);
  const [full, webp] = await Promise.all([
    image.clone().png({ compressionLevel: 6 }).toBuffer(),
    image.clone().resize({ width: THUMBNAIL_WIDTH }).webp({ quality: 80 }).toBuffer(),
  ]);
  return { png: full, webp };
}
