/**
 * Finished PDFs and previews, kept by a hash of everything that went into
 * them (the print page's HTML, every asset, the document information and
 * the print step's own code and dependency versions). A rebuild in which a
 * file's inputs did not change copies it from here instead of printing it.
 * The cache lives where build tools keep theirs (node_modules/.cache) and
 * forgets entries unused for two weeks.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT } from "../paths.ts";

const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
const outputs = ["pdf", "png", "webp"] as const;
export type PrintOutputs = Record<(typeof outputs)[number], Uint8Array> & { pages: number };

export const defaultCacheDir = () => process.env.UPSTANDER_CACHE ?? join(ROOT, "node_modules", ".cache", "upstander", "print");

export function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

/** Plain SHA-256 of a file's bytes, as `sha256sum` prints it: the manifest's checksum. */
export const fileSha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A hash of every file under a folder, names included. */
export async function hashFolder(dir: string): Promise<string> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  return sha256(...(await Promise.all(files.map(async (file) => sha256(file.slice(dir.length), await readFile(file))))));
}

/** The print step's own code and locked dependencies: a change to either prints everything again. */
export async function printStepVersion(): Promise<string> {
  return sha256(await hashFolder(join(ROOT, "src", "print")), await readFile(join(ROOT, "package-lock.json")));
}

export class PrintCache {
  constructor(readonly dir = defaultCacheDir()) {}

  private path(key: string, ext: string) {
    return join(this.dir, `${key}.${ext}`);
  }

  /** Copies a cached print to `target` (a path without extension); its page count, or undefined on a miss. */
  async copyTo(key: string, target: string): Promise<number | undefined> {
    const meta = this.path(key, "json");
    if (!existsSync(meta) || !outputs.every((ext) => existsSync(this.path(key, ext)))) return undefined;
    const { pages } = JSON.parse(await readFile(meta, "utf8")) as { pages: number };
    const now = new Date();
    await Promise.all(outputs.map((ext) => copyFile(this.path(key, ext), `${target}.${ext}`)));
    await utimes(meta, now, now);
    return pages;
  }

  async put(key: string, print: PrintOutputs): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await Promise.all(outputs.map((ext) => writeFile(this.path(key, ext), print[ext])));
    // The page count is written last: an entry counts only once it is complete.
    await writeFile(this.path(key, "json"), JSON.stringify({ pages: print.pages }));
  }

  async prune(): Promise<void> {
    if (!existsSync(this.dir)) return;
    const cutoff = Date.now() - MAX_AGE_MS;
    for (const entry of await readdir(this.dir)) {
      if (!entry.endsWith(".json") || (await stat(join(this.dir, entry))).mtimeMs > cutoff) continue;
      const key = entry.slice(0, -".json".length);
      await Promise.all(["json", ...outputs].map((ext) => rm(this.path(key, ext), { force: true })));
    }
  }
}
