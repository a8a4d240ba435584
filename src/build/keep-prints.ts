/**
 * A partial build (--material, --locale, --no-pdf) replaces only the print
 * files it makes: the brand's other files, and their manifest entries, carry
 * over from the previous output. Only files the brand still plans are kept
 * (a material or language dropped from brand.yaml goes), and only when the
 * previous manifest lists them and they are there.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Manifest, ManifestFile } from "../print/manifest.ts";
import { thumbnailPathFor } from "../print/manifest.ts";
import type { PlannedPrint } from "../materials/plan.ts";

async function previousManifest(brandDir: string): Promise<ManifestFile[]> {
  try {
    const manifest = JSON.parse(await readFile(join(brandDir, "manifest.json"), "utf8")) as Manifest;
    return Array.isArray(manifest.files) ? manifest.files : [];
  } catch {
    return [];
  }
}

/**
 * Copies the previous output's print files that this build did not make
 * (but the brand still plans) into the staged brand folder; returns every
 * file of the merged manifest, in plan order.
 */
export async function keepUnbuiltPrints(
  previousDir: string,
  stagedDir: string,
  plannedAll: PlannedPrint[],
  made: ManifestFile[],
): Promise<ManifestFile[]> {
  const madePaths = new Set(made.map((file) => file.path));
  const planned = new Set(plannedAll.map((file) => file.path));
  const kept: ManifestFile[] = [];
  for (const file of await previousManifest(previousDir)) {
    if (madePaths.has(file.path) || !planned.has(file.path)) continue;
    const parts = [file.path, file.preview, thumbnailPathFor(file)];
    if (!parts.every((part) => existsSync(join(previousDir, part)))) continue;
    for (const part of parts) {
      await mkdir(dirname(join(stagedDir, part)), { recursive: true });
      await copyFile(join(previousDir, part), join(stagedDir, part));
    }
    kept.push(file);
  }
  const order = plannedAll.map((file) => file.path);
  return [...made, ...kept].sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path));
}
