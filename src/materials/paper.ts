/**
 * Paper sizes and the geometry of a printed page. Millimetres are the unit
 * of the print templates; points (1/72 in) are the unit of PDF boxes.
 * With --bleed a page grows by 3 mm of bleed on every side (backgrounds run
 * into it) plus a slug outside the bleed that holds the crop marks, the
 * layout print shops expect (ISO 12647-2 / PDF/X practice).
 */
export const paperSizes = ["a3", "a4", "letter", "tabloid", "id1"] as const;
export type PaperSize = (typeof paperSizes)[number];

export const paperMm: Record<PaperSize, { width: number; height: number }> = {
  a3: { width: 297, height: 420 },
  a4: { width: 210, height: 297 },
  letter: { width: 215.9, height: 279.4 },
  tabloid: { width: 279.4, height: 431.8 },
  /** ISO/IEC 7810 ID-1, the size of a bank card: a wallet card. */
  id1: { width: 85.6, height: 54 },
};

/** Sizes that are only ever cut from a larger sheet by a print shop: they always carry bleed and crop marks. */
const alwaysBleed: ReadonlySet<PaperSize> = new Set(["id1"]);

/** Social images, in pixels: the platforms' square post and their full-screen story (9:16). */
export const imageSizes = ["square", "story"] as const;
export type ImageSize = (typeof imageSizes)[number];
export const imagePx: Record<ImageSize, { width: number; height: number }> = {
  square: { width: 1080, height: 1080 },
  story: { width: 1080, height: 1920 },
};

/** Any size a planned file comes in: paper for a PDF, pixels for an image. */
export type OutputSize = PaperSize | ImageSize;
export const isImageSize = (size: OutputSize): size is ImageSize => (imageSizes as readonly string[]).includes(size);

export const BLEED_MM = 3;
/** Crop marks start at the bleed edge and run this far out. */
export const CROP_MARK_MM = 6;
const SLUG_MM = BLEED_MM + CROP_MARK_MM;

export const mmToPt = (mm: number) => (mm * 72) / 25.4;
export const pxToMm = (px: number) => (px * 25.4) / 96;

export interface PageGeometry {
  size: OutputSize;
  /** The finished page, after trimming. */
  trim: { width: number; height: number };
  /** Distance from the sheet's edge to the trim, on every side (0 without bleed). */
  offset: number;
  bleed: number;
  /** The whole sheet Chromium prints. */
  media: { width: number; height: number };
  /** Page margins of flowing documents, from the sheet's edge (the discussion guide). */
  margins: { top: number; inline: number; bottom: number };
  /** Text scale against A4 width: posters grow with their paper. */
  scale: number;
  /** How much taller than A4's proportion the page is (1 for A4 and anything wider, 1.09 for tabloid): a poster grows its type by it to fill the height. */
  tallness: number;
  /** Printed height of the brand's logo, which grows with the scale. */
  logoHeight: number;
}

/** The logo's printed height on A4 when a material does not say; the brand checks measure a PNG's resolution against the largest. */
export const LOGO_HEIGHT_MM = 8;

/** Page margins of flowing documents; the bottom one holds the page number. */
const FLOW_MARGINS_MM = { top: 16, inline: 18, bottom: 20 };

/** A size in millimetres: an image's pixels are CSS px (96 to the inch), as Chromium lays them out. */
export const sizeMm = (size: OutputSize) =>
  isImageSize(size) ? { width: pxToMm(imagePx[size].width), height: pxToMm(imagePx[size].height) } : paperMm[size];

/** `logoHeightMm`: the material's logo height on A4 (it grows with the paper). An image never bleeds. */
export function pageGeometry(size: OutputSize, withBleed: boolean, logoHeightMm = LOGO_HEIGHT_MM): PageGeometry {
  const trim = sizeMm(size);
  const bleeds = !isImageSize(size) && (withBleed || alwaysBleed.has(size));
  const offset = bleeds ? SLUG_MM : 0;
  const scale = Math.round((trim.width / paperMm.a4.width) * 1000) / 1000;
  return {
    size,
    trim,
    offset,
    bleed: bleeds ? BLEED_MM : 0,
    media: { width: trim.width + 2 * offset, height: trim.height + 2 * offset },
    margins: { top: FLOW_MARGINS_MM.top + offset, inline: FLOW_MARGINS_MM.inline + offset, bottom: FLOW_MARGINS_MM.bottom + offset },
    scale,
    tallness: Math.max(1, Math.round((trim.height / trim.width / (paperMm.a4.height / paperMm.a4.width)) * 1000) / 1000),
    logoHeight: Math.round(logoHeightMm * scale * 100) / 100,
  };
}
