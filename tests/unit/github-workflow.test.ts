/**
 * The example GitHub Actions workflow (scripts/github-actions/) runs the
 * commands as this code parses them: every runner of the matrix builds a
 * different shard of the same N, uploads it under its own name with the
 * output's hidden marker, and the merge job downloads every shard, merges
 * them into the folder it publishes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { parseBuildArgs } from "../../src/build/options.ts";
import { parseMergeArgs } from "../../src/commands/merge.ts";
import { ROOT } from "../../src/infra/paths.ts";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | boolean>;
}
interface Job {
  needs?: string | string[];
  strategy?: { matrix: { shard: number[] } };
  steps?: Step[];
}

const workflow = parse(readFileSync(join(ROOT, "scripts", "github-actions", "build-and-publish.yml"), "utf8")) as {
  jobs: Record<string, Job>;
};
const { shard, merge, publish } = workflow.jobs as Record<"shard" | "merge" | "publish", Job>;

/** The arguments after `npm run SCRIPT --` in a step's command, with the matrix values filled in. */
function npmArgs(job: Job, script: string, values: Record<string, string> = {}): string[] {
  const step = job.steps!.find((s) => s.run?.startsWith(`npm run ${script} -- `));
  expect(step, `a step runs npm run ${script}`).toBeDefined();
  const filled = step!.run!.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => values[name] ?? `<${name}>`);
  return filled.slice(`npm run ${script} -- `.length).trim().split(/\s+/);
}

const step = (job: Job, uses: string) => job.steps!.find((s) => s.uses?.startsWith(uses))!;

it("builds shard K of N on runner K, for every K from 1 to N, each uploaded under its own name with the marker", () => {
  const shards = shard.strategy!.matrix.shard;
  expect(shards).toEqual(shards.map((_, i) => i + 1));
  const seen = shards.map((k) => {
    const values = { "matrix.shard": String(k), "strategy.job-total": String(shards.length) };
    const options = parseBuildArgs(npmArgs(shard, "build", values));
    expect(options.shard).toEqual({ index: k, total: shards.length });
    const upload = step(shard, "actions/upload-artifact");
    expect(upload.with!.path).toBe(options.out);
    expect(upload.with!["include-hidden-files"]).toBe(true);
    return String(upload.with!.name).replace("${{ matrix.shard }}", String(k));
  });
  expect(new Set(seen).size).toBe(shards.length);
});

it("merges every uploaded shard into the folder it publishes, after all shards", () => {
  expect(merge.needs).toBe("shard");
  const download = step(merge, "actions/download-artifact");
  const name = String(step(shard, "actions/upload-artifact").with!.name);
  expect(download.with!.pattern).toBe(name.replace("${{ matrix.shard }}", "*"));
  const { out, shards } = parseMergeArgs(npmArgs(merge, "merge"));
  expect(shards).toEqual([`${download.with!.path}/${download.with!.pattern}`]);
  expect(step(merge, "actions/upload-pages-artifact").with!.path).toBe(out);
  expect(publish.needs).toBe("merge");
});
