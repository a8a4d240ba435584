/**
 * A build stopped from outside, as its own process: killed (SIGKILL) at
 * each stage, its browser killed mid-print, or stopped with SIGTERM. The
 * next build completes or undoes its work; nothing is left behind (no
 * staging folder, no browser), and the previous output stays intact.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../src/infra/paths.ts";
import { TEST_PRINT_CACHE } from "../build/shared-build.ts";
import { copyOfData, run, runScript, tempDir, type RunEnv } from "../helpers/cli.ts";

let data: string;
beforeAll(() => {
  data = copyOfData();
});
/** In process, with the tests' print cache (warm after the first run) unless `env` names another. */
const build = (args: string[], env: RunEnv = {}) => run("build", args, { UPSTANDER_DATA: data, UPSTANDER_CACHE: TEST_PRINT_CACHE, ...env });
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

describe("a build killed with SIGKILL", () => {
  const printing = ["--brand", "upstander", "--material", "one-minute-guide", "--locale", "en"];

  // At staging the build is printing (a fresh cache, so its browser is running when it dies);
  // at swap, between the two renames, the print step is long over and the site alone will do.
  it.each([
    ["staging", printing, "print/one-minute-guide-en-letter.pdf"],
    ["swap", siteOnly, "en/get-help/index.html"],
  ])("at %s: the next build completes the output, and leaves no staging folder and no browser", async (stage, args, made) => {
    const out = join(tempDir("kill"), "dist");
    expect((await build([...args, "--out", out])).code).toBe(0);
    // Its own process: the kill takes the whole process with it. --force: the same inputs would otherwise be kept as built.
    const killed = await runScript("build", [...args, "--force", "--out", out], {
      UPSTANDER_DATA: data,
      UPSTANDER_CACHE: tempDir("cache"),
      UPSTANDER_KILL_AT: stage,
    });
    expect(killed.code).not.toBe(0);
    // What the kill leaves: the build's own folder (and at "staging", its browser, printing from a profile in it).
    expect(readdirSync(out).some((entry) => entry.startsWith(".upstander-build-"))).toBe(true);
    if (stage === "staging") expect(processesUsing(join(out, ".upstander-build-")).length).toBeGreaterThan(0);
    else expect(existsSync(join(out, "upstander"))).toBe(false); // between the two renames
    const again = await build([...args, "--out", out]);
    expect(again.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([".upstander-output", "upstander"]);
    expect(readdirSync(join(out, "..")).sort()).toEqual(["dist"]);
    for (const file of ["index.html", "en/index.html", made]) expect(existsSync(join(out, "upstander", file)), file).toBe(true);
    expect(processesUsing(join(out, ".upstander-build-"))).toEqual([]);
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
