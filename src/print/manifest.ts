/**
 * manifest.json, one per brand, exactly as SPEC "Output" gives it: what
 * scripts and print shops read to find every file without opening it.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { MaterialId } from "../materials/registry.ts";
import type { PaperSize } from "../materials/paper.ts";

export interface ManifestFile {
  /** Relative to dist/<brand>/. */
  path: string;
  material: MaterialId;
  locales: string[];
  size: PaperSize;
  pages: number;
  bytes: number;
  sha256: string;
  /** PNG of page 1, relative to dist/<brand>/. */
  preview: string;
}

export interface Manifest {
  brand: string;
  files: ManifestFile[];
}

/** The small WebP the downloads page shows, beside the full-size PNG preview. */
export const thumbnailPathFor = (file: Pick<ManifestFile, "preview">) => file.preview.replace(/\.png$/, ".webp");

export async function writeManifest(brandDir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(brandDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}
