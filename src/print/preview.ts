/**
 * Previews of page 1 with sharp: the PNG the manifest names (150 dpi) and a
 * small WebP thumbnail for the downloads page. Both are palette-reduced:
 * print layouts are flat colour and text, so this keeps them sharp and small.
 * https://sharp.pixelplumbing.com/api-output
 */
import sharp from "sharp";

const THUMBNAIL_WIDTH = 320;

export async function previewImages(screenshot: Uint8Array): Promise<{ png: Buffer; webp: Buffer }> {
  const image = sharp(screenshot);
  const [png, webp] = await Promise.all([
    image.clone().png({ palette: true, quality: 90, compressionLevel: 9 }).toBuffer(),
    image.clone().resize({ width: THUMBNAIL_WIDTH }).webp({ quality: 80 }).toBuffer(),
  ]);
  return { png, webp };
}
