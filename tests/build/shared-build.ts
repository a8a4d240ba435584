/**
 * The build tests' one shared build (vitest globalSetup, run once before
 * the build project's files): the fixture brands, an English-only school
 * pack with long names, and a four-language brand, every material, in one
 * in-process build. Test files read it through inject("sharedBuild") and
 * never write to it; a test that needs to change or rebuild output makes
 * its own.
 *
 * Its print cache lives in node_modules/.cache, like the build's own: on a
 * warm clone nothing is printed again unless what goes into a PDF changed
 * (the cache's key covers the print page, every asset, the print step's
 * code and the lockfile: src/print/cache.ts), so this costs seconds.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { build } from "../../src/commands/build.ts";
import { ROOT } from "../../src/infra/paths.ts";
import { runCaptured } from "../../src/infra/report.ts";
import { addStandInLanguages, copyDataInto } from "../helpers/cli.ts";

declare module "vitest" {
  export interface ProvidedContext {
    sharedBuild: { out: string; data: string; stdout: string };
  }
}

/** The school pack no layout was tuned on (English only, long names and addresses). */
export const SCHOOL_PACK = join(ROOT, "tests", "fixtures", "packs", "oakfield-primary");
export const TEST_PRINT_CACHE = join(ROOT, "node_modules", ".cache", "upstander", "test-print");

/** The data the shared build reads: the shipped content and locales, the stand-in languages, and the test brands. */
function sharedBuildData(root: string): string {
  const data = copyDataInto(root);
  cpSync(SCHOOL_PACK, join(data, "brands", "oakfield-primary"), { recursive: true });
  addStandInLanguages(data);
  // A four-language brand: the default brand in es, two stand-in languages and en.
  const pack = join(data, "brands", "four-languages");
  cpSync(join(data, "brands", "upstander"), pack, { recursive: true });
  const yaml = join(pack, "brand.yaml");
  writeFileSync(
    yaml,
    readFileSync(yaml, "utf8")
      .replace("id: upstander", "id: four-languages")
      .replace(/^locales: .*$/m, "locales: [es, zz, en, zy]")
      .replace(/^footer:\n/m, 'footer:\n  zz: "Stand-in language zz: a test."\n  zy: "Stand-in language zy: a test."\n'),
  );
  return data;
}

export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), "upstander-shared-build-"));
  const data = sharedBuildData(root);
  const out = join(root, "dist");
  const result = await runCaptured("build", build, ["--out", out], { dataDir: data, cacheDir: TEST_PRINT_CACHE });
  if (result.code !== 0 || result.stderr) throw new Error(`the shared test build failed:\n${result.stderr}${result.stdout}`);
  project.provide("sharedBuild", { out, data, stdout: result.stdout });
  return () => rmSync(root, { recursive: true, force: true });
}
