/**
 * `npm run bench -- --shard`: on the default data (all its brands), one
 * unsharded full build against two shards built one after another
 * (`--shard 1/2`, `--shard 2/2`, each with its own empty cache) and
 * `scripts/merge.ts --out C A B`; then whether the merged manifests list
 * the same files with the same sha256 as the unsharded build's.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DATA_DIR, ROOT } from "../../src/infra/paths.ts";
import type { Manifest } from "../../src/print/manifest.ts";
import { row, runScript, temp } from "./common.ts";

/** Each brand's manifest.json in a build's output folder, by brand folder. */
function manifests(out: string): Map<string, { text: string; manifest: Manifest }> {
  const found = new Map<string, { text: string; manifest: Manifest }>();
  for (const entry of readdirSync(out, { withFileTypes: true })) {
    const path = join(out, entry.name, "manifest.json");
    if (!entry.isDirectory() || !existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    found.set(entry.name, { text, manifest: JSON.parse(text) as Manifest });
  }
  return found;
}

/** Every way the merged manifests differ from the unsharded build's, one line each. */
export function manifestDifferences(unsharded: string, merged: string): { differences: string[]; sameBytes: boolean; files: number } {
  const [a, b] = [manifests(unsharded), manifests(merged)];
  const differences: string[] = [];
  let sameBytes = true;
  let files = 0;
  for (const brand of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [left, right] = [a.get(brand), b.get(brand)];
    if (!left || !right) {
      differences.push(`${brand}/manifest.json only in the ${left ? "unsharded" : "merged"} output`);
      sameBytes = false;
      continue;
    }
    sameBytes &&= left.text === right.text;
    const shas = (m: Manifest) => new Map([...m.files, ...(m.press ?? [])].map((f) => [f.path, f.sha256]));
    const [l, r] = [shas(left.manifest), shas(right.manifest)];
    files += l.size;
    for (const path of [...new Set([...l.keys(), ...r.keys()])].sort()) {
      if (!r.has(path)) differences.push(`${brand}/${path}: missing from the merged manifest`);
      else if (!l.has(path)) differences.push(`${brand}/${path}: only in the merged manifest`);
      else if (l.get(path) !== r.get(path))
        differences.push(`${brand}/${path}: sha256 ${l.get(path)!.slice(0, 12)}... unsharded, ${r.get(path)!.slice(0, 12)}... merged`);
    }
  }
  return { differences, sameBytes, files };
}

export async function shard(): Promise<void> {
  const root = temp("shard");
  const folder = (name: string) => join(root, name);
  const env = (cache: string) => {
    mkdirSync(folder(cache));
    return { ...process.env, UPSTANDER_DATA: DATA_DIR, UPSTANDER_CACHE: folder(cache) };
  };
  const build = (args: string[], cache: string) => runScript("build.ts", args, env(cache));
  console.log(`bench --shard: the data in ${DATA_DIR}, every brand; each build with its own empty cache\n`);

  const unsharded = await build(["--out", folder("full")], "cache-full");
  row("unsharded full build", `${unsharded.seconds.toFixed(1)} s`, `${unsharded.printed} print files`);
  const first = await build(["--shard", "1/2", "--out", folder("a")], "cache-a");
  row("  shard 1/2", `${first.seconds.toFixed(1)} s`, `${first.printed} print files`);
  const second = await build(["--shard", "2/2", "--out", folder("b")], "cache-b");
  row("  shard 2/2", `${second.seconds.toFixed(1)} s`, `${second.printed} print files`);
  if (first.printed + second.printed !== unsharded.printed)
    console.log(
      `  note: the shards printed ${first.printed} + ${second.printed} files, the unsharded build ${unsharded.printed}: is --shard in effect?`,
    );

  const mergeScript = join(ROOT, "scripts", "merge.ts");
  if (!existsSync(mergeScript)) {
    row("  merge", "n/a", "scripts/merge.ts does not exist yet");
    row("  shards in sequence (no merge)", `${(first.seconds + second.seconds).toFixed(1)} s`);
    row("  (shards, no merge) / unsharded", `${((first.seconds + second.seconds) / unsharded.seconds).toFixed(2)}x`);
    return;
  }
  const merge = await runScript("merge.ts", ["--out", folder("c"), folder("a"), folder("b")], env("cache-merge"));
  row("  merge", `${merge.seconds.toFixed(1)} s`);
  const sum = first.seconds + second.seconds + merge.seconds;
  row("  shards in sequence + merge", `${sum.toFixed(1)} s`);
  row("  (shards in sequence + merge) / unsharded", `${(sum / unsharded.seconds).toFixed(2)}x`);

  const { differences, sameBytes, files } = manifestDifferences(folder("full"), folder("c"));
  row("merged manifests: same files and sha256 as unsharded", differences.length ? "no" : "yes", `${files} files compared`);
  row("  manifest.json files byte for byte the same", sameBytes ? "yes" : "no");
  const shown = 20;
  for (const line of differences.slice(0, shown)) console.log(`    ${line}`);
  if (differences.length > shown) console.log(`    ... and ${differences.length - shown} more`);
}
