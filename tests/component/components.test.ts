/**
 * Every component renders every one of its examples (GOV.UK Frontend's
 * fixtures): templates/_includes/components/<name>/<name>.examples.yaml
 * gives the macro's params and what the output must (and must not)
 * contain; so does print/macros.examples.yaml for the print pieces every
 * material shares. Rendered in process with Eleventy's own Nunjucks and our filters.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nunjucks from "@11ty/nunjucks";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { TEMPLATES_DIR } from "../../src/infra/paths.ts";
import { filtersPlugin } from "../../src/site/plugins/filters.ts";

interface Example {
  name: string;
  macro?: string;
  params: object;
  expect: string[];
  absent?: string[];
}

const includes = join(TEMPLATES_DIR, "_includes");
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(includes), { autoescape: true, throwOnUndefined: true });
filtersPlugin({ addFilter: (name: string, filter: (...args: never[]) => unknown) => env.addFilter(name, filter) } as never);

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const components = readdirSync(join(includes, "components"));

it("every component has examples", () => {
  expect(components.filter((name) => !existsSync(join(includes, "components", name, `${name}.examples.yaml`)))).toEqual([]);
});

/** Each component's folder, and the print pieces: [name, template, examples file]. */
const sources = [
  ...components.map(
    (name) => [name, `components/${name}/${name}.njk`, join(includes, "components", name, `${name}.examples.yaml`)] as const,
  ),
  ["print pieces", "print/macros.njk", join(includes, "print", "macros.examples.yaml")] as const,
];

describe.each(sources)("%s", (name, template, file) => {
  const examples = existsSync(file) ? (parse(readFileSync(file, "utf8")) as Example[]) : [];
  it.each(examples.map((example) => [example.name, example] as const))("renders its example: %s", (_, example) => {
    const macro = example.macro ?? camel(name);
    const html = env.renderString(`{% from "${template}" import ${macro} %}{{ ${macro}(params) }}`, { params: example.params });
    for (const text of example.expect) expect(html, html).toContain(text);
    for (const text of example.absent ?? []) expect(html, html).not.toContain(text);
  });
});

it("has an example of every print piece", () => {
  const pieces = [...readFileSync(join(includes, "print", "macros.njk"), "utf8").matchAll(/{% macro (\w+)\(/g)].map((m) => m[1]);
  const shown = new Set((parse(readFileSync(join(includes, "print", "macros.examples.yaml"), "utf8")) as Example[]).map((e) => e.macro));
  expect(pieces.filter((piece) => !shown.has(piece))).toEqual([]);
});
