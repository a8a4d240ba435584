/**
 * The step icons: each is used by a step (data/content/steps.yaml, read from
 * the test fixtures' copy), listed in this folder's README, drawn in the one
 * style (48 x 48, a round stroke in currentColor), and decorative: hidden
 * from assistive technology, with no text of its own, since the step's
 * words beside it carry the meaning. (The printed PDFs are checked for
 * untitled figures in tests/build/print-materials.test.ts.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { expect, it } from "vitest";
import { ICONS_DIR, iconNames, iconSvg } from "../../../src/content/icons.ts";
import { fixtureData } from "../../../tests/helpers/cli.ts";

const steps = parse(readFileSync(join(fixtureData(), "content", "steps.yaml"), "utf8")) as Record<string, { id: string; icon?: string }[]>;
const used = new Set(Object.values(steps).flatMap((group) => group.flatMap((step) => (step.icon ? [step.icon] : []))));

it("has icons, each one named by a step and listed in the README", () => {
  expect(iconNames.length).toBeGreaterThanOrEqual(7);
  expect(iconNames.filter((name) => !used.has(name))).toEqual([]);
  const readme = readFileSync(join(ICONS_DIR, "README.md"), "utf8");
  expect(iconNames.filter((name) => !readme.includes(`${name}.svg`))).toEqual([]);
});

it("gives every young people's step an icon", () => {
  expect(steps["young-people"]!.filter((step) => !step.icon).map((step) => step.id)).toEqual([]);
});

it.each(iconNames)("%s is decorative and drawn in the one style", (name) => {
  const svg = iconSvg(name);
  const root = /^<svg [^>]*>/.exec(svg)![0];
  expect(root).toContain('aria-hidden="true"');
  expect(root).toContain('focusable="false"');
  expect(root).toContain('viewBox="0 0 48 48"');
  expect(root).toContain('stroke="currentColor"');
  expect(root).toContain('stroke-width="3"');
  // No words, title or description to read out, nothing that runs or loads, no colour of its own.
  expect(svg).not.toMatch(/<(text|title|desc|script|style|image|foreignObject)\b|href=|\bon\w+=/i);
  expect([...svg.matchAll(/(?:fill|stroke)="([^"]+)"/g)].map((m) => m[1]).filter((c) => c !== "none" && c !== "currentColor")).toEqual([]);
});
