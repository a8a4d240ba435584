/**
 * Finished PDFs and previews, kept by a hash of everything that went into
 * them (the print page's HTML, every asset, the document information and
 * the print step's own code and dependency versions). A rebuild in which a
 * file's inputs did not change copies it from here instead of printing it.
 * The cache lives where build tools keep theirs (node_modules/.cache) and
 * forgets entries unused for two weeks.
 *
 * Nothing in the cache is trusted: each entry records the sha256 of its
 * files, checked on every read; the page count is read from the PDF itself;
 * and the PDF must parse and hold no code or actions. An entry that fails
 * is dropped with a warning naming it, and the file is printed again.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { displayPath } from "../content/yaml-file.ts";
import { ROOT } from "../infra/paths.ts";
import { UsageError } from "../infra/report.ts";
import { unsafePdfParts } from "./pdf-safety.ts";

const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
const outputs = ["pdf", "png", "webp"] as const;
type OutputKind = (typeof outputs)[number];
/** A PDF with its preview and thumbnail, or an image (its own preview) with its thumbnail. */
export type PrintOutputs = Partial<Record<OutputKind, Uint8Array>> & Record<"png" | "webp", Uint8Array>;

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
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  return sha256(...(await Promise.all(files.map(async (file) => sha256(file.slice(dir.length), await readFile(file))))));
}

/** The print step's own code (with the materials' plan and the browser it drives) and locked dependencies: a change to any prints everything again. */
export async function printStepVersion(): Promise<string> {
  const code = await Promise.all(["print", "materials", "infra"].map((folder) => hashFolder(join(ROOT, "src", folder))));
  return sha256(...code, await readFile(join(ROOT, "package-lock.json")));
}

/** Reads a PDF's page count, refusing one that does not parse or holds code or actions. */
export async function checkedPageCount(pdf: Uint8Array): Promise<number> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const unsafe = unsafePdfParts(document);
  if (unsafe.length) throw new Error(`the PDF holds ${unsafe.join(", ")}, which Upstander never writes`);
  return document.getPageCount();
}

interface Entry {
  sha256: Partial<Record<OutputKind, string>>;
}

export class PrintCache {
  constructor(
    readonly dir = defaultCacheDir(),
    /** Where its warnings go: the command's console. */
    private readonly out: Pick<Console, "warn"> = console,
  ) {
    if (existsSync(dir) && !statSync(dir).isDirectory()) {
      throw new UsageError(`the print cache ${displayPath(dir)} is a file, not a folder: remove it, or point UPSTANDER_CACHE at a folder`);
    }
  }

  private path(key: string, ext: string) {
    return join(this.dir, `${key}.${ext}`);
  }

  /**
   * Copies a cached print to `target` (a path without extension) and returns
   * its page count (read from the PDF), or undefined on a miss or a bad entry
   * (including one whose page count is not `expectedPages`, when given).
   */
  async copyTo(key: string, target: string, expectedPages?: number): Promise<number | undefined> {
    const meta = this.path(key, "json");
    if (!existsSync(meta)) return undefined;
    try {
      const entry = JSON.parse(await readFile(meta, "utf8")) as Partial<Entry>;
      const kinds = outputs.filter((ext) => entry.sha256?.[ext] !== undefined);
      if (!kinds.includes("png") || !kinds.includes("webp")) throw new Error("it lacks a preview");
      const files = new Map(await Promise.all(kinds.map(async (ext) => [ext, await readFile(this.path(key, ext))] as const)));
      for (const ext of kinds) {
        if (entry.sha256?.[ext] !== fileSha256(files.get(ext)!))
          throw new Error(`its ${ext} file does not match the checksum recorded with it`);
      }
      // An image material has no PDF: it is its one page.
      const pdf = files.get("pdf");
      const pages = pdf ? await checkedPageCount(pdf) : 1;
      if (expectedPages !== undefined && pages !== expectedPages) throw new Error(`its PDF has ${pages} pages, not ${expectedPages}`);
      await Promise.all(kinds.map((ext) => copyFile(this.path(key, ext), `${target}.${ext}`)));
      const now = new Date();
      await utimes(meta, now, now);
      return pages;
    } catch (error) {
      this.out.warn(
        `warning: print cache entry ${displayPath(meta)} failed its check (${(error as Error).message.split("\n")[0]}): dropped, and the file is printed again`,
      );
      await this.drop(key);
      return undefined;
    }
  }

  async put(key: string, print: PrintOutputs): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const kinds = outputs.filter((ext) => print[ext] !== undefined);
    await Promise.all(kinds.map((ext) => writeFile(this.path(key, ext), print[ext]!)));
    // The entry is written last: it counts only once its files are complete.
    const entry: Entry = { sha256: Object.fromEntries(kinds.map((ext) => [ext, fileSha256(print[ext]!)])) };
    await writeFile(this.path(key, "json"), JSON.stringify(entry));
  }

  private async drop(key: string) {
    await Promise.all(["json", ...outputs].map((ext) => rm(this.path(key, ext), { force: true })));
  }

  async prune(): Promise<void> {
    if (!existsSync(this.dir)) return;
    const cutoff = Date.now() - MAX_AGE_MS;
    for (const entry of await readdir(this.dir)) {
      if (!entry.endsWith(".json") || (await stat(join(this.dir, entry))).mtimeMs > cutoff) continue;
      await this.drop(entry.slice(0, -".json".length));
    }
  }
}
