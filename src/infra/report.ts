/**
 * How every command reports: problems one per line, a refused request as
 * one sentence, and never a stack trace unless asked for with --debug.
 *
 * A command is a function of its arguments and a CommandContext (where its
 * data is, where it writes), so the same code runs as `npm run NAME` and
 * in process in the tests, without a child process each time.
 */
import { Console } from "node:console";
import { Writable } from "node:stream";
import { DATA_DIR } from "./paths.ts";
import { errorsIn, formatProblem, ProblemsError, warningsIn, type Problem } from "./problems.ts";

export interface CommandContext {
  /** Content and brand packs (UPSTANDER_DATA, or data/). */
  dataDir: string;
  /** The print cache's folder; the default (UPSTANDER_CACHE, or node_modules/.cache) when not given. */
  cacheDir?: string;
  /** Where the command's lines go. */
  console: Console;
  /** The stream progress is drawn on: a redrawn bar on a terminal, one line per file in a log. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Whether the command runs as its own process (it may then handle Ctrl-C and kill signals). */
  ownProcess: boolean;
  debug: boolean;
}

export type Command = (args: string[], context: CommandContext) => Promise<void>;

/** Print every problem to stderr; returns true when there is no error. */
export function reportProblems(problems: readonly Problem[], out: Console = console): boolean {
  for (const problem of problems) out.error(formatProblem(problem));
  const errors = errorsIn(problems).length;
  const warnings = warningsIn(problems).length;
  if (errors) out.error(`\n${errors} error(s), ${warnings} warning(s): fix the errors above; nothing was built.`);
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

/** A command that found problems it has already printed: exit code 1, nothing more to say. */
export class CommandFailed extends Error {
  override name = "CommandFailed";
}

/**
 * Runs a command and returns its exit code. Expected failures print their
 * message; anything else is a bug, printed as one line with a hint, and
 * with its stack trace only under --debug (or UPSTANDER_DEBUG=1).
 */
export async function runCommandIn(name: string, command: Command, args: string[], context: CommandContext): Promise<number> {
  const out = context.console;
  try {
    await command(args, context);
    return 0;
  } catch (error) {
    if (error instanceof CommandFailed) return 1;
    if (error instanceof ProblemsError) reportProblems(error.problems, out);
    else if (error instanceof ReportedError) out.error([...error.lines, `${name} failed: ${error.message}`].join("\n"));
    else if (error instanceof UsageError || isArgumentError(error)) out.error(`${name}: ${(error as Error).message}`);
    else {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      out.error(`${name} failed: ${message}`);
      if (context.debug) out.error(error instanceof Error ? error.stack : error);
      else out.error(`(this looks like a fault in Upstander, not in your files: run again with --debug for details, and report it)`);
    }
    return 1;
  }
}

/**
 * `npm run NAME`: the command with the process's own console and data. The
 * exit code is set, not forced: process.exit() right after a long report can
 * cut it short when stderr is a pipe (another program reading it, or CI).
 */
export function runCommand(name: string, command: Command): void {
  const argv = process.argv.slice(2);
  const context: CommandContext = {
    dataDir: DATA_DIR,
    console,
    stdout: process.stdout,
    ownProcess: true,
    debug: argv.includes("--debug") || process.env.UPSTANDER_DEBUG === "1",
  };
  void runCommandIn(
    name,
    command,
    argv.filter((arg) => arg !== "--debug"),
    context,
  ).then((code) => {
    process.exitCode = code;
  });
}

/** What a command run in process wrote, and its exit code (as `npm run NAME` would end). */
export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in this process, capturing what it writes: for tests and tools that call commands. */
export async function runCaptured(
  name: string,
  command: Command,
  args: string[],
  context: Partial<Omit<CommandContext, "console" | "stdout">> & { dataDir: string },
): Promise<CapturedRun> {
  const captured = { stdout: "", stderr: "" };
  const sink = (key: keyof typeof captured) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        captured[key] += chunk.toString();
        done();
      },
    });
  const stdout = sink("stdout");
  const code = await runCommandIn(name, command, args, {
    ownProcess: false,
    debug: process.env.UPSTANDER_DEBUG === "1",
    ...context,
    console: new Console({ stdout, stderr: sink("stderr") }),
    stdout,
  });
  return { code, ...captured };
}

/** node:util parseArgs errors (an unknown flag, a missing value): a user's typo, not a fault. */
const isArgumentError = (error: unknown) =>
  error instanceof Error &&
  typeof (error as NodeJS.ErrnoException).code === "string" &&
  (error as NodeJS.ErrnoException).code!.startsWith("ERR_PARSE_ARGS");
