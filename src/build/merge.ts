/**
 * What `npm run merge` reads: the output folders of one sharded build
 * (`npm run build -- --shard K/N --out DIR`), each brand folder holding its
 * share of the print files and a manifest saying which shard made them and
 * with which selection. Every shard of the build must be there exactly once,
 * built with the same selection; every file must match its checksum; and
 * together they must hold exactly the files the build plans, each once.
 * Anything else is a problem naming the folder or file, all in one run.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { displayPath } from "../content/yaml-file.ts";
import { fileProblem, type Problem } from "../infra/problems.ts";
import { fileSha256 } from "../print/cache.ts";
import { thumbnailPathFor, type Manifest, type ManifestFile, type ManifestPressFile } from "../print/manifest.ts";
import type { PlannedPrint } from "../materials/plan.ts";
import { MARKER } from "./output-dir.ts";
import type { Selection } from "./fingerprint.ts";
import type { BuildOptions } from "./options.ts";
import type { Shard } from "./shard.ts";

/** What a shard's brand folder records beside its share of the files: enough for merge to check the shards belong together. */
export interface ShardManifest extends Manifest {
  shard: Shard & {
    /** The build's brands and selection, the same for every shard of one build. */
    options: Selection & Pick<BuildOptions, "brands">;
  };
}

/** One brand's share in one shard folder. */
export interface BrandShare {
  /** The shard's brand folder. */
  dir: string;
  manifest: ShardManifest;
}

export interface ShardSet {
  options: ShardManifest["shard"]["options"];
  total: number;
  /** Per brand id, its share in each shard folder. */
  brands: Map<string, BrandShare[]>;
}

const problem = (path: string, message: string) => fileProblem("merge", displayPath(path), message);

/** Reads and checks the shard folders: the set, or the problems that stop the merge. */
export function readShards(folders: string[]): { shards?: ShardSet; problems: Problem[] } {
  const problems: Problem[] = [];
  const byIndex = new Map<number, string>();
  const brands = new Map<string, BrandShare[]>();
  let first: { folder: string; record: ShardManifest["shard"] } | undefined;
  for (const folder of folders.map((f) => resolve(f))) {
    if (!existsSync(join(folder, MARKER))) {
      problems.push(
        problem(folder, "is not the output of an Upstander build: build each shard with npm run build -- --shard K/N --out DIR"),
      );
      continue;
    }
    const shares = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
      .map((entry) => join(folder, entry.name));
    let index: number | undefined;
    for (const dir of shares) {
      const manifest = readManifest(join(dir, "manifest.json"));
      if (!manifest?.shard) {
        problems.push(problem(dir, "was built without --shard: merge combines the outputs of npm run build -- --shard K/N"));
        continue;
      }
      const { shard } = manifest;
      first ??= { folder, record: shard };
      if (shard.total !== first.record.total || JSON.stringify(shard.options) !== JSON.stringify(first.record.options)) {
        problems.push(
          problem(
            dir,
            `is shard ${shard.index}/${shard.total} of another build than ${displayPath(first.folder)} (${differences(shard, first.record)}): merge the shards of one build`,
          ),
        );
        continue;
      }
      if (index !== undefined && index !== shard.index)
        problems.push(problem(dir, `says shard ${shard.index}, its folder's others ${index}`));
      index = shard.index;
      brands.set(manifest.brand, [...(brands.get(manifest.brand) ?? []), { dir, manifest }]);
    }
    if (index === undefined) continue;
    const twin = byIndex.get(index);
    if (twin)
      problems.push(problem(folder, `is shard ${index}/${first!.record.total} again (so is ${displayPath(twin)}): give each shard once`));
    byIndex.set(index, folder);
  }
  if (!first) return { problems: problems.length ? problems : [problem(folders[0] ?? ".", "holds no shard")] };
  const missing = Array.from({ length: first.record.total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length)
    problems.push(
      problem(".", `shard ${missing.map((i) => `${i}/${first.record.total}`).join(", ")} not given: merge needs every shard of the build`),
    );
  return problems.length ? { problems } : { shards: { options: first.record.options, total: first.record.total, brands }, problems };
}

function readManifest(path: string): ShardManifest | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as ShardManifest;
  } catch {
    return undefined;
  }
}

/** How two shards' builds differ, setting by setting: "bleed is true here, false there". */
function differences(here: ShardManifest["shard"], there: ShardManifest["shard"]): string {
  const settings = {
    shards: [here.total, there.total],
    ...Object.fromEntries(
      Object.keys({ ...here.options, ...there.options }).map((key) => [
        key,
        [here.options[key as keyof typeof here.options], there.options[key as keyof typeof there.options]],
      ]),
    ),
  };
  return Object.entries(settings)
    .filter(([, [a, b]]) => JSON.stringify(a) !== JSON.stringify(b))
    .map(([key, [a, b]]) => `${key} is ${JSON.stringify(a) ?? "unset"} here, ${JSON.stringify(b) ?? "unset"} there`)
    .join("; ");
}

/** Where each of a brand's files is, across its shares: checked against the plan and the checksums. */
export interface BrandFiles {
  files: ManifestFile[];
  /** The press files, in the order of the files they were made from (empty without --press). */
  press: ManifestPressFile[];
  /** Every file to copy (prints, previews, thumbnails, press files): path in the brand folder -> the shard's brand folder holding it. */
  sources: Map<string, string>;
}

/** A brand's files across its shares, in plan order, or the problems with them. */
export function collectBrandFiles(
  brandId: string,
  shares: BrandShare[],
  plan: PlannedPrint[],
): { brand?: BrandFiles; problems: Problem[] } {
  const problems: Problem[] = [];
  const made = new Map<string, { file: ManifestFile; dir: string }>();
  const press = new Map<string, { file: ManifestPressFile; dir: string }>();
  const sources = new Map<string, string>();
  for (const { dir, manifest } of shares) {
    for (const file of manifest.files) {
      const twin = made.get(file.path);
      if (twin) problems.push(problem(join(dir, file.path), `was also made by ${displayPath(twin.dir)}: each file belongs to one shard`));
      made.set(file.path, { file, dir });
      if (!matches(join(dir, file.path), file.sha256))
        problems.push(problem(join(dir, file.path), "is missing, or does not match its manifest's sha256"));
      for (const part of [file.path, file.preview, thumbnailPathFor(file)]) sources.set(part, dir);
    }
    for (const file of manifest.press ?? []) {
      press.set(file.source, { file, dir });
      if (!matches(join(dir, file.path), file.sha256))
        problems.push(problem(join(dir, file.path), "is missing, or does not match its manifest's sha256"));
      sources.set(file.path, dir);
    }
  }
  const planned = new Set(plan.map((file) => file.path));
  for (const path of planned) if (!made.has(path)) problems.push(problem(path, `(brand ${brandId}) is planned, but no shard made it`));
  for (const [path, { dir }] of made)
    if (!planned.has(path)) problems.push(problem(join(dir, path), `is not planned for brand ${brandId} by this build`));
  if (problems.length) return { problems };
  const files = plan.map((file) => made.get(file.path)!.file);
  return { brand: { files, press: files.flatMap((file) => press.get(file.path)?.file ?? []), sources }, problems };
}

function matches(path: string, sha256: string): boolean {
  try {
    return fileSha256(readFileSync(path)) === sha256;
  } catch {
    return false;
  }
}
