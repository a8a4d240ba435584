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

export interface Manifest {
  brand: string;
  files: ManifestFile[];
}

/** The small WebP the downloads page shows, beside the full-size PNG preview. */
export const thumbnailPathFor = (file: Pick<ManifestFile, "path">) => file.path.replace(/\.(pdf|png)$/, ".webp");

export async function writeManifest(brandDir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(brandDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}
