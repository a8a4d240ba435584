/**
 * Every material renders every one of its examples: each material's folder
 * holds <id>.examples.yaml (a fixture brand, one of its files, and text its
 * print page must and must not hold). The print pages are rendered in
 * process with Eleventy, once per brand for all of its files, as the build
 * renders them before printing; the PDFs themselves are read in tests/build.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { renderWithEleventy } from "../../src/build/site.ts";
import { runChecks } from "../../src/checks.ts";
import { htmlPathFor, planPrints } from "../../src/materials/plan.ts";
import { materialDeclaration, materialIds } from "../../src/materials/registry.ts";
import { localizeBrand } from "../../src/site/target.ts";
import { fixtureData, tempDir } from "../helpers/cli.ts";

interface Example {
  name: string;
  brand: string;
  file: string;
  expect: string[];
  absent?: string[];
}

const examplesFile = (id: string) => join(materialDeclaration(id).folder, `${id}.examples.yaml`);
const examples = materialIds.map(
  (id) => [id, existsSync(examplesFile(id)) ? (parse(readFileSync(examplesFile(id), "utf8")) as Example[]) : []] as const,
);
/** Each example brand's print pages, rendered once: HTML by file path. */
const pages = new Map<string, string>();

beforeAll(async () => {
  const dataDir = fixtureData();
  const brandIds = [...new Set(examples.flatMap(([, list]) => list.map((example) => example.brand)))];
  const { content, brands, problems } = runChecks({ dataDir, brandDirs: brandIds.map((id) => join(dataDir, "brands", id)) });
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  for (const brand of brands) {
    const files = planPrints(brand);
    const out = tempDir(`material-${brand.id}`);
    await renderWithEleventy({ content: content!, brand, sites: localizeBrand(content!, brand), print: { files, bleed: false } }, out);
    for (const file of files) pages.set(`${brand.id}/${file.path}`, readFileSync(join(out, htmlPathFor(file)), "utf8"));
  }
});

it("every material has examples", () => {
  expect(examples.filter(([, list]) => !list.length).map(([id]) => id)).toEqual([]);
});

describe.each(examples)("%s", (id, list) => {
  it.each(list.map((example) => [example.name, example] as const))("renders its example: %s", (_, example) => {
    const html = pages.get(`${example.brand}/${example.file}`);
    expect(html, `${example.brand} makes no ${example.file}`).toBeDefined();
    expect(example.file).toContain(id);
    for (const text of example.expect) expect(html, text).toContain(text);
    for (const text of example.absent ?? []) expect(html, text).not.toContain(text);
  });
});
