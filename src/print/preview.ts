/**
 * Previews of page 1 with sharp: the PNG the manifest names and a small
 * WebP thumbnail for the downloads page. The PNG is true colour at zlib
 * level 6: palette reduction made files half the size but tripled the
 * print step's time per PDF (measured with `npm run bench`).
 * https://sharp.pixelplumbing.com/api-output
 */
import sharp from "sharp";

const THUMBNAIL_WIDTH = 320;

export async function previewImages(screenshot: Uint8Array): Promise<{ png: Buffer; webp: Buffer }> {
  const image = sharp(screenshot);
  const [png, webp] = await Promise.all([
    image.clone().png({ compressionLevel: 6 }).toBuffer(),
    image.clone().resize({ width: THUMBNAIL_WIDTH }).webp({ quality: 80 }).toBuffer(),
  ]);
  return { png, webp };
}
