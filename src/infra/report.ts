/**
 * How every command reports: problems one per line, a refused request as
 * one sentence, and never a stack trace unless asked for with --debug.
 */
import { errorsIn, formatProblem, ProblemsError, warningsIn, type Problem } from "./problems.ts";

/** Print every problem to stderr; returns true when there is no error. */
export function reportProblems(problems: readonly Problem[]): boolean {
  for (const problem of problems) console.error(formatProblem(problem));
  const errors = errorsIn(problems).length;
  const warnings = warningsIn(problems).length;
  if (errors) console.error(`\n${errors} error(s), ${warnings} warning(s): fix the errors above; nothing was built.`);
  return errors === 0;
}

/** A request the command refuses (a bad flag, an unsafe --out): the message says why and what to do. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Errors that are already reported in full by their message, one line per problem. */
export class ReportedError extends Error {
  constructor(
    readonly lines: string[],
    summary: string,
  ) {
    super(summary);
  }
}

/**
 * Runs a command's main function. Expected failures print their message;
 * anything else is a bug, printed as one line with a hint, and with its
 * stack trace only under --debug (or UPSTANDER_DEBUG=1).
 */
export function runCommand(name: string, main: () => Promise<void>): void {
  const debug = process.argv.includes("--debug") || process.env.UPSTANDER_DEBUG === "1";
  main().catch((error: unknown) => {
    if (error instanceof ProblemsError) reportProblems(error.problems);
    else if (error instanceof ReportedError) console.error([...error.lines, `${name} failed: ${error.message}`].join("\n"));
    else if (error instanceof UsageError || isArgumentError(error)) console.error(`${name}: ${(error as Error).message}`);
    else {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      console.error(`${name} failed: ${message}`);
      if (debug) console.error(error instanceof Error ? error.stack : error);
      else console.error(`(this looks like a fault in Upstander, not in your files: run again with --debug for details, and report it)`);
    }
    failed();
  });
}

/**
 * Ends a command with exit code 1 once everything written has reached its
 * reader: process.exit() right after a long report can cut it short when
 * stderr is a pipe (another program reading it, or CI).
 */
export function failed(): void {
  process.exitCode = 1;
}

/** node:util parseArgs errors (an unknown flag, a missing value): a user's typo, not a fault. */
const isArgumentError = (error: unknown) =>
  error instanceof Error &&
  typeof (error as NodeJS.ErrnoException).code === "string" &&
  (error as NodeJS.ErrnoException).code!.startsWith("ERR_PARSE_ARGS");

/** Removes --debug, which every command accepts, before a command parses its own flags. */
export const commandArgs = (argv = process.argv.slice(2)) => argv.filter((arg) => arg !== "--debug");
