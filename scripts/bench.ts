/**
 * npm run bench [-- --runs N]
 *   Speed of the print step, as ratios measured in this run on this machine
 *   (scripts/bench/ratios.ts): our print step against Chromium's floor, the
 *   naive way (a browser per PDF) against ours, and a build with nothing
 *   changed against a full build. Each figure is the median of the runs.
 * npm run bench -- --volume [--brands 40] [--max-minutes 25]
 *   One full build of many brands made from the fixture packs (40 give
 *   1138 print files), with the memory of the build's whole process tree
 *   sampled every 200 ms; time per file and peak memory at 100, 500 and 1000
 *   files against the aims (scripts/bench/volume.ts). Linux only (/proc).
 * npm run bench -- --shard
 *   An unsharded full build of the default data against two shards in
 *   sequence plus the merge, and whether the merged manifests match
 *   (scripts/bench/shard.ts).
 * Every temp folder is removed at the end.
 */
import { parseArgs } from "node:util";
import { removeTemps } from "./bench/common.ts";
import { ratios } from "./bench/ratios.ts";
import { shard } from "./bench/shard.ts";
import { volume } from "./bench/volume.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    volume: { type: "boolean", default: false },
    brands: { type: "string", default: "40" },
    "max-minutes": { type: "string", default: "25" },
    shard: { type: "boolean", default: false },
  },
});
const whole = (flag: string, value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    console.error(`bench: --${flag} needs a whole number of 1 or more, not "${value}"`);
    process.exit(2);
  }
  return number;
};
if (values.volume && values.shard) {
  console.error("bench: --volume and --shard are separate runs; give one");
  process.exit(2);
}

try {
  if (values.volume) await volume(whole("brands", values.brands), whole("max-minutes", values["max-minutes"]));
  else if (values.shard) await shard();
  else await ratios(whole("runs", values.runs));
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  removeTemps();
}
