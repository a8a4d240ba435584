/**
 * A sharded build: `--shard 1/2` and `--shard 2/2` merged with `npm run
 * merge` give the same output as one unsharded build, file for file and
 * byte for byte, press files included. Each build prints with its own empty cache, so equal bytes
 * show the PDFs are reproducible, not copied from one cache. Merge refuses,
 * naming what is wrong, shards that do not make one whole build.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/print/manifest.ts";
import { run, tempDir, treeHash } from "../helpers/cli.ts";

const root = tempDir("shard");
// --press too: the press files, made by Ghostscript, must come out the same bytes as well. The one-minute
// guide's links came out as a varying number of annotations before the print step relaid its pages out.
const selection = [
  "--brand",
  "upstander",
  "--brand",
  "northshire",
  "--locale",
  "en",
  "--material",
  "poster,one-minute-guide,wallet-card,social",
  "--press",
];
const build = async (out: string, ...args: string[]) => {
  const result = await run("build", [...selection, ...args, "--out", join(root, out)], { UPSTANDER_CACHE: tempDir("cache") });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result;
};
const merge = (out: string, ...shards: string[]) => run("merge", ["--out", join(root, out), ...shards.map((shard) => join(root, shard))]);
const manifest = (out: string, brand: string) => JSON.parse(readFileSync(join(root, out, brand, "manifest.json"), "utf8")) as Manifest;

beforeAll(async () => {
  await build("unsharded");
  await build("shard-1", "--shard", "1/2");
  await build("shard-2", "--shard", "2/2");
});

describe("shard 1/2 and 2/2, merged", () => {
  it("split the files between them, each file once", () => {
    for (const brand of ["upstander", "northshire"]) {
      const [one, two] = ["shard-1", "shard-2"].map((shard) => manifest(shard, brand).files.map((file) => file.path));
      expect(one!.length + two!.length).toBe(manifest("unsharded", brand).files.length);
      expect(one!.filter((path) => two!.includes(path))).toEqual([]);
    }
    // A shard holds prints and its share of the manifest, and no site.
    expect(readdirSync(join(root, "shard-1", "upstander")).sort()).toEqual(["manifest.json", "press", "print"]);
  });

  it("are the unsharded build: the same files with the same bytes, manifests and sites included", async () => {
    const merged = await merge("merged", "shard-2", "shard-1");
    expect(merged.stderr).toBe("");
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain("merge: 2 shard(s), 2 brand(s)");
    for (const brand of ["upstander", "northshire"]) {
      expect(manifest("merged", brand).press?.length).toBe(5);
      expect(manifest("merged", brand)).toEqual(manifest("unsharded", brand));
      expect(treeHash(join(root, "merged", brand)), brand).toBe(treeHash(join(root, "unsharded", brand)));
    }
    expect(readFileSync(join(root, "merged", ".upstander-output"), "utf8")).toBe(
      readFileSync(join(root, "unsharded", ".upstander-output"), "utf8"),
    );
  });
});

describe("merge refuses shards that are not one whole build, and writes nothing", () => {
  it("a missing shard", async () => {
    const result = await merge("missing", "shard-1");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("shard 2/2 not given: merge needs every shard of the build");
    expect(readdirSync(root)).not.toContain("missing");
  });

  it("a shard given twice, or of another build", async () => {
    const other = join(root, "other");
    cpSync(join(root, "shard-2"), other, { recursive: true });
    const path = join(other, "upstander", "manifest.json");
    const edited = JSON.parse(readFileSync(path, "utf8")) as Manifest & { shard: { options: { locales: string[] } } };
    edited.shard.options.locales = ["es"];
    writeFileSync(path, JSON.stringify(edited));
    const result = await merge("mixed", "shard-1", "shard-1", "other");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/shard-1: merge: is shard 1\/2 again \(so is .*shard-1\): give each shard once/);
    expect(result.stderr).toMatch(
      /other\/upstander: merge: is shard 2\/2 of another build than .*shard-1 \(locales is \["es"\] here, \["en"\] there\)/,
    );
  });

  it("a file that does not match its checksum", async () => {
    const tampered = join(root, "tampered");
    cpSync(join(root, "shard-1"), tampered, { recursive: true });
    const [pdf] = manifest("tampered", "upstander").files.filter((file) => file.path.endsWith(".pdf"));
    writeFileSync(join(tampered, "upstander", pdf!.path), "%PDF-1.7 not the file");
    const result = await merge("tamper", "tampered", "shard-2");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`tampered/upstander/${pdf!.path}: merge: is missing, or does not match its manifest's sha256`);
  });
});
