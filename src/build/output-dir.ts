/**
 * The output folder (`--out`, default dist/): the build writes only a folder
 * it owns, and never loses a file it did not make.
 *
 * - A folder is ours when it holds the marker file `.upstander-output`; an
 *   absent or empty folder becomes ours. Anything else (the project, data/,
 *   the home folder, a folder of someone's own files, a symbolic link) is
 *   refused before any work, saying why and what to do.
 * - The marker records the files each brand folder received, so a file put
 *   into a brand folder by someone else is named and kept: the build refuses
 *   rather than replace that brand folder.
 * - One build at a time writes to a folder (`.upstander-lock`); everything a
 *   build writes while working (staged brands, print pages, the browser's
 *   profile) lives in `.upstander-build-<pid>/` inside the output, so it is
 *   on the same file system (renames are atomic) and one folder to remove.
 * - Brand folders are swapped in by rename, after a journal (`swap.json`)
 *   names them: a build killed mid-swap is completed by the next build, which
 *   also removes what any killed build left and stops its browser.
 */
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join, parse, relative, resolve, sep } from "node:path";
import { displayPath } from "../content/yaml-file.ts";
import { UsageError } from "../infra/report.ts";
import { stopBrowsersIn } from "./browser-pid.ts";

export const MARKER = ".upstander-output";
const LOCK = ".upstander-lock";
const BUILD_PREFIX = ".upstander-build-";
const JOURNAL = "swap.json";

interface Marker {
  /** Files (relative to the brand folder) each brand folder received from the build. */
  brands: Record<string, string[]>;
  /** Each brand's input hash (src/build/fingerprint.ts) when its folder was made. */
  inputs?: Record<string, string>;
  /** The day from which the checks must run again, even on unchanged inputs (content/cross-check.ts checksValidUntil). */
  recheckOn?: string;
}

/** Folders of the project that an output must never be, nor be inside. */
const PROJECT_SOURCES = ["data", "src", "templates", "scripts", "tests", ".git", ".ci", "node_modules"];

const isInside = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/** The real path of `path`, resolving links in the part of it that exists. */
function realPathOf(path: string): string {
  const missing: string[] = [];
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) {
    missing.unshift(basename(existing));
    existing = dirname(existing);
  }
  return join(realpathSync(existing), ...missing);
}

/** Why a folder may never be an output, whatever it holds; undefined when it may. */
function forbiddenReason(out: string, protect: { project: string; data: string; brandDirs: string[] }): string | undefined {
  const real = realPathOf(out);
  const project = realPathOf(protect.project);
  if (real === parse(real).root) return "is the root of the file system";
  if (real === realPathOf(homedir())) return "is your home folder";
  if (isInside(project, real)) return real === project ? "is the project folder itself" : "holds the project folder";
  if (isInside(real, realPathOf(protect.data)) || isInside(realPathOf(protect.data), real)) return "is, holds or is inside the data folder";
  for (const source of PROJECT_SOURCES) {
    if (isInside(real, join(project, source))) return `is inside the project's ${source}/ folder`;
  }
  for (const brandDir of protect.brandDirs) {
    const brand = realPathOf(brandDir);
    if (isInside(real, brand) || isInside(brand, real)) return `is, holds or is inside the brand pack ${displayPath(brandDir)}`;
  }
  return undefined;
}

const pidOf = (entry: string) => Number(entry.slice(BUILD_PREFIX.length));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Write a file whole or not at all: readers see the old or the new content, never half. */
async function writeAtomically(path: string, text: string) {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

async function readMarker(out: string): Promise<Marker> {
  try {
    const parsed = JSON.parse(await readFile(join(out, MARKER), "utf8")) as Partial<Marker>;
    return { ...parsed, brands: parsed.brands && typeof parsed.brands === "object" ? parsed.brands : {} };
  } catch {
    return { brands: {} };
  }
}

async function writeMarker(out: string, marker: Marker) {
  const note =
    "This folder is written by Upstander (npm run build). Its brand folders are replaced whole on every build; keep your own files elsewhere.";
  await writeAtomically(join(out, MARKER), `${JSON.stringify({ note, ...marker }, null, 1)}\n`);
}

/** Every file under a folder (links included, not followed), relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

export interface OutputOptions {
  /** The project's own folders, which an output may never touch. */
  project: string;
  data: string;
  brandDirs: string[];
}

/**
 * Checks `--out` without touching anything: a UsageError saying why and what
 * to do when it is not a folder the build may write.
 */
export function inspectOutput(outArg: string, options: OutputOptions): string {
  if (!outArg.trim()) throw new UsageError("--out needs a folder, e.g. --out dist");
  const out = resolve(outArg);
  const shown = displayPath(out) || ".";
  const refuse = (why: string, todo = "choose a new or empty folder, e.g. --out dist") =>
    new UsageError(`--out ${outArg}: ${shown} ${why}; nothing was changed: ${todo}`);
  const forbidden = forbiddenReason(out, options);
  if (forbidden) throw refuse(`${forbidden}, and the build writes only a folder of its own`);
  const stat = lstatSafe(out);
  if (stat?.isSymbolicLink())
    throw refuse(`is a symbolic link (to ${readlinkSync(out)})`, `to build there, give the folder itself: --out ${realPathOf(out)}`);
  if (stat && !stat.isDirectory()) throw refuse("is a file, not a folder");
  if (stat && !existsSync(join(out, MARKER))) {
    const entries = readdirSync(out);
    if (entries.length) {
      const listed = entries.slice(0, 5).join(", ") + (entries.length > 5 ? `, and ${entries.length - 5} more` : "");
      throw refuse(
        `already holds files that Upstander did not make (${listed})`,
        `choose a new or empty folder, or move those files out (a folder built by an older Upstander, which has no ${MARKER} file, must be deleted by hand once)`,
      );
    }
  }
  return out;
}

/**
 * Makes `--out` ours: checked as above, created with its marker, locked for
 * this build, with what earlier killed builds left recovered or removed.
 */
export async function claimOutput(outArg: string, options: OutputOptions): Promise<Output> {
  const out = inspectOutput(outArg, options);
  const isNew = !existsSync(out);
  try {
    await mkdir(out, { recursive: true });
    if (!existsSync(join(out, MARKER))) await writeMarker(out, { brands: {} });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--out ${outArg}: cannot write to ${displayPath(out)} (${reason}); choose a folder you can write to`);
  }
  await lock(out, outArg);
  const output = new Output(out, isNew);
  await output.recoverKilledBuilds();
  await mkdir(output.buildDir, { recursive: true });
  return output;
}

function lstatSafe(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

async function lock(out: string, outArg: string): Promise<void> {
  const path = join(out, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST")
        throw new UsageError(
          `--out ${outArg}: cannot write to ${displayPath(out)} (${code ?? (error as Error).message}); choose a folder you can write to`,
        );
      const holder = Number((await readFile(path, "utf8").catch(() => "")).trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new UsageError(
          `--out ${outArg}: another build (process ${holder}) is writing to ${displayPath(out)}; wait for it to finish, or build into another folder`,
        );
      }
      // The lock of a build that was killed: ours now.
      await rm(path, { force: true });
    }
  }
  throw new UsageError(`--out ${outArg}: could not lock ${displayPath(out)}; try again`);
}

export class Output {
  readonly buildDir: string;

  constructor(
    readonly dir: string,
    /** Made by this build: a build that fails removes it again, as if it had never run. */
    private readonly isNew = false,
  ) {
    this.buildDir = join(dir, `${BUILD_PREFIX}${process.pid}`);
  }

  /** Where a brand's new folder is assembled before the swap. */
  staged(brandId: string) {
    return join(this.buildDir, "staging", brandId);
  }

  /**
   * Refuses (before any work) to replace a brand folder holding files the
   * build did not make, naming them: they are the user's, and kept.
   */
  async refuseForeignFiles(brandIds: string[]): Promise<void> {
    const marker = await readMarker(this.dir);
    const foreign: string[] = [];
    for (const id of brandIds) {
      const dir = join(this.dir, id);
      const stat = lstatSafe(dir);
      if (!stat) continue;
      if (!stat.isDirectory()) {
        foreign.push(displayPath(dir));
        continue;
      }
      const made = new Set(marker.brands[id] ?? []);
      foreign.push(
        ...filesUnder(dir)
          .filter((file) => !made.has(file))
          .map((file) => displayPath(join(dir, file))),
      );
    }
    if (foreign.length) {
      const listed = foreign.slice(0, 10).join(", ") + (foreign.length > 10 ? `, and ${foreign.length - 10} more` : "");
      throw new UsageError(
        `the build replaces each brand's folder whole, and these files were not made by it: ${listed}. Nothing was changed: move them elsewhere, then build again`,
      );
    }
  }

  /**
   * Swaps the staged brand folders in, recording each one's input hash. The
   * journal is written first, so a build killed between renames is
   * finished by the next one.
   */
  async commit(brandIds: string[], inputs: { hashes: Record<string, string>; recheckOn: string }): Promise<void> {
    const marker = await readMarker(this.dir);
    for (const id of brandIds) marker.brands[id] = filesUnder(this.staged(id));
    marker.inputs = { ...marker.inputs, ...inputs.hashes };
    marker.recheckOn = inputs.recheckOn;
    await writeAtomically(join(this.buildDir, JOURNAL), JSON.stringify({ brands: marker.brands, swap: brandIds }));
    await swapIn(this.dir, this.buildDir, brandIds, marker);
  }

  /** Removes everything this build wrote while working, and its lock; after a failure, the output folder too if this build made it. */
  async release({ succeeded }: { succeeded: boolean }): Promise<void> {
    await rm(this.buildDir, { recursive: true, force: true });
    await rm(join(this.dir, LOCK), { force: true });
    if (!succeeded && this.isNew && (await readdir(this.dir)).every((entry) => entry === MARKER))
      await rm(this.dir, { recursive: true, force: true });
  }

  /** The same, synchronously, for a process that is exiting on a signal. */
  releaseNow(): void {
    // The browser's dying processes may still be writing into its profile: retry a not-yet-empty folder.
    try {
      rmSync(this.buildDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    } finally {
      rmSync(join(this.dir, LOCK), { force: true });
    }
  }

  /**
   * What killed builds left: a half-done swap is completed, their browser
   * stopped, their folders removed; also the staging folders older versions
   * left beside the output.
   */
  async recoverKilledBuilds(): Promise<void> {
    for (const entry of await readdir(this.dir)) {
      if (!entry.startsWith(BUILD_PREFIX) || pidOf(entry) === process.pid) continue;
      const buildDir = join(this.dir, entry);
      stopBrowsersIn(buildDir);
      const journal = await readFile(join(buildDir, JOURNAL), "utf8").catch(() => undefined);
      if (journal) {
        const { brands, swap } = JSON.parse(journal) as { brands: Marker["brands"]; swap: string[] };
        await swapIn(this.dir, buildDir, swap, { brands });
      }
      await rm(buildDir, { recursive: true, force: true });
    }
    const parent = dirname(this.dir);
    const legacy = new RegExp(`^\\.${basename(this.dir).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-staging-(\\d+)(-previous)?$`);
    for (const entry of await readdir(parent)) {
      const match = legacy.exec(entry);
      if (match && !isAlive(Number(match[1])) && statSync(join(parent, entry)).isDirectory())
        await rm(join(parent, entry), { recursive: true, force: true });
    }
  }
}

/**
 * Which of `hashes` an output folder already holds a brand made from: the
 * brand's folder has exactly the files recorded for it, and the checks'
 * results cannot have changed since (before the marker's recheck day).
 * None while another build works in the folder or a killed one left its
 * work there: the full path waits for the one and cleans up after the other.
 * Read without the lock: the marker is only ever replaced whole.
 */
export async function unchangedBrands(out: string, hashes: string[], today: string): Promise<Map<string, string>> {
  const unchanged = new Map<string, string>();
  const entries = await readdir(resolve(out)).catch(() => []);
  if (entries.some((entry) => entry === LOCK || entry.startsWith(BUILD_PREFIX))) return unchanged;
  const marker = await readMarker(resolve(out));
  if (!marker.recheckOn || today >= marker.recheckOn) return unchanged;
  for (const [id, hash] of Object.entries(marker.inputs ?? {})) {
    if (!hashes.includes(hash)) continue;
    const dir = join(resolve(out), id);
    const recorded = marker.brands[id] ?? [];
    if (lstatSafe(dir)?.isDirectory() && JSON.stringify(filesUnder(dir)) === JSON.stringify([...recorded].sort())) unchanged.set(hash, id);
  }
  return unchanged;
}

/** Rename each staged brand folder into place (the old one moved aside first), then record what each holds. */
async function swapIn(out: string, buildDir: string, brandIds: string[], marker: Marker): Promise<void> {
  const previous = join(buildDir, "previous");
  await mkdir(previous, { recursive: true });
  for (const id of brandIds) {
    const staged = join(buildDir, "staging", id);
    if (!existsSync(staged)) continue; // already swapped in before a kill
    const current = join(out, id);
    if (lstatSafe(current)) await rename(current, join(previous, id));
    faultPoint("swap");
    await rename(staged, current);
  }
  await writeMarker(out, marker);
  await rm(join(buildDir, JOURNAL), { force: true });
  await rm(previous, { recursive: true, force: true });
}

/**
 * Fault injection for the tests of what a failed build leaves
 * (tests/cli/killed-build.test.ts, tests/build/build-atomic.test.ts):
 * `UPSTANDER_KILL_AT=swap` kills the build with SIGKILL at that point, as a
 * power cut or `kill -9` would; `UPSTANDER_FAIL_AT=render` throws there, as
 * a bug would. Unset, it does nothing.
 */
export function faultPoint(stage: string): void {
  if (process.env.UPSTANDER_KILL_AT === stage) process.kill(process.pid, "SIGKILL");
  if (process.env.UPSTANDER_FAIL_AT === stage) throw new Error(`fault injected at ${stage} (UPSTANDER_FAIL_AT)`);
}
