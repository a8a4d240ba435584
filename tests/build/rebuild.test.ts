/**
 * Rebuilds that cost nothing: a build whose inputs did not change keeps the
 * output as it is, without running the checks, Eleventy or the browser; a
 * change to one brand's pack rebuilds that brand alone; a change to the
 * content rebuilds every brand; so does a day on which the checks could
 * say something new (a contact passing its age limit).
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { copyOfData, run, tempDir, treeHash } from "../helpers/cli.ts";
import { TEST_PRINT_CACHE } from "./shared-build.ts";

let data: string;
const out = join(tempDir("rebuild"), "dist");
const build = async () => {
  const result = await run(
    "build",
    ["--brand", "upstander", "--brand", "northshire", "--locale", "en", "--material", "poster", "--out", out],
    {
      UPSTANDER_DATA: data,
      UPSTANDER_CACHE: TEST_PRINT_CACHE,
    },
  );
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
};
/** When each brand's home page was last written. */
const written = (brand: string) => statSync(join(out, brand, "index.html")).mtimeMs;

beforeAll(async () => {
  data = copyOfData();
  expect(await build()).toMatch(/^build: 2 brand\(s\), /m);
});

it("with nothing changed, keeps the output as it is and does no work", async () => {
  const before = treeHash(out);
  const times = [written("upstander"), written("northshire")];
  const stdout = await build();
  expect(stdout).toMatch(/^build: nothing changed since the last build: 2 brand\(s\) in .* kept as they are \([\d.]+ s\)\n$/);
  // Not a line of progress, checks, site or print: nothing else ran.
  expect(stdout.split("\n").filter(Boolean)).toHaveLength(1);
  expect(treeHash(out)).toBe(before);
  expect([written("upstander"), written("northshire")]).toEqual(times);
});

it("with one brand's pack changed, rebuilds that brand alone", async () => {
  const kept = written("upstander");
  const file = join(data, "brands", "northshire", "brand.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace(/^name: .*$/m, "name: Northshire Renamed Partnership"));
  const stdout = await build();
  expect(stdout).toContain("site: upstander unchanged since the last build, kept");
  expect(stdout).toMatch(/^build: 1 brand\(s\) \(1 unchanged, kept\), /m);
  expect(written("upstander")).toBe(kept);
  expect(readFileSync(join(out, "northshire", "en", "index.html"), "utf8")).toContain("Northshire Renamed Partnership");
  expect(await build()).toContain("nothing changed");
});

it("with the content changed, rebuilds every brand", async () => {
  const file = join(data, "locales", "en", "ui.yaml");
  writeFileSync(file, `${readFileSync(file, "utf8")}\n# a comment is a change to the file\n`);
  expect(await build()).toMatch(/^build: 2 brand\(s\), /m);
});

it("on the day the checks could say something new, runs them and rebuilds", async () => {
  const marker = join(out, ".upstander-output");
  const recorded = JSON.parse(readFileSync(marker, "utf8")) as { recheckOn: string };
  expect(recorded.recheckOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  writeFileSync(marker, JSON.stringify({ ...recorded, recheckOn: "2000-01-01" }));
  expect(await build()).toMatch(/^build: 2 brand\(s\), /m);
});
