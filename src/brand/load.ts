/**
 * Finds, parses and checks brand packs. A pack is a folder with brand.yaml;
 * shipped ones live under data/brands/, any other folder can be named by path.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { extname, isAbsolute, join, relative, resolve } from "node:path";
import { flattenKeys } from "../content/cross-check.ts";
import { closestMatch } from "../content/suggest.ts";
import type { Content } from "../content/load.ts";
import { stepGroups, type PaperFamily } from "../content/schemas.ts";
import { displayPath, parseWithSchema, readYamlFile, type YamlFile } from "../content/yaml-file.ts";
import { errorsIn, type Problem } from "../content/problems.ts";
import { pageGeometry } from "../print/paper.ts";
import { planPrints } from "../print/plan.ts";
import { contrastRatio, MIN_TEXT_CONTRAST, nearestPassingColour } from "./contrast.ts";
import { MIN_PRINT_DPI, PRINT_DPI, printDpi, readLogo, type LogoImage } from "./logo.ts";
import { brandSchema, materialIds, type BrandFile, type MaterialId } from "./schema.ts";

export interface Brand extends Omit<BrandFile, "paper" | "materials"> {
  dir: string;
  paper: PaperFamily;
  materials: MaterialId[];
  logoImage: LogoImage;
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
  const problems = checkBrand(file, read.yaml, content);
  const logo = checkLogo(file, dir, read.yaml);
  problems.push(...logo.problems);
  if (problems.some((p) => p.severity === "error") || !logo.image) return { problems };
  const region = content.regions[file.region]!;
  const brand: Brand = {
    ...file,
    dir,
    paper: file.paper ?? region.paper,
    materials: file.materials ?? [...materialIds],
    logoImage: logo.image,
  };
  problems.push(...checkLogoResolution(brand, read.yaml));
  return { value: errorsIn(problems).length ? undefined : brand, problems };
}

type AddProblem = (path: Array<string | number>, message: string, severity?: Problem["severity"]) => void;

function problemAdder(problems: Problem[], yaml: YamlFile): AddProblem {
  return (path, message, severity = "error") => problems.push({ severity, file: yaml.file, line: yaml.lineOf(path), path, message });
}

/** The logo must be an SVG or PNG inside the pack; an SVG comes back sanitised, with what was taken out. */
function checkLogo(brand: BrandFile, dir: string, yaml: YamlFile): { image?: LogoImage; problems: Problem[] } {
  const problems: Problem[] = [];
  const add = problemAdder(problems, yaml);
  const path = resolve(dir, brand.logo);
  const insidePack = !isAbsolute(brand.logo) && !relative(dir, path).startsWith("..");
  if (!insidePack) add(["logo"], `must be a file inside the brand folder (${displayPath(dir)}), not "${brand.logo}": copy the logo into the folder and give its name, e.g. logo.svg`);
  else if (![".svg", ".png"].includes(extname(path).toLowerCase())) add(["logo"], `must be an .svg or .png file, not "${brand.logo}": export the logo as SVG (best) or PNG`);
  else if (!existsSync(path) || !statSync(path).isFile()) add(["logo"], `file not found: ${displayPath(path)}; put the logo in the brand folder or correct the name`);
  if (problems.length) return { problems };
  const logo = readLogo(path);
  if (logo.problem) add(["logo"], `${brand.logo} ${logo.problem}`);
  for (const removed of logo.removed) {
    add(["logo"], `removed ${removed} from ${brand.logo}: a logo may not run code or load files from elsewhere, so the built pages use a cleaned copy`, "warning");
  }
  return { image: logo.image, problems };
}

/** A PNG must have enough pixels for the largest size it prints at (SVGs are sharp at any size). */
function checkLogoResolution(brand: Brand, yaml: YamlFile): Problem[] {
  const image = brand.logoImage;
  const largest = planPrints(brand)
    .map((print) => pageGeometry(print.size, false))
    .sort((a, b) => b.logoHeight - a.logoHeight)[0];
  if (image.format !== "png" || !largest) return [];
  const dpi = printDpi(image, largest.logoHeight);
  if (dpi >= PRINT_DPI) return [];
  const neededHeight = Math.ceil((largest.logoHeight / 25.4) * PRINT_DPI);
  const neededWidth = Math.ceil((neededHeight * image.width) / image.height);
  const problems: Problem[] = [];
  problemAdder(problems, yaml)(
    ["logo"],
    `${brand.logo} is ${image.width} × ${image.height} px: on the ${largest.size.toUpperCase()} ${largest.size === "a4" || largest.size === "letter" ? "page" : "poster"} it prints ${largest.logoHeight.toFixed(1)} mm tall, ` +
      `which is ${Math.floor(dpi)} dpi; sharp print needs ${PRINT_DPI} dpi: export it at least ${neededWidth} × ${neededHeight} px, or use an SVG` +
      (dpi < MIN_PRINT_DPI ? ` (below ${MIN_PRINT_DPI} dpi it prints visibly blurred)` : ""),
    dpi < MIN_PRINT_DPI ? "error" : "warning",
  );
  return problems;
}

function checkBrand(brand: BrandFile, yaml: YamlFile, content: Content): Problem[] {
  const problems: Problem[] = [];
  const add = problemAdder(problems, yaml);
  const available = Object.keys(content.locales);

  if (!content.regions[brand.region]) add(["region"], `Upstander has no contacts for region "${brand.region}" yet`);

  brand.locales.forEach((locale, i) => {
    if (!available.includes(locale)) add(["locales", i], `there is no content in "${locale}"; available: ${available.join(", ")}`);
  });

  // The pairs the templates set text in: body text on the background, and
  // the background colour on primary (headers), which is also primary on the
  // background (links, headings, figures): contrast is symmetric.
  const { text, background, primary } = brand.colors;
  // `change` is the colour the owner should adjust; the suggestion keeps the other one.
  const pairs = [
    { path: ["colors", "text"], what: `text on background (${text} on ${background})`, change: "text", colour: text, against: background },
    { path: ["colors", "primary"], what: `text on primary (${background} on ${primary}, also ${primary} links on ${background})`, change: "primary", colour: primary, against: background },
  ];
  for (const { path, what, change, colour, against } of pairs) {
    const ratio = contrastRatio(colour, against);
    if (ratio >= MIN_TEXT_CONTRAST) continue;
    add(path, `contrast of ${what} is ${ratio.toFixed(2)}:1; WCAG AA needs at least ${MIN_TEXT_CONTRAST}:1: try a ${change} colour such as "${nearestPassingColour(colour, against)}"`);
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
      const meant = keys.has(key) ? undefined : closestMatch(key, [...keys]);
      if (!keys.has(key)) add(["overrides", locale, key], `there is no text with the key "${key}"${meant ? `: did you mean "${meant}"?` : `; keys are listed in data/locales/${locale}/`}`);
      else if (!value.trim() && isLockedKey(key, content)) add(["overrides", locale, key], `"${key}" is a locked safety step: it may be reworded but not emptied; write your wording, or remove the override to keep the default`);
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
