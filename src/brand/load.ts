/**
 * Finds, parses and checks brand packs. A pack is a folder with brand.yaml;
 * shipped ones live under data/brands/, any other folder can be named by path.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { extname, isAbsolute, join, relative, resolve } from "node:path";
import { flattenKeys } from "../content/cross-check.ts";
import type { Content } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";
import { stepGroups, type PaperFamily } from "../content/schemas.ts";
import { displayPath, parseWithSchema, readYamlFile, type YamlFile } from "../content/yaml-file.ts";
import { contrastRatio, MIN_TEXT_CONTRAST } from "./contrast.ts";
import { brandSchema, materialIds, type BrandFile, type MaterialId } from "./schema.ts";

export interface Brand extends Omit<BrandFile, "paper" | "materials"> {
  dir: string;
  paper: PaperFamily;
  materials: MaterialId[];
  logoPath: string;
}

export const brandsDir = (dataDir: string) => join(dataDir, "brands");

/** Every shipped brand folder, sorted by id. */
export function shippedBrandDirs(dataDir: string): string[] {
  const dir = brandsDir(dataDir);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "brand.yaml")))
    .map((entry) => join(dir, entry.name))
    .sort();
}

/** `--brand northshire` names a shipped pack; anything with a slash, or an existing folder, is a path. */
export function resolveBrandDir(dataDir: string, idOrPath: string): string {
  const looksLikePath = idOrPath.includes("/") || idOrPath.includes("\\") || idOrPath.startsWith(".");
  if (looksLikePath || (existsSync(idOrPath) && statSync(idOrPath).isDirectory())) return resolve(idOrPath);
  return join(brandsDir(dataDir), idOrPath);
}

export function loadBrand(dir: string, content: Content): { value?: Brand; problems: Problem[] } {
  const read = readYamlFile(join(dir, "brand.yaml"));
  if (!read.yaml) return { problems: read.problems };
  const parsed = parseWithSchema(read.yaml, brandSchema);
  if (!parsed.value) return { problems: parsed.problems };
  const file = parsed.value;
  const problems = checkBrand(file, dir, read.yaml, content);
  if (problems.some((p) => p.severity === "error")) return { problems };
  const region = content.regions[file.region]!;
  return {
    value: {
      ...file,
      dir,
      paper: file.paper ?? region.paper,
      materials: file.materials ?? [...materialIds],
      logoPath: resolve(dir, file.logo),
    },
    problems,
  };
}

function checkBrand(brand: BrandFile, dir: string, yaml: YamlFile, content: Content): Problem[] {
  const problems: Problem[] = [];
  const add = (path: Array<string | number>, message: string, severity: Problem["severity"] = "error") =>
    problems.push({ severity, file: yaml.file, line: yaml.lineOf(path), path, message });
  const available = Object.keys(content.locales);

  if (!content.regions[brand.region]) add(["region"], `Upstander has no contacts for region "${brand.region}" yet`);

  brand.locales.forEach((locale, i) => {
    if (!available.includes(locale)) add(["locales", i], `there is no content in "${locale}"; available: ${available.join(", ")}`);
  });

  const logo = resolve(dir, brand.logo);
  const insidePack = !isAbsolute(brand.logo) && !relative(dir, logo).startsWith("..");
  if (!insidePack) add(["logo"], `must be a file inside the brand folder (${displayPath(dir)}), not "${brand.logo}"`);
  else if (![".svg", ".png"].includes(extname(logo).toLowerCase())) add(["logo"], `must be an .svg or .png file, not "${brand.logo}"`);
  else if (!existsSync(logo)) add(["logo"], `file not found: ${displayPath(logo)}`);

  const pairs = [
    { path: ["colors", "text"], fg: brand.colors.text, bg: brand.colors.background, what: "text on background" },
    { path: ["colors", "primary"], fg: brand.colors.background, bg: brand.colors.primary, what: "background-coloured text on primary (headers, buttons)" },
  ];
  for (const { path, fg, bg, what } of pairs) {
    const ratio = contrastRatio(fg, bg);
    if (ratio < MIN_TEXT_CONTRAST) {
      add(path, `contrast of ${what} is ${ratio.toFixed(2)}:1 (${fg} on ${bg}); WCAG AA needs at least ${MIN_TEXT_CONTRAST}:1`);
    }
  }

  const needsEveryLocale = (path: Array<string | number>, texts: Record<string, string> | undefined) => {
    for (const locale of brand.locales) {
      if (texts && !texts[locale]) add([...path], `missing the ${locale} text (the brand lists ${locale} in locales)`);
    }
  };
  brand.contacts.forEach((contact, i) => {
    needsEveryLocale(["contacts", i, "name"], contact.name);
    needsEveryLocale(["contacts", i, "description"], contact.description);
  });
  needsEveryLocale(["footer"], brand.footer);

  for (const [locale, overrides] of Object.entries(brand.overrides)) {
    if (!brand.locales.includes(locale)) add(["overrides", locale], `"${locale}" is not one of the brand's locales (${brand.locales.join(", ")})`);
    const data = content.locales[locale];
    if (!data) continue;
    const keys = new Set([...flattenKeys(data.ui.strings), ...flattenKeys(data.text as never)]);
    for (const [key, value] of Object.entries(overrides)) {
      if (!keys.has(key)) add(["overrides", locale, key], `there is no text with the key "${key}"`);
      else if (!value.trim() && isLockedKey(key, content)) add(["overrides", locale, key], `"${key}" is a locked safety step: it may be reworded but not emptied`);
      else if (!value.trim()) add(["overrides", locale, key], "must not be empty");
    }
  }
  return problems;
}

function isLockedKey(key: string, content: Content): boolean {
  const [section, group, id] = key.split(".");
  if (section !== "steps") return false;
  const steps = stepGroups.find((g) => g === group) ? content.steps[group as (typeof stepGroups)[number]] : [];
  return steps.some((step) => step.id === id && step.locked);
}
