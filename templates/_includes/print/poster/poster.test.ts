/**
 * The poster's fixed page: content that does not fit fails the build with a
 * message naming the file, material, locale, size and the overflow, and
 * nothing is written.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { run, tempDir } from "../../../../tests/helpers/cli.ts";

it("refuses a poster whose text runs off the page, saying by how much and which block to shorten", async () => {
  const out = join(tempDir("overflow"), "dist");
  const result = await run("build", ["--brand", join(import.meta.dirname, "fixtures", "overflowing-brand"), "--out", out]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /^error: print\/poster-en-letter\.pdf: print: poster \(en, letter\): content overflows the page by \d+\.\d mm; its tallest blocks: the lead \(text print\.poster\.lead\) \d+ mm, .*, the footer \(brand\.yaml footer\.en\) \d+ mm: shorten one of them/m,
  );
  expect(result.stderr).toMatch(/^error: print\/poster-en-tabloid\.pdf: print: poster \(en, tabloid\): content overflows/m);
  expect(existsSync(out)).toBe(false);
});
