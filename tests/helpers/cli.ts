/** Run the project's own commands as a user would, and copy data folders to break them. */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { audit } from "../../src/commands/audit.ts";
import { build } from "../../src/commands/build.ts";
import { check } from "../../src/commands/check.ts";
import { merge } from "../../src/commands/merge.ts";
import { newBrand } from "../../src/commands/new-brand.ts";
import { translations } from "../../src/commands/translations.ts";
import { ROOT } from "../../src/infra/paths.ts";
import { runCaptured, type CapturedRun, type Command } from "../../src/infra/report.ts";
import { tempDir } from "./temp.ts";

export { tempDir };

export type RunResult = CapturedRun;

type Script = "build" | "merge" | "check" | "new-brand" | "audit" | "translations";
const commands: Record<Script, Command> = { build, merge, check, "new-brand": newBrand, audit, translations };

/**
 * `npm run <script>` as its own process, through tsx: for the few tests
 * about what only a process shows (exit codes, signals, a killed build).
 * It reads the test fixtures' data (fixtureData) unless `env` names other
 * data: never the brand packs a user keeps in data/brands/.
 */
export function runScript(script: Script, args: string[] = [], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(ROOT, "scripts", `${script}.ts`), ...args],
      { cwd: ROOT, env: { ...process.env, UPSTANDER_DATA: fixtureData(), ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** What `run` passes on: the data and cache folders, and the build's fault points (src/build/output-dir.ts). */
export interface RunEnv {
  UPSTANDER_DATA?: string;
  UPSTANDER_CACHE?: string;
  UPSTANDER_FAIL_AT?: string;
}

/**
 * The same command in this process, as the command line runs it
 * (src/infra/report.ts runCommandIn), with what it writes captured: no
 * child process, so a check costs milliseconds rather than a second.
 */
export async function run(script: Script, args: string[] = [], env: RunEnv = {}): Promise<RunResult> {
  const { UPSTANDER_FAIL_AT: fault, UPSTANDER_DATA: dataDir = fixtureData(), UPSTANDER_CACHE: cacheDir, ...other } = env;
  if (Object.keys(other).length)
    throw new Error(`run() passes on only ${Object.keys(env).join(", ")}: use runScript for ${Object.keys(other).join(", ")}`);
  if (fault) process.env.UPSTANDER_FAIL_AT = fault;
  try {
    return await runCaptured(script, commands[script], args, { dataDir, cacheDir });
  } finally {
    delete process.env.UPSTANDER_FAIL_AT;
  }
}

/** The brand packs tests build: copies of the shipped ones, so a user's own packs in data/brands/ never change a test. */
export const FIXTURE_BRANDS = join(ROOT, "tests", "fixtures", "brands");

/** A private copy of the data tests use, which a test may break: the shipped content and locales, and the fixture brand packs. */
export const copyOfData = (): string => copyDataInto(tempDir("data"));

/** The same copy, in `parent`/data. */
export function copyDataInto(parent: string): string {
  const dir = join(parent, "data");
  for (const part of ["content", "locales", "schemas"]) cpSync(join(ROOT, "data", part), join(dir, part), { recursive: true });
  cpSync(FIXTURE_BRANDS, join(dir, "brands"), { recursive: true });
  return dir;
}

let shared: string | undefined;
/**
 * One unbroken copy of that data per test file, for the tests that only
 * read it. (Files may share a worker's modules, vitest's isolate: false:
 * a copy removed when the last file ended is made again.)
 */
export const fixtureData = () => (shared && existsSync(shared) ? shared : (shared = copyOfData()));

/** One hash of a whole tree: every path, each file's bytes and each link's target (and any extra text), to show nothing changed. */
export function treeHash(dir: string, extra = ""): string {
  const hash = createHash("sha256").update(extra);
  const walk = (path: string) => {
    for (const entry of readdirSync(path).sort()) {
      const full = join(path, entry);
      const stat = lstatSync(full);
      hash.update(`\0${full.slice(dir.length)}\0`);
      if (stat.isSymbolicLink()) hash.update(readlinkSync(full));
      else if (stat.isDirectory()) walk(full);
      else hash.update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest("hex");
}

/** A copy of the Northshire pack (gb, a4) outside the repo, with brand.yaml edited. */
export function packWith(edit?: (yaml: string) => string): string {
  const dir = join(tempDir("pack"), "northshire");
  cpSync(join(FIXTURE_BRANDS, "northshire"), dir, { recursive: true });
  const file = join(dir, "brand.yaml");
  const before = readFileSync(file, "utf8");
  const after = edit ? edit(before) : before;
  if (edit && after === before) throw new Error("the edit changed nothing");
  writeFileSync(file, after);
  return dir;
}

/** Codes of the stand-in languages addStandInLanguages adds. */
export const STAND_IN_LANGUAGES = ["zz", "zy"];

/**
 * Two stand-in languages in a data copy (copies of English under the unused
 * codes zz and zy), so a brand can have up to four: the code paths for three
 * or more languages run, whatever languages the data holds.
 */
export function addStandInLanguages(data: string): void {
  for (const code of STAND_IN_LANGUAGES) {
    cpSync(join(data, "locales", "en"), join(data, "locales", code), { recursive: true });
    const ui = join(data, "locales", code, "ui.yaml");
    writeFileSync(ui, readFileSync(ui, "utf8").replace("  name: English", `  name: Stand-in ${code}`));
  }
}
