/**
 * The print step under faults, as its own process: a browser killed in the
 * middle of a build is relaunched and the build finishes with every PDF
 * whole; a browser that keeps dying fails the build with one clear reason;
 * a page that never finishes loading fails the build within its time
 * limit, naming the file. A failed build leaves the previous output as it was.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../src/infra/paths.ts";
import { fileSha256 } from "../../src/print/cache.ts";
import type { Manifest } from "../../src/print/manifest.ts";
import { TEST_PRINT_CACHE } from "../build/shared-build.ts";
import { copyOfData, run, tempDir, treeHash } from "../helpers/cli.ts";
import { loadPdf } from "../helpers/pdf.ts";

let data: string;
beforeAll(() => {
  data = copyOfData();
});

const siteOnly = ["--brand", "upstander", "--no-pdf"];
/** Enough files that the browser is killed with several still to print. */
const printing = ["--brand", "upstander", "--locale", "en", "--material", "poster,one-minute-guide,wallet-card,discussion-guide"];

/** Processes running from a browser profile inside `out`'s build folder. */
function browsersIn(out: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(join(out, ".upstander-build-"));
      } catch {
        return false;
      }
    })
    .map(Number);
}

const killAll = (pids: number[]) =>
  pids.forEach((pid) => {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  });

/** `npm run build` as its own process with a fresh print cache, so it prints; `during` is called as its output grows. */
async function buildProcess(args: string[], env: Record<string, string>, during: (stdout: string) => void = () => {}) {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "build.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, UPSTANDER_DATA: data, UPSTANDER_CACHE: tempDir("cache"), ...env },
  });
  let [stdout, stderr] = ["", ""];
  child.stdout.on("data", (chunk: Buffer) => during((stdout += chunk.toString())));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, stdout, stderr, seconds: (Date.now() - started) / 1000 };
}

describe("the browser killed in the middle of a build", () => {
  it("is relaunched: the build finishes, and every PDF is whole and as its manifest says", async () => {
    const out = join(tempDir("relaunch"), "dist");
    let killed: number[] = [];
    const result = await buildProcess([...printing, "--out", out], {}, (stdout) => {
      // Once two files are out, the browser is printing the others.
      if (!killed.length && stdout.includes("print 2/")) killAll((killed = browsersIn(out)));
    });
    expect(killed.length, "a browser was running to kill").toBeGreaterThan(0);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/browser: relaunched \d+ time\(s\) after it stopped; \d+ file\(s\) printed again/);
    const manifest = JSON.parse(readFileSync(join(out, "upstander", "manifest.json"), "utf8")) as Manifest;
    expect(manifest.files.map((file) => file.material)).toEqual(
      expect.arrayContaining(["poster", "one-minute-guide", "wallet-card", "discussion-guide"]),
    );
    for (const file of manifest.files.filter((f) => f.path.endsWith(".pdf"))) {
      const bytes = readFileSync(join(out, "upstander", file.path));
      expect(fileSha256(bytes), file.path).toBe(file.sha256);
      const pdf = await loadPdf(join(out, "upstander", file.path));
      expect(pdf.getPageCount(), file.path).toBe(file.pages);
      expect(bytes.subarray(-6).toString().trim(), file.path).toBe("%%EOF");
    }
    expect(browsersIn(out)).toEqual([]);
  });

  it("again and again: one clear reason, the previous output intact, nothing left behind", async () => {
    const out = join(tempDir("browser-kill"), "dist");
    expect((await run("build", [...siteOnly, "--out", out], { UPSTANDER_DATA: data, UPSTANDER_CACHE: TEST_PRINT_CACHE })).code).toBe(0);
    const before = treeHash(out);
    // Once a file is out, every browser the build starts is killed as soon as it is seen, until the build gives up.
    let killer: NodeJS.Timeout | undefined;
    const result = await buildProcess(["--brand", "upstander", "--out", out], {}, (stdout) => {
      if (!killer && stdout.includes("print 1/")) killer = setInterval(() => killAll(browsersIn(out)), 20);
    }).finally(() => clearInterval(killer));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("build failed: the browser (Chromium) stopped while printing: it was killed or crashed");
    expect(result.stderr).not.toMatch(/Protocol error|Session closed|\n\s+at /);
    expect(treeHash(out)).toEqual(before);
    expect(browsersIn(out)).toEqual([]);
  });
});

describe("a page that never finishes loading", () => {
  it("fails the build within its time limit, naming the file, with the previous output intact", async () => {
    const out = join(tempDir("stall"), "dist");
    expect((await run("build", [...siteOnly, "--out", out], { UPSTANDER_DATA: data, UPSTANDER_CACHE: TEST_PRINT_CACHE })).code).toBe(0);
    const before = treeHash(out);
    const limit = 10;
    const result = await buildProcess([...printing, "--out", out], {
      // The poster's page is never answered by the print step's server.
      UPSTANDER_STALL_REQUEST: "poster-en-letter.html",
      UPSTANDER_PAGE_TIMEOUT: String(limit),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`print/poster-en-letter.pdf: print: poster (en, letter): did not finish printing within ${limit} s`);
    // Only that file: the others printed.
    expect(result.stderr.match(/did not finish printing/g)).toHaveLength(1);
    // The limit, plus start-up, the checks, Eleventy and the other files: far less than the default minute.
    expect(result.seconds).toBeLessThan(45);
    expect(treeHash(out)).toEqual(before);
    expect(browsersIn(out)).toEqual([]);
  });
});
