/**
 * What a brand's output is made from, as one hash: the project's code,
 * templates and locked dependencies, the content (everything in the data
 * folder but the brand packs), the brand's own pack, the build's selection
 * and SOURCE_DATE_EPOCH. A build finds a brand's hash recorded with its
 * output and its files all there, and skips that brand: no Eleventy run, no
 * browser. The system's own programs (Chromium, Ghostscript) are not in the
 * hash: after upgrading them, build into a new folder.
 */
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT } from "../infra/paths.ts";
import { hashFolder, sha256 } from "../print/cache.ts";
import type { BuildOptions } from "./options.ts";

/** The part of the build's options that decides what a brand's folder holds (which brands are built is not: each has its own hash). */
export type Selection = Omit<BuildOptions, "out" | "shard" | "brands" | "force">;

const CODE_FOLDERS = ["src", "templates", "scripts"];
const CODE_FILES = ["package.json", "package-lock.json"];

async function sharedInputs(dataDir: string, selection: Selection): Promise<string> {
  const content = readdirSync(dataDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "brands")
    .map((entry) => entry.name)
    .sort();
  return sha256(
    ...(await Promise.all(CODE_FOLDERS.map((folder) => hashFolder(join(ROOT, folder))))),
    ...(await Promise.all(CODE_FILES.map((file) => readFile(join(ROOT, file))))),
    ...(await Promise.all(content.map(async (folder) => sha256(folder, await hashFolder(join(dataDir, folder)))))),
    JSON.stringify(selection),
    process.env.SOURCE_DATE_EPOCH ?? "",
  );
}

/** Each brand folder's hash, in the order given. */
export async function brandFingerprints(dataDir: string, brandDirs: string[], selection: Selection): Promise<string[]> {
  const shared = await sharedInputs(dataDir, selection);
  return Promise.all(brandDirs.map(async (dir) => sha256(shared, await hashFolder(dir))));
}

/** The selection of a build's options. */
export const selectionOf = ({ locales, materials, pdf, bleed, press }: Selection): Selection => ({
  locales,
  materials,
  pdf,
  bleed,
  press,
});
