/**
 * The output folder is the build's alone: every unsafe --out is refused
 * before any work with nothing changed, files the build did not make are
 * kept, and a build killed at any stage leaves nothing behind once the next
 * build has run (no staging folder, no browser).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../src/infra/paths.ts";
import { copyOfData, run, runScript, tempDir, treeHash, type RunEnv } from "../helpers/cli.ts";

let data: string;
beforeAll(() => {
  data = copyOfData();
});
const build = (args: string[], env: RunEnv = {}) => run("build", args, { UPSTANDER_DATA: data, ...env });
const siteOnly = ["--brand", "upstander", "--no-pdf"];

/** Processes whose command line mentions `path` (the build's browser runs from a profile inside the output). */
function processesUsing(path: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(path);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Polls until `find` returns a non-empty list (a minute at most). */
async function waitFor<T>(find: () => T[]): Promise<T[]> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found.length) return found;
    if (Date.now() - started > 60_000) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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

describe("a build killed with SIGKILL", () => {
  const printing = ["--brand", "upstander", "--material", "one-minute-guide", "--locale", "en"];

  it.each(["staging", "swap"])("at %s: the next build completes the output, and leaves no staging folder and no browser", async (stage) => {
    const out = join(tempDir("kill"), "dist");
    expect((await build([...printing, "--out", out], { UPSTANDER_CACHE: tempDir("cache") })).code).toBe(0);
    // A fresh cache: the killed build must print, so its browser is running when it dies.
    // Its own process: the kill takes the whole process with it.
    const killed = await runScript("build", [...printing, "--out", out], {
      UPSTANDER_DATA: data,
      UPSTANDER_CACHE: tempDir("cache"),
      UPSTANDER_KILL_AT: stage,
    });
    expect(killed.code).not.toBe(0);
    // What the kill leaves: the build's own folder (and at "staging", its browser, printing from a profile in it).
    expect(readdirSync(out).some((entry) => entry.startsWith(".upstander-build-"))).toBe(true);
    if (stage === "staging") expect(processesUsing(join(out, ".upstander-build-")).length).toBeGreaterThan(0);
    else expect(existsSync(join(out, "upstander"))).toBe(false); // between the two renames
    const again = await build([...printing, "--out", out], { UPSTANDER_CACHE: tempDir("cache") });
    expect(again.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([".upstander-output", "upstander"]);
    expect(readdirSync(join(out, "..")).sort()).toEqual(["dist"]);
    for (const file of ["index.html", "en/index.html", "manifest.json", "print/one-minute-guide-en-letter.pdf"])
      expect(existsSync(join(out, "upstander", file))).toBe(true);
    expect(processesUsing(join(out, ".upstander-build-"))).toEqual([]);
  });

  it("a browser killed mid-print: one clear reason, the previous output intact, nothing left behind", async () => {
    const out = join(tempDir("browser-kill"), "dist");
    expect((await build([...siteOnly, "--out", out])).code).toBe(0);
    const before = treeHash(out);
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "build.ts"), "--brand", "upstander", "--out", out], {
      cwd: ROOT,
      env: { ...process.env, UPSTANDER_DATA: data, UPSTANDER_CACHE: tempDir("cache") },
    });
    let [stdout, stderr] = ["", ""];
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Once the first PDF is out, the browser is up and printing the others.
    await waitFor(() => (stdout.includes("pdf 1/") ? [true] : []));
    const browsers = processesUsing(join(out, ".upstander-build-"));
    for (const pid of browsers) process.kill(pid, "SIGKILL");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("build failed: the browser (Chromium) stopped while printing: it was killed or crashed");
    expect(stderr).not.toMatch(/Protocol error|Session closed|\n\s+at /);
    expect(treeHash(out)).toEqual(before);
  });

  it("SIGTERM mid-print stops the browser and removes the build's folder at once", async () => {
    const out = join(tempDir("term"), "dist");
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "build.ts"), ...printing, "--out", out], {
      cwd: ROOT,
      env: { ...process.env, UPSTANDER_DATA: data, UPSTANDER_CACHE: tempDir("cache") },
    });
    // Wait until the browser runs (its profile is in the build's folder), then stop the build.
    await waitFor(() => processesUsing(join(out, ".upstander-build-")));
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(143);
    expect(processesUsing(join(out, ".upstander-build-"))).toEqual([]);
    expect(readdirSync(out)).toEqual([".upstander-output"]);
  });
});
