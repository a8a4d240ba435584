/** What every bench mode shares: aligned rows, temp folders removed at the end, and a build run as its own process. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ROOT } from "../../src/infra/paths.ts";

/** One figure per line: label, value, aim, in columns. */
export const row = (label: string, value: string, aim = "") => console.log(`${label.padEnd(58)} ${value.padStart(8)}   ${aim}`.trimEnd());

const temps: string[] = [];
/** A fresh folder under the system's temp folder, removed by removeTemps(). */
export function temp(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `upstander-bench-${name}-`));
  temps.push(dir);
  return dir;
}
export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function seconds(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

export interface ScriptRun {
  seconds: number;
  /** Progress lines `print N/T ...` seen on stdout. */
  printed: number;
  /** The last line of stdout (the build's `build: ...` summary). */
  summary: string;
  /** Stopped by `timeoutMs` before it finished. */
  timedOut: boolean;
}

export interface ScriptHooks {
  /** Called once the process has started, with its id. */
  started?(pid: number): void;
  /** Each line of stdout, with the milliseconds since the process started. */
  line?(line: string, atMs: number): void;
  /** Stop the process (SIGTERM) after this long and return what was seen. */
  timeoutMs?: number;
}

/** Children still running, stopped if the bench itself is stopped. */
const running = new Set<ReturnType<typeof spawn>>();
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.once(signal, () => {
    console.error(`\nbench: stopped by ${signal}; stopping its build and removing its temp folders`);
    for (const child of running) child.kill("SIGTERM");
    const exit = () => {
      removeTemps();
      process.exit(code);
    };
    if (!running.size) exit();
    for (const child of running) child.once("close", () => running.size === 0 && exit());
  });
}

/** `node --import tsx scripts/<script> ...args` as its own process, timed; rejects, with its stderr, when it fails. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv, hooks: ScriptHooks = {}): Promise<ScriptRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  if (child.pid) hooks.started?.(child.pid);
  let printed = 0;
  let summary = "";
  let stderr = "";
  let timedOut = false;
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (/^print \d+\/\d+ /.test(line)) printed += 1;
    if (line.trim()) summary = line;
    hooks.line?.(line, performance.now() - started);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const timer =
    hooks.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill("SIGTERM");
        }, hooks.timeoutMs);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      const run = { seconds: (performance.now() - started) / 1000, printed, summary, timedOut };
      if (code === 0 || timedOut) resolve(run);
      else reject(new Error(`${script} ${args.join(" ")} failed (${signal ?? `exit ${code}`}):\n${stderr.trim() || summary}`));
    });
  });
}

export const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
export const percent = (fraction: number) => `${fraction >= 0 ? "+" : ""}${(fraction * 100).toFixed(1)}%`;
