/**
 * One Eleventy run for one brand, with Eleventy's programmatic API: the
 * target reaches the site plugin as its options, and no config file is read.
 * https://www.11ty.dev/docs/programmatic/
 */
import { Eleventy } from "@11ty/eleventy";
import { relative } from "node:path";
import { TEMPLATES_DIR, ROOT } from "../infra/paths.ts";
import { fileProblem, formatProblem, ProblemsError, type Problem } from "../infra/problems.ts";
import { upstanderDirectories, upstanderPlugin } from "../site/eleventy-plugin.ts";
import { faultPoint } from "./output-dir.ts";
import type { BuildTarget } from "../site/target.ts";
import { writeManifest, type Manifest } from "../print/manifest.ts";

/**
 * A brand's folder made whole: its manifest (when it has print files) and
 * its site, whose downloads page lists them. The site is small and always
 * whole, in every language, so its links never point at a missing page.
 */
export async function publishBrand(target: BuildTarget, manifest: Manifest, brandDir: string, out: Console): Promise<void> {
  if (manifest.files.length) await writeManifest(brandDir, manifest);
  await renderWithEleventy({ ...target, site: { downloads: manifest.files } }, brandDir);
  out.log(`site: ${target.brand.id} (${target.brand.locales.join(", ")})`);
}

export async function renderWithEleventy(target: BuildTarget, outDir: string): Promise<void> {
  const textProblems = new Map<string, Problem>();
  const reportTextProblem = (problem: Problem) => textProblems.set(formatProblem(problem), problem);
  // configPath "" (set, but empty) tells Eleventy to look for no config file.
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    configPath: "",
    quietMode: true,
    config: (eleventyConfig) => {
      upstanderDirectories(eleventyConfig);
      eleventyConfig.addPlugin(upstanderPlugin, { ...target, reportTextProblem });
      // Where the atomic-build test makes rendering itself fail, page by page.
      eleventyConfig.addTransform("fault-point", (content: string) => (faultPoint("render"), content));
    },
  });
  // quietMode leaves the "Wrote N files" summary, which Eleventy forces out; our
  // build prints its own. Warnings still reach stderr; a failure is reported
  // once, below, as a problem.
  eleventy.logger.overrideLogger({ log: () => {}, warn: console.warn, error: () => {} });
  try {
    await eleventy.write();
  } catch (error) {
    throw new ProblemsError([...textProblems.values(), renderProblem(error)]);
  }
  // Every text a template could not be given, from every page, in one run.
  if (textProblems.size) throw new ProblemsError([...textProblems.values()]);
}

/**
 * Eleventy wraps a template's failure in errors of its own ("Having trouble
 * writing to ... from templates/index.njk"); the innermost says what went
 * wrong, and Nunjucks adds the template and line where it knows them.
 */
function renderProblem(error: unknown) {
  const chain: Error[] = [];
  for (let e = error; e instanceof Error; e = (e as { originalError?: unknown }).originalError ?? e.cause) chain.push(e);
  const template = /from "([^"]+)"/.exec(chain.map((e) => e.message).join("\n"))?.[1];
  const innermost = chain.at(-1)?.message ?? String(error);
  // Nunjucks: "(/path/templates/x.njk) [Line 3, Column 5]\n  message"
  const at = /\(([^)]+)\)(?: \[Line (\d+), Column \d+\])?\s*\n\s*(?:Error: )?([\s\S]*)/.exec(innermost);
  const file = at?.[1] ?? template ?? TEMPLATES_DIR;
  const message = (at?.[3] ?? innermost).split("\n")[0]!.trim();
  return fileProblem("render", relative(ROOT, file) || file, message, at?.[2] ? Number(at[2]) : undefined);
}
