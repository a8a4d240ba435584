/**
 * The folders under src/ form layers, each importing only the ones below
 * it, so there is no import cycle between folders (nor between files):
 *
 *   infra       paths, problem reporting, the browser, the static server, progress
 *   content     the data files' schemas, loading and checks
 *   materials   the print materials' registry, paper sizes and print plan
 *   brand       brand packs, fonts, logos, and content localized for a brand
 *   print       turning print pages into checked PDFs
 *   site        the Eleventy plugins and templates' helpers
 *   build       the build's steps: output folder, print session, Eleventy runs
 *   audit       the accessibility and privacy audit
 *   checks.ts   every check in one place, for the commands
 *   commands    build, check, audit, new-brand: each a function of its arguments and context
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../../src/infra/paths.ts";

const LAYERS = ["infra", "content", "materials", "brand", "print", "site", "build", "audit", ".", "commands"];
const SRC = join(ROOT, "src");

function imports(): Array<{ from: string; to: string }> {
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  return files.flatMap((file) =>
    [
      ...readFileSync(join(SRC, file), "utf8").matchAll(
        /(?:^|\n)\s*(?:import|export)\s[^"';]*?"(\.{1,2}\/[^"]+)"|import\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g,
      ),
    ].map((m) => ({
      from: file,
      to: relative(SRC, resolve(dirname(join(SRC, file)), m[1] ?? m[2]!)),
    })),
  );
}

const folderOf = (file: string) => (file.includes("/") ? file.split("/")[0]! : ".");

it("imports between src/ folders only go down the layers", () => {
  const upward = imports()
    .filter(({ from, to }) => folderOf(from) !== folderOf(to))
    .filter(({ from, to }) => LAYERS.indexOf(folderOf(to)) > LAYERS.indexOf(folderOf(from)) || LAYERS.indexOf(folderOf(from)) < 0)
    .map(({ from, to }) => `src/${from} imports src/${to}`);
  expect(upward).toEqual([]);
});

it("has no import cycle between files", () => {
  const graph = new Map<string, string[]>();
  for (const { from, to } of imports()) graph.set(from, [...(graph.get(from) ?? []), to]);
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") return void cycles.push([...trail.slice(trail.indexOf(file)), file].join(" -> "));
    state.set(file, "open");
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  expect(cycles).toEqual([]);
});
