/**
 * Loads every file under data/ and parses it with its schema. Nothing here
 * renders: callers get either the typed content or the full list of problems.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import type { Problem } from "../infra/problems.ts";
import { localeCodePattern } from "./schemas.ts";
import {
  contactsSchema,
  discussionSchema,
  howItHappensSchema,
  localeContentSchema,
  regionsSchema,
  reviewFileSchema,
  releaseSchema,
  resourcesSchema,
  statsSchema,
  stepsSchema,
  uiFileSchema,
  warningSignsSchema,
} from "./schemas.ts";
import { displayPath, parseWithSchema, readYamlFile, type YamlFile } from "./yaml-file.ts";

/** The neutral (language-independent) files, by name under data/content/. */
export const contentFiles = {
  release: ["release.yaml", releaseSchema],
  regions: ["regions.yaml", regionsSchema],
  contacts: ["contacts.yaml", contactsSchema],
  resources: ["resources.yaml", resourcesSchema],
  stats: ["stats.yaml", statsSchema],
  howItHappens: ["how-it-happens.yaml", howItHappensSchema],
  warningSigns: ["warning-signs.yaml", warningSignsSchema],
  steps: ["steps.yaml", stepsSchema],
  discussion: ["discussion.yaml", discussionSchema],
} as const;

/** The per-locale files, by name under data/locales/<locale>/. */
export const localeFiles = {
  ui: ["ui.yaml", uiFileSchema],
  text: ["content.yaml", localeContentSchema],
  review: ["review.yaml", reviewFileSchema],
} as const;

/** Files a locale may leave out: with no review.yaml, nothing in it has been reviewed. */
const optionalFiles: Record<string, unknown> = { "review.yaml": {} };

type Parsed<Files extends Record<string, readonly [string, z.ZodType]>> = {
  [K in keyof Files]: z.output<Files[K][1]>;
};
export type NeutralContent = Parsed<typeof contentFiles>;
export type LocaleData = Parsed<typeof localeFiles>;

export interface Content extends NeutralContent {
  dataDir: string;
  locales: Record<string, LocaleData>;
  /** Where each loaded file came from, so cross-checks can point at lines too. */
  sources: Record<string, YamlFile>;
}

export interface Loaded<T> {
  value?: T;
  problems: Problem[];
}

/** Read and parse a group of files; a value comes back only when every file parsed. */
function loadGroup<Files extends Record<string, readonly [string, z.ZodType]>>(
  dir: string,
  files: Files,
  sources: Record<string, YamlFile>,
): Loaded<Parsed<Files>> {
  const problems: Problem[] = [];
  const value: Record<string, unknown> = {};
  for (const [key, [name, schema]] of Object.entries(files)) {
    const path = join(dir, name);
    if (name in optionalFiles && !existsSync(path)) {
      value[key] = optionalFiles[name];
      continue;
    }
    const read = readYamlFile(path);
    problems.push(...read.problems);
    if (!read.yaml) continue;
    sources[displayPath(path)] = read.yaml;
    const parsed = parseWithSchema(read.yaml, schema);
    problems.push(...parsed.problems);
    if (parsed.problems.length === 0) value[key] = parsed.value;
  }
  return problems.length ? { problems } : { value: value as Parsed<Files>, problems };
}

export function localeDir(dataDir: string, locale: string) {
  return join(dataDir, "locales", locale);
}

/** The locale folders under data/locales/, split into those named with a language code and the others (reported, not read). */
function localeFolders(dataDir: string): { codes: string[]; misnamed: string[] } {
  const dir = join(dataDir, "locales");
  if (!existsSync(dir)) return { codes: [], misnamed: [] };
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return { codes: names.filter((name) => localeCodePattern.test(name)), misnamed: names.filter((name) => !localeCodePattern.test(name)) };
}

export function loadContent(dataDir: string): Loaded<Content> {
  const sources: Record<string, YamlFile> = {};
  const neutral = loadGroup(join(dataDir, "content"), contentFiles, sources);
  const problems = [...neutral.problems];
  const locales: Record<string, LocaleData> = {};
  const { codes, misnamed } = localeFolders(dataDir);
  for (const name of misnamed) {
    problems.push({
      severity: "error",
      file: displayPath(localeDir(dataDir, name)),
      path: [],
      message: `"${name}" is not a language code, so this folder is not read: name it with a code such as en, es or fr-CA`,
    });
  }
  if (codes.length === 0) {
    problems.push({
      severity: "error",
      file: displayPath(join(dataDir, "locales")),
      path: [],
      message: "no locale folders found (expected e.g. locales/en/)",
    });
  }
  for (const locale of codes) {
    const loaded = loadGroup(localeDir(dataDir, locale), localeFiles, sources);
    problems.push(...loaded.problems);
    if (loaded.value) locales[locale] = loaded.value;
  }
  if (problems.length || !neutral.value) return { problems };
  return { value: { ...neutral.value, dataDir, locales, sources }, problems };
}
