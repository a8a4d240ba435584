/**
 * The Nu HTML Checker (the W3C validator's engine, from the vnu-jar package),
 * run once over a whole folder: one Java start for every page.
 * https://validator.github.io/validator/#usage
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const vnuJar = createRequire(import.meta.url)("vnu-jar") as string;

export interface ValidatorMessage {
  file: string;
  line?: number;
  message: string;
}

/** Every error in every .html file under `dir`; warnings and info are not errors. */
export function validateHtml(dir: string): Promise<ValidatorMessage[]> {
  return new Promise((resolve, reject) => {
    execFile(
      "java",
      ["-jar", vnuJar, "--format", "json", "--errors-only", "--skip-non-html", dir],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = stderr.trim().startsWith("{") ? stderr : stdout;
        if (!output.trim().startsWith("{"))
          return reject(new Error(`the Nu HTML Checker did not run (is Java installed?): ${(error?.message ?? stderr).split("\n")[0]}`));
        const { messages } = JSON.parse(output) as { messages: { type: string; url?: string; lastLine?: number; message: string }[] };
        resolve(
          messages
            .filter((m) => m.type === "error" || m.type === "non-document-error")
            .map((m) => ({ file: m.url ? fileURLToPath(m.url) : dir, line: m.lastLine, message: m.message })),
        );
      },
    );
  });
}
