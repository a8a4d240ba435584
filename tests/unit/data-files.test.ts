/**
 * Data files that are not what they should be are refused by name, quickly,
 * each with one clear problem: never a stack trace, never minutes of work.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { brandSchema } from "../../src/brand/schema.ts";
import { formatProblem } from "../../src/infra/problems.ts";
import { MAX_DATA_FILE_BYTES, parseWithSchema, readYamlFile } from "../../src/content/yaml-file.ts";
import { copyOfData, run, tempDir } from "../helpers/cli.ts";

/** Writes `content` into a fresh file and reads it as a data file; the problems, formatted as the commands print them. */
function read(content: string | Uint8Array, schema: z.ZodType = z.unknown()): string[] {
  const file = join(tempDir("yaml"), "data.yaml");
  writeFileSync(file, content);
  const read = readYamlFile(file);
  const problems = read.yaml ? parseWithSchema(read.yaml, schema).problems : read.problems;
  return problems.map(formatProblem);
}

describe("refused by name, with what to do", () => {
  it("an empty file, or one of comments only", () => {
    expect(read("")).toEqual([expect.stringMatching(/data\.yaml: is empty: it holds no data/)]);
    expect(read("# just a comment\n\n")).toEqual([expect.stringMatching(/data\.yaml: is empty/)]);
  });

  it("bytes that are not UTF-8, with their line and offset", () => {
    expect(read(Buffer.concat([Buffer.from("a: ok\nb: caf"), Buffer.from([0xe9]), Buffer.from("\n")]))).toEqual([
      expect.stringMatching(/data\.yaml:2: is not UTF-8 text: byte 12 \(line 2\) is 0xe9; save the file as UTF-8/),
    ]);
    expect(read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a: ok\n")]))).toEqual([]); // a BOM is fine
  });

  it("more than 100 alias expansions (a billion-laughs file)", () => {
    const laughs = [
      "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
      ...Array.from({ length: 8 }, (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`),
    ].join("\n");
    expect(read(laughs)).toEqual([expect.stringMatching(/uses its YAML aliases \(\*name\) too often \(more than 100 expansions\)/)]);
  });

  it("nesting thousands of levels deep, flow or block", () => {
    expect(read(`a: ${"[".repeat(5000)}${"]".repeat(5000)}\n`)).toEqual([
      expect.stringMatching(/data\.yaml:1: nests values more than 32 levels deep/),
    ]);
    const block = Array.from({ length: 400 }, (_, i) => `${" ".repeat(i)}k:`).join("\n");
    expect(read(block)).toEqual([expect.stringMatching(/nests values more than 32 levels deep/)]);
  });

  it("a file over the size limit, before reading it", () => {
    expect(read(`a: "${"x".repeat(MAX_DATA_FILE_BYTES)}"\n`)).toEqual([
      expect.stringMatching(/is 1\.0 MB; a data file may be at most 1 MB/),
    ]);
  });

  it("a key written twice, found in one pass", () => {
    expect(read("a: 1\nb: 2\na: 3\n")).toEqual([
      expect.stringMatching(/data\.yaml:3: not valid YAML: the key "a" is written twice in the same place \(first on line 1\)/),
    ]);
  });

  it("a folder or a device instead of a file", () => {
    const dir = tempDir("yaml");
    mkdirSync(join(dir, "brand.yaml"));
    expect(readYamlFile(join(dir, "brand.yaml")).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/brand\.yaml: is a folder, not a file/),
    ]);
    expect(readYamlFile("/dev/zero").problems.map(formatProblem)).toEqual([expect.stringMatching(/\/dev\/zero: is not an ordinary file/)]);
  });

  it("an unquoted number where text belongs: quote it, as written", () => {
    expect(read("phone: 0800111\n", z.strictObject({ phone: z.string() }))).toEqual([
      expect.stringMatching(
        /data\.yaml:1: phone: must be text: put it in quotes, e\.g\. "0800111" \(without quotes YAML reads it as the number 800111, dropping its leading 0\)/,
      ),
    ]);
  });

  it("locale folders not named with a language code are named, not read", async () => {
    const data = copyOfData();
    mkdirSync(join(data, "locales", "EN"));
    mkdirSync(join(data, "locales", "-x y"));
    const result = await run("check", [], { UPSTANDER_DATA: data });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/locales\/EN: "EN" is not a language code, so this folder is not read/);
    expect(result.stderr).toMatch(/locales\/-x y: "-x y" is not a language code/);
  });
});

describe("in linear time", () => {
  it("40,000 unknown fields in brand.yaml: twenty named, the rest counted, in well under 5 s", () => {
    const yaml = Array.from({ length: 40_000 }, (_, i) => `unknownField${i}: x`).join("\n");
    const started = performance.now();
    const problems = read(yaml, brandSchema);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(problems.filter((p) => p.includes('unknown field "unknownField'))).toHaveLength(20);
    expect(problems).toContainEqual(expect.stringMatching(/and 39980 more unknown field\(s\); the fields allowed here are id, name/));
  });
});

describe("through the command", () => {
  it("check -- --bogus, and a brand.yaml that is a folder: one line each, no trace", async () => {
    const pack = join(tempDir("pack"), "folder-pack");
    mkdirSync(join(pack, "brand.yaml"), { recursive: true });
    const result = await run("check", ["--brand", pack]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/brand\.yaml: is a folder, not a file/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
