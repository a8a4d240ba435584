/** A failed build leaves the previous output exactly as it was. */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { copyOfData, run, tempDir } from "../helpers/cli.ts";

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[full.slice(dir.length)] = createHash("sha256").update(readFileSync(full)).digest("hex");
    }
  };
  walk(dir);
  return files;
}

it("keeps the previous dist when a build fails, and leaves no staging folder behind", async () => {
  const data = copyOfData();
  const out = join(tempDir("atomic"), "dist");
  const first = await run("build", ["--no-pdf", "--out", out], { UPSTANDER_DATA: data });
  expect(first.code).toBe(0);
  const before = snapshot(out);
  expect(Object.keys(before).length).toBeGreaterThan(10);

  // Break a template-facing text: checks fail before anything renders.
  const ui = join(data, "locales", "es", "ui.yaml");
  writeFileSync(ui, readFileSync(ui, "utf8").replace(/^ {4}tagline: .*\n/m, ""));
  const failed = await run("build", ["--no-pdf", "--out", out], { UPSTANDER_DATA: data });
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain("site.tagline");
  expect(snapshot(out)).toEqual(before);
  expect(readdirSync(join(out, ".."))).toEqual(["dist"]);
});

it("keeps the previous dist when rendering itself fails", async () => {
  const data = copyOfData();
  const out = join(tempDir("atomic"), "dist");
  expect((await run("build", ["--no-pdf", "--out", out], { UPSTANDER_DATA: data })).code).toBe(0);
  const before = snapshot(out);
  // Every check passes; Eleventy then fails while writing the pages, as a bug in a template would.
  const failed = await run("build", ["--no-pdf", "--force", "--out", out], { UPSTANDER_DATA: data, UPSTANDER_FAIL_AT: "render" });
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/^error: templates\/index\.njk: render: fault injected at render \(UPSTANDER_FAIL_AT\)$/m);
  expect(snapshot(out)).toEqual(before);
  expect(readdirSync(join(out, ".."))).toEqual(["dist"]);
});

it("lists every text a template asks for and no locale has, naming each template, in one run", async () => {
  const data = copyOfData();
  // A key every language lacks passes the check (the languages agree); the templates still ask for it.
  for (const locale of readdirSync(join(data, "locales"))) {
    const ui = join(data, "locales", locale, "ui.yaml");
    writeFileSync(ui, readFileSync(ui, "utf8").replace(/^ {4}tagline: .*\n/m, ""));
  }
  const out = join(tempDir("atomic"), "dist");
  const failed = await run("build", ["--brand", "upstander", "--no-pdf", "--out", out], { UPSTANDER_DATA: data });
  expect(failed.code).toBe(1);
  const lines = failed.stderr.split("\n").filter((line) => line.startsWith("error: "));
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines) expect(line).toMatch(/^error: templates\/\S+\.njk: render: no "site\.tagline" in the (en|es) strings/);
  expect(failed.stderr).not.toMatch(/\n\s+at |Template render error/);
  expect(existsSync(out)).toBe(false);
});
