/**
 * The output folder is the build's alone: every unsafe --out is refused
 * before any work with nothing changed, files the build did not make are
 * kept. (A build killed at any stage: tests/cli/killed-build.test.ts.)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../src/infra/paths.ts";
import { copyOfData, run, tempDir, treeHash, type RunEnv } from "../helpers/cli.ts";

let data: string;
beforeAll(() => {
  data = copyOfData();
});
const build = (args: string[], env: RunEnv = {}) => run("build", args, { UPSTANDER_DATA: data, ...env });
const siteOnly = ["--brand", "upstander", "--no-pdf"];

describe("--out that is not the build's own folder is refused before any work, nothing changed", () => {
  it("a folder holding someone's files (.env, .git, a brand-named folder)", async () => {
    const out = join(tempDir("out"), "my-site");
    mkdirSync(join(out, ".git"), { recursive: true });
    mkdirSync(join(out, "upstander"));
    writeFileSync(join(out, ".env"), "SECRET=1");
    writeFileSync(join(out, "upstander", "mine.txt"), "mine");
    const before = treeHash(out);
    const result = await build([...siteOnly, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("already holds files that Upstander did not make");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(treeHash(out)).toEqual(before);
  });

  it.each([
    [".", "is the project folder itself"],
    ["", "--out needs a folder"],
    ["/", "is the root of the file system"],
    ["data/brands", "is inside the project's data/ folder"],
    ["package.json", "is a file, not a folder"],
    [homedir(), "is your home folder"],
  ])("--out '%s'", async (out, message) => {
    const before = treeHash(join(ROOT, "data"), readdirSync(ROOT).sort().join("\n"));
    const result = await build([...siteOnly, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(treeHash(join(ROOT, "data"), readdirSync(ROOT).sort().join("\n"))).toEqual(before);
    expect(existsSync(join(ROOT, ".upstander-output"))).toBe(false);
  });

  it("a symbolic link is not followed by surprise", async () => {
    const dir = tempDir("out");
    mkdirSync(join(dir, "real"));
    symlinkSync(join(dir, "real"), join(dir, "link"));
    const result = await build([...siteOnly, "--out", join(dir, "link")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`is a symbolic link (to ${join(dir, "real")})`);
    expect(readdirSync(join(dir, "real"))).toEqual([]);
  });

  it("a file put into a built brand folder is named, and kept", async () => {
    const out = join(tempDir("out"), "dist");
    expect((await build([...siteOnly, "--out", out])).code).toBe(0);
    writeFileSync(join(out, "upstander", "mine.txt"), "mine");
    writeFileSync(join(out, ".env"), "SECRET=1");
    const before = treeHash(out);
    const refused = await build([...siteOnly, "--out", out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`these files were not made by it: ${join(out, "upstander", "mine.txt")}`);
    expect(treeHash(out)).toEqual(before);
    // Files beside the brand folders are the user's and survive a build.
    await import("node:fs").then(({ rmSync }) => rmSync(join(out, "upstander", "mine.txt")));
    expect((await build([...siteOnly, "--out", out])).code).toBe(0);
    expect(readFileSync(join(out, ".env"), "utf8")).toBe("SECRET=1");
  });

  it("another build writing to the same folder", async () => {
    const out = join(tempDir("out"), "dist");
    mkdirSync(out);
    writeFileSync(join(out, ".upstander-output"), "{}");
    writeFileSync(join(out, ".upstander-lock"), String(process.ppid)); // the test runner: alive, and not this build's process
    const result = await build([...siteOnly, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`another build (process ${process.ppid}) is writing to`);
  });
});
