import { errorsIn, formatProblem, warningsIn, type Problem } from "./content/problems.ts";

/** Print every problem to stderr; returns true when there is no error. */
export function reportProblems(problems: readonly Problem[]): boolean {
  for (const problem of problems) console.error(formatProblem(problem));
  const errors = errorsIn(problems).length;
  const warnings = warningsIn(problems).length;
  if (errors) console.error(`\n${errors} error(s), ${warnings} warning(s): fix the errors above; nothing was built.`);
  return errors === 0;
}
