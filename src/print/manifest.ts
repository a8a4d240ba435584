/**
 * manifest.json, one per brand, exactly as SPEC "Output" gives it: what
 * scripts and print shops read to find every file without opening it.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { MaterialId } from "../materials/registry.ts";
import type { OutputSize } from "../materials/paper.ts";
import type { VariantId } from "../materials/variant.ts";

export interface ManifestFile {
  /** Relative to dist/<brand>/. */
  path: string;
  material: MaterialId;
  /** Set for a variant: "large-print", "low-ink". */
  variant?: VariantId;
  locales: string[];
  size: OutputSize;
  pages: number;
  bytes: number;
  sha256: string;
  /** PNG of page 1, relative to dist/<brand>/ (an image is its own preview). */
  preview: string;
  /** An image's alternative text, per locale: what a post sharing it says for readers who cannot see it. */
  alt?: Record<string, string>;
}

/** A print shop's file: CMYK PDF/X made from one of `files` with --press. */
export interface ManifestPressFile {
  /** Relative to dist/<brand>/: press/<the PDF's name>. */
  path: string;
  /** The tagged RGB PDF it was made from (its path in `files`). */
  source: string;
  pdfx: string;
  /** The OutputIntent's printing condition: the profile, named as it is. */
  outputIntent: string;
  pages: number;
  bytes: number;
  sha256: string;
  /** The most ink any spot gets, C+M+Y+K in percent, as the press check measured it. */
  maxInkPercent: number;
}

export interface Manifest {
  brand: string;
  files: ManifestFile[];
  /** Present after a build with --press. */
  press?: ManifestPressFile[];
}

/** The small WebP the downloads page shows, beside the full-size PNG preview. */
export const thumbnailPathFor = (file: Pick<ManifestFile, "path">) => file.path.replace(/\.(pdf|png)$/, ".webp");

export async function writeManifest(brandDir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(brandDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}
