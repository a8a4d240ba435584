/**
 * What a material declares, in material.ts in its own folder beside its
 * template and styles (templates/_includes/print/<id>/). `satisfies
 * MaterialDeclaration` there makes a material without a page rule,
 * audience or sizes a compile error, and an image material with paper
 * sizes (or a PDF with pixel sizes) one too.
 */
import type { Audience, PaperFamily } from "../content/schemas.ts";
import type { ImageSize, PaperSize } from "./paper.ts";
import type { VariantId } from "./variant.ts";

/** How many pages a file must come out as: exactly N, one per language it pairs, or as many as its content needs. */
export type PageRule = { exactly: number } | "one-per-locale" | "flowing";

interface Common {
  /** Its contacts, and the service its QR code leads to (the region's main one for this audience). */
  audience: Audience;
  /** One language per file, or the brand's first two on one sheet each. */
  locales: "one" | "first-two";
  /** Its folder: <id>.njk (the template, with `layout: print/print.njk`) and any .css beside it. */
  folder: string;
}

/** A printed material: a PDF per size of the brand's paper family. */
export interface PdfMaterial extends Common {
  output: "pdf";
  sizes: Record<PaperFamily, readonly PaperSize[]>;
  pages: PageRule;
  /** The variants it also comes in (src/materials/variant.ts), each a file of its own. */
  variants: readonly VariantId[];
  /** The logo's printed height on A4 in mm, when not the default 8 (it grows with the paper). */
  logoHeightMm?: number;
  /** The smallest text it may print, in pt, when clear print's 12 cannot fit (a bank-card-sized card: 8). */
  minTextPt?: number;
}

/** An image material: a PNG per pixel size, whatever the brand's paper. */
export interface ImageMaterial extends Common {
  output: "png";
  sizes: readonly ImageSize[];
}

export type MaterialDeclaration = PdfMaterial | ImageMaterial;
