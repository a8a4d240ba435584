/**
 * Partial builds replace only what they make: after a full build, a build
 * with --material or --locale (or --no-pdf) leaves the brand's other print
 * files, their manifest entries and every language of the site in place.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { Manifest } from "../../src/print/manifest.ts";
import { run, tempDir } from "../helpers/cli.ts";
import { TEST_PRINT_CACHE } from "./shared-build.ts";

const out = join(tempDir("partial"), "dist");
const env = { UPSTANDER_CACHE: TEST_PRINT_CACHE };
const build = async (...args: string[]) => {
  const result = await run("build", ["--brand", "upstander", "--out", out, ...args], env);
  expect(result.stderr).not.toMatch(/^error/m);
  expect(result.code).toBe(0);
};
const manifest = () => JSON.parse(readFileSync(join(out, "upstander", "manifest.json"), "utf8")) as Manifest;
const bytes = (path: string) => readFileSync(join(out, "upstander", path));
let full: string[];

beforeAll(async () => {
  await build();
  full = manifest().files.map((file) => file.path);
  // Every material and variant of SPEC in English and Spanish, on the letter family.
  expect(full.length).toBe(33);
});

it("--material poster replaces the posters and keeps every other file and entry", async () => {
  const before = bytes("print/one-minute-guide-en-letter.pdf");
  await build("--material", "poster");
  expect(manifest().files.map((file) => file.path)).toEqual(full);
  expect(bytes("print/one-minute-guide-en-letter.pdf").equals(before)).toBe(true);
  const downloads = readFileSync(join(out, "upstander", "en", "downloads", "index.html"), "utf8");
  for (const path of full) expect(downloads).toContain(path.split("/")[1]);
});

it("--locale es rebuilds the Spanish files and keeps the English ones and pages", async () => {
  await build("--locale", "es");
  expect(manifest().files.map((file) => file.path)).toEqual(full);
  expect(statSync(join(out, "upstander", "en", "index.html")).isFile()).toBe(true);
});

it("--no-pdf rebuilds the site and keeps every print file", async () => {
  await build("--no-pdf");
  expect(manifest().files.map((file) => file.path)).toEqual(full);
});
