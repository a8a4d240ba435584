/**
 * A problem found in a data file, a brand pack, a template, a printed PDF or
 * a built page. Every step of Upstander (check, render, print, audit)
 * reports through this one shape, printed one way, so that a person fixing
 * a file always gets the same kind of message: file, line (when known),
 * the check that found it, field path and what is wrong.
 */
export type Severity = "error" | "warning";

export interface Problem {
  severity: Severity;
  /** Path of the file, relative to the working directory where possible. */
  file: string;
  line?: number;
  /** Field path inside the file, e.g. ["contacts", 2, "phone"]. Empty for the whole file. */
  path: ReadonlyArray<string | number>;
  message: string;
  /** Which check found it, where the file alone does not say: "layout", "axe", "render"... */
  check?: string;
  /** A value new-brand wrote for the owner to replace (an error for check and build; expected just after new-brand). */
  kind?: "placeholder";
}

export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === "number") return `${out}[${part}]`;
    return out ? `${out}.${part}` : part;
  }, "");
}

export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const check = problem.check ? ` ${problem.check}:` : "";
  const field = problem.path.length ? ` ${formatPath(problem.path)}:` : "";
  return `${problem.severity}: ${where}:${check}${field} ${problem.message}`;
}

export const errorsIn = (problems: readonly Problem[]) => problems.filter((p) => p.severity === "error");
export const warningsIn = (problems: readonly Problem[]) => problems.filter((p) => p.severity === "warning");

/** Thrown when checks fail; carries every problem so callers can print them all, not just the first. */
export class ProblemsError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ProblemsError";
  }
}

/** A problem with a whole file (no field path), found by `check`. */
export const fileProblem = (check: string, file: string, message: string, line?: number): Problem => ({
  severity: "error",
  file,
  ...(line ? { line } : {}),
  path: [],
  message,
  check,
});
