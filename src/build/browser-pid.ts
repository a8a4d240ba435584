/**
 * The build's Chromium outlives a build killed with SIGKILL: Puppeteer
 * starts it in its own process group, which nothing then stops. So the
 * build records the browser's process id in its own folder, and the next
 * build stops a browser it finds recorded there (its whole process group,
 * and only if the process still runs from that folder's profile, so a
 * recycled process id is never hit).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PID_FILE = "browser.pid";

export const browserProfileDir = (buildDir: string) => join(buildDir, "work", "browser-profile");

export function recordBrowser(buildDir: string, pid: number): void {
  writeFileSync(join(buildDir, PID_FILE), String(pid));
}

/** Kills a process group now (synchronously: also usable while the process exits). */
export function killProcessGroup(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // Already gone, or not a group leader: the other target covers it.
    }
  }
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return undefined;
  }
}

export function stopLeftoverBrowser(buildDir: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(join(buildDir, PID_FILE), "utf8").trim());
  } catch {
    return;
  }
  if (!pid) return;
  const cmdline = commandLine(pid);
  // Where /proc exists, make sure the process is still that browser; elsewhere trust the file.
  if (cmdline !== undefined && !cmdline.includes(browserProfileDir(buildDir))) return;
  killProcessGroup(pid);
}
