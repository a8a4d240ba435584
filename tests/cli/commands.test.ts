/**
 * The commands as a user runs them, each its own process: what the other
 * layers test in process (src/infra/report.ts runCommandIn) reaches the
 * terminal as exit codes and lines on stdout and stderr, never a stack trace.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { copyOfData, runScript } from "../helpers/cli.ts";

it("npm run check passes the fixture data with exit code 0", async () => {
  const result = await runScript("check");
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout).toMatch(
    /^check: content and 3 brand\(s\) OK \(northshire, puente, upstander\)\n(translation \w+: \d+% reviewed by a fluent speaker \(\d+ of \d+ texts\)\n){6}$/,
  );
});

it("npm run check on a broken file: exit code 1, one line per problem, the summary, no stack trace", async () => {
  const data = copyOfData();
  writeFileSync(join(data, "content", "stats.yaml"), "- value: [79\n");
  const result = await runScript("check", [], { UPSTANDER_DATA: data });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: \S*data\/content\/stats\.yaml:\d+: not valid YAML/m);
  expect(result.stderr).toMatch(/\d+ error\(s\), \d+ warning\(s\): fix the errors above; nothing was built\.\n$/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
});

it("npm run build with an unknown flag: exit code 1 and one sentence", async () => {
  const result = await runScript("build", ["--bogus"]);
  expect(result).toMatchObject({ code: 1, stdout: "" });
  expect(result.stderr).toBe("build: Unknown option '--bogus'\n");
});
