/**
 * The print step's layout checks, on a page that breaks each rule once
 * (fixtures/crowded.html): overlapping texts, text out of its column, text
 * across the page margin, and a character no bundled font has. Rendered by
 * the real renderer, as the build renders every print page.
 */
import { copyFileSync, cpSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LayoutProblemsError, type LayoutProblem } from "./layout-problems.ts";
import { pageGeometry } from "../materials/paper.ts";
import { PrintRenderer } from "./renderer.ts";
import { serve } from "../infra/static-server.ts";
import { tempDir } from "../../tests/helpers/cli.ts";

let renderer: PrintRenderer;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  const dir = tempDir("layout");
  cpSync(join(import.meta.dirname, "fixtures", "crowded.html"), join(dir, "crowded.html"));
  const fonts = join(dirname(createRequire(import.meta.url).resolve("@fontsource/atkinson-hyperlegible/package.json")), "files");
  copyFileSync(join(fonts, "atkinson-hyperlegible-latin-400-normal.woff2"), join(dir, "atkinson.woff2"));
  [renderer, server] = await Promise.all([PrintRenderer.launch({ tabs: 1 }), serve(dir)]);
});
afterAll(async () => {
  await renderer?.close();
  await server?.close();
});

it("names every layout problem of the page: element, source, text and what is wrong", async () => {
  const error = await renderer
    .render({ url: `${server.url}/crowded.html`, geometry: pageGeometry("a4", false), fixedPages: false })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LayoutProblemsError);
  const problems = (error as LayoutProblemsError).problems;
  const find = (kind: LayoutProblem["kind"]) => problems.filter((p) => p.kind === kind);

  expect(find("box")).toEqual([
    expect.objectContaining({
      element: "<span.way>",
      source: "brand.yaml contacts[0].email",
      text: expect.stringContaining("designated.safeguarding.lead@"),
      detail: expect.stringMatching(/^runs \d+\.\d mm out of its <span\.way> box$/),
    }),
  ]);
  expect(find("overlap")).toEqual([
    // The address out of its column prints on top of the next column's text, as the issue saw on posters.
    expect.objectContaining({
      element: "<li>",
      text: "Second column",
      detail: expect.stringContaining('is drawn over <span.way> (brand.yaml contacts[0].email) "designated.safeguarding.lead@'),
    }),
    expect.objectContaining({
      element: "<p.stamp>",
      text: "Second text here too",
      detail: 'is drawn over <p.stamp> (brand.yaml footer.en) "First text at this place"',
    }),
  ]);
  expect(find("margin")).toEqual([
    expect.objectContaining({ element: "<p.wide>", source: "brand.yaml name", detail: "crosses the page margin" }),
  ]);
  expect(find("font")).toEqual([
    expect.objectContaining({
      element: "<p>",
      source: "print.poster.lead",
      text: "Stages: one → two",
      detail: expect.stringMatching(/^has 1 character\(s\) drawn in .+, a system font/),
    }),
  ]);
  expect(problems).toHaveLength(5);
});
