/**
 * Every component renders every one of its examples (GOV.UK Frontend's
 * fixtures): templates/_includes/components/<name>/<name>.examples.yaml
 * gives the macro's params and what the output must (and must not)
 * contain. Rendered in process with Eleventy's own Nunjucks and our filters.
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

describe.each(components)("%s", (name) => {
  const file = join(includes, "components", name, `${name}.examples.yaml`);
  const examples = existsSync(file) ? (parse(readFileSync(file, "utf8")) as Example[]) : [];
  it.each(examples.map((example) => [example.name, example] as const))("renders its example: %s", (_, example) => {
    const macro = example.macro ?? camel(name);
    const html = env.renderString(`{% from "components/${name}/${name}.njk" import ${macro} %}{{ ${macro}(params) }}`, {
      params: example.params,
    });
    for (const text of example.expect) expect(html).toContain(text);
    for (const text of example.absent ?? []) expect(html).not.toContain(text);
  });
});
