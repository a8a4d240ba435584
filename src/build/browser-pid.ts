/**
 * The build's Chromium outlives a build killed with SIGKILL: Puppeteer
 * starts it in its own process group, which nothing then stops. So the
 * build records the browser's process id in its own folder, and the next
 * build stops a browser it finds recorded there (its whole process group,
 * and only if the process still runs from that folder's profile, so a
 * recycled process id is never hit). A browser still starting has no
 * recorded id yet: where /proc exists, every process running from the
 * folder's profile is found and stopped as well.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PID_FILE = "browser.pid";

export const browserProfileDir = (buildDir: string) => join(buildDir, "work", "browser-profile");

export function recordBrowser(buildDir: string, pid: number): void {
  writeFileSync(join(buildDir, PID_FILE), String(pid));
}

/** Kills a process group now (synchronously: also usable while the process exits). */
function killProcessGroup(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // Already gone, or not a group leader: the other target covers it.
    }
  }
}

function commandLine(pid: number | string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return undefined;
  }
}

/** Live processes whose command line names the build's browser profile (none where there is no /proc). */
function processesUsingProfile(buildDir: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const profile = browserProfileDir(buildDir);
  // A dead process that is not yet reaped has an empty command line, so it is not counted.
  return entries.filter((entry) => /^\d+$/.test(entry) && commandLine(entry)?.includes(profile)).map(Number);
}

function recordedBrowser(buildDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(buildDir, PID_FILE), "utf8").trim());
    if (!pid) return undefined;
    const cmdline = commandLine(pid);
    // Where /proc exists, make sure the process is still that browser; elsewhere trust the file.
    return cmdline === undefined || cmdline.includes(browserProfileDir(buildDir)) ? pid : undefined;
  } catch {
    return undefined;
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Stops every browser process running from the build's folder and waits
 * (synchronously, up to `waitMs`) until none is left, so the folder can be
 * removed without a dying process writing into it.
 */
export function stopBrowsersIn(buildDir: string, knownPid?: number, waitMs = 5000): void {
  const started = Date.now();
  for (const pid of [knownPid, recordedBrowser(buildDir)]) if (pid) killProcessGroup(pid);
  for (;;) {
    const left = processesUsingProfile(buildDir);
    if (!left.length || Date.now() - started > waitMs) return;
    for (const pid of left) killProcessGroup(pid);
    pause(25);
  }
}
