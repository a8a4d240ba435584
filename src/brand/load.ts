/**
 * Finds, parses and checks brand packs. A pack is a folder with brand.yaml;
 * shipped ones live under data/brands/, any other folder can be named by path.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { localeTextsByKey } from "../content/cross-check.ts";
import { checkPhone } from "../content/phone.ts";
import { lettersInScript, markdownProblems, placeholderProblem, visibleText } from "../content/text-rules.ts";
import { closestMatch } from "../content/suggest.ts";
import type { Content } from "../content/load.ts";
import { stepGroups, type PaperFamily } from "../content/schemas.ts";
import { displayPath, parseWithSchema, readYamlFile, type YamlFile } from "../content/yaml-file.ts";
import { errorsIn, type Problem } from "../infra/problems.ts";
import { geometryFor, planPrints } from "../materials/plan.ts";
import type { z } from "zod";
import { isCmykProfile } from "./icc-profile.ts";
import { contrastRatio, MIN_TEXT_CONTRAST, nearestPassingColour } from "./contrast.ts";
import { tintColours, tintUses } from "./design-tokens.ts";
import { MIN_PRINT_DPI, PRINT_DPI, printDpi, readLogo, type LogoImage } from "./logo.ts";
import { PLACEHOLDERS } from "./new-pack.ts";
import { printableIds, type PrintableId } from "../materials/registry.ts";
import { brandSchema, type BrandFile } from "./schema.ts";

export interface Brand extends Omit<BrandFile, "paper" | "materials"> {
  dir: string;
  paper: PaperFamily;
  materials: PrintableId[];
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

/**
 * The fields of a brand.yaml that are valid on their own: when the file as a
 * whole fails its schema, the checks still run on these, so one wrong field
 * does not hide the contrast, logo or contact problems of the others.
 */
function validFields(data: unknown): Partial<BrandFile> {
  if (data === null || typeof data !== "object") return {};
  const fields: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(brandSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse((data as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) fields[key] = parsed.data;
  }
  return fields as Partial<BrandFile>;
}

export function loadBrand(dir: string, content: Content): { value?: Brand; problems: Problem[] } {
  const read = readYamlFile(join(dir, "brand.yaml"));
  if (!read.yaml) return { problems: read.problems };
  const parsed = parseWithSchema(read.yaml, brandSchema);
  const fields = parsed.value ?? validFields(read.yaml.data);
  const problems = [...parsed.problems, ...checkBrand(fields, read.yaml, content)];
  const logo = fields.logo === undefined ? { problems: [] } : checkLogo(fields as Pick<BrandFile, "logo">, dir, read.yaml);
  problems.push(...logo.problems);
  if (fields.press) problems.push(...checkPressProfile(fields.press.profile, dir, read.yaml));
  const file = parsed.value;
  if (!file || problems.some((p) => p.severity === "error") || !logo.image) return { problems };
  const region = content.regions[file.region]!;
  const brand: Brand = {
    ...file,
    dir,
    paper: file.paper ?? region.paper,
    materials: file.materials ?? [...printableIds],
    logoImage: logo.image,
  };
  problems.push(...checkLogoResolution(brand, read.yaml));
  return { value: errorsIn(problems).length ? undefined : brand, problems };
}

type AddProblem = (path: Array<string | number>, message: string, severity?: Problem["severity"], kind?: Problem["kind"]) => void;

function problemAdder(problems: Problem[], yaml: YamlFile): AddProblem {
  return (path, message, severity = "error", kind) =>
    problems.push({ severity, file: yaml.file, line: yaml.lineOf(path), path, message, ...(kind && { kind }) });
}

/** A press profile must be a CMYK ICC profile inside the pack. */
function checkPressProfile(profile: string, dir: string, yaml: YamlFile): Problem[] {
  const problems: Problem[] = [];
  const add = problemAdder(problems, yaml);
  const path = resolve(dir, profile);
  if (!path.startsWith(resolve(dir) + sep)) add(["press", "profile"], `must be a file in the brand's folder, not ${profile}`);
  else if (!existsSync(path)) add(["press", "profile"], `${profile} is not in the brand's folder: copy the print shop's .icc file there`);
  else if (!isCmykProfile(readFileSync(path)))
    add(["press", "profile"], `${profile} is not a CMYK ICC profile: ask the print shop for the CMYK profile of their press`);
  return problems;
}

/** The logo must be an SVG or PNG inside the pack; an SVG comes back sanitised, with what was taken out. */
function checkLogo(brand: Pick<BrandFile, "logo">, dir: string, yaml: YamlFile): { image?: LogoImage; problems: Problem[] } {
  const problems: Problem[] = [];
  const add = problemAdder(problems, yaml);
  const path = resolve(dir, brand.logo);
  const insidePack = !isAbsolute(brand.logo) && !relative(dir, path).startsWith("..");
  if (!insidePack)
    add(
      ["logo"],
      `must be a file inside the brand folder (${displayPath(dir)}), not "${brand.logo}": copy the logo into the folder and give its name, e.g. logo.svg`,
    );
  else if ([".jpg", ".jpeg"].includes(extname(path).toLowerCase())) {
    const png = brand.logo.replace(/\.jpe?g$/i, ".png");
    add(
      ["logo"],
      `${brand.logo} is a JPEG, which blurs text and edges in print: save it as PNG (an image editor's Export as PNG, or in the Upstander folder: node -e "require('sharp')('${path}').png().toFile('${resolve(dir, png)}')"), then write logo: ${png}`,
    );
  } else if (![".svg", ".png"].includes(extname(path).toLowerCase()))
    add(["logo"], `must be an .svg or .png file, not "${brand.logo}": export the logo as SVG (best) or PNG`);
  else if (!existsSync(path)) add(["logo"], `file not found: ${displayPath(path)}; put the logo in the brand folder or correct the name`);
  else if (lstatSync(path).isSymbolicLink() && relative(realpathSync(dir), realpathSync(path)).startsWith("..")) {
    add(
      ["logo"],
      `${brand.logo} is a link to a file outside the brand folder (${realpathSync(path)}); copy the logo itself into the folder`,
    );
  } else if (statSync(path).isDirectory()) add(["logo"], `${brand.logo} is a folder, not a file; give the logo file's name`);
  else if (!statSync(path).isFile()) add(["logo"], `${brand.logo} is not an ordinary file; give the logo file's name`);
  if (problems.length) return { problems };
  const logo = readLogo(path);
  if (logo.problem) add(["logo"], `${brand.logo} ${logo.problem}`);
  if (logo.image?.svg?.includes(PLACEHOLDERS.logoNote))
    add(
      ["logo"],
      `${brand.logo} is still the placeholder new-brand wrote: put your own logo in the pack folder (SVG best, or PNG)`,
      "error",
      "placeholder",
    );
  // A logo is an image: its text is drawn in whatever font the viewer's or printer's machine has.
  if (logo.image?.svg && /<text\b/.test(logo.image.svg)) {
    add(
      ["logo"],
      `${brand.logo} draws letters as text (<text>), which print in whatever font the machine has, not your logo's: convert the text to outlines (in Inkscape: Path > Object to Path; in Illustrator: Type > Create Outlines) and export it again`,
    );
  }
  for (const removed of logo.removed) {
    add(
      ["logo"],
      `removed ${removed} from ${brand.logo}: a logo may not run code or load files from elsewhere, so the built pages use a cleaned copy`,
      "warning",
    );
  }
  return { image: logo.image, problems };
}

/** A PNG must have enough pixels for the largest size it prints at (SVGs are sharp at any size). */
function checkLogoResolution(brand: Brand, yaml: YamlFile): Problem[] {
  const image = brand.logoImage;
  const largest = planPrints(brand)
    .map((print) => ({ material: print.material, ...geometryFor(print, false) }))
    .sort((a, b) => b.logoHeight - a.logoHeight)[0];
  if (image.format !== "png" || !largest) return [];
  const dpi = printDpi(image, largest.logoHeight);
  if (dpi >= PRINT_DPI) return [];
  const neededHeight = Math.ceil((largest.logoHeight / 25.4) * PRINT_DPI);
  const neededWidth = Math.ceil((neededHeight * image.width) / image.height);
  const problems: Problem[] = [];
  problemAdder(problems, yaml)(
    ["logo"],
    `${brand.logo} is ${image.width} × ${image.height} px: on the ${largest.material} (${largest.size.toUpperCase()}) it prints ${largest.logoHeight.toFixed(1)} mm tall, ` +
      `which is ${Math.floor(dpi)} dpi; sharp print needs ${PRINT_DPI} dpi: export it at least ${neededWidth} × ${neededHeight} px, or use an SVG` +
      (dpi < MIN_PRINT_DPI ? ` (below ${MIN_PRINT_DPI} dpi it prints visibly blurred)` : ""),
    dpi < MIN_PRINT_DPI ? "error" : "warning",
  );
  return problems;
}

function checkBrand(brand: Partial<BrandFile>, yaml: YamlFile, content: Content): Problem[] {
  const problems: Problem[] = [];
  const add = problemAdder(problems, yaml);
  const available = Object.keys(content.locales);
  const locales = brand.locales ?? [];

  if (brand.region && !content.regions[brand.region]) add(["region"], `Upstander has no contacts for region "${brand.region}" yet`);

  locales.forEach((locale, i) => {
    if (!available.includes(locale)) add(["locales", i], `there is no content in "${locale}"; available: ${available.join(", ")}`);
  });
  (brand.parentFlyer?.pairs ?? []).forEach((pair, i) => {
    pair.forEach((locale, j) => {
      if (!locales.includes(locale))
        add(["parentFlyer", "pairs", i, j], `"${locale}" is not one of the brand's locales (${locales.join(", ")})`);
    });
    if (pair[0] === pair[1]) add(["parentFlyer", "pairs", i], `pairs ${pair[0]} with itself: a flyer pairs two languages`);
  });

  if (brand.colors) checkColours(brand.colors, add);
  if (!brand.example) checkUnfinished(brand, add);

  const needsEveryLocale = (path: Array<string | number>, texts: Record<string, string> | undefined) => {
    for (const locale of locales) {
      if (texts && !texts[locale]) add([...path], `missing the ${locale} text (the brand lists ${locale} in locales)`);
    }
  };
  (brand.contacts ?? []).forEach((contact, i) => {
    if (contact.phone && brand.region) {
      const phone = checkPhone(contact.phone, brand.region);
      if (phone.problem) add(["contacts", i, "phone"], phone.problem);
      else if (phone.fictional && !brand.example)
        add(
          ["contacts", i, "phone"],
          `"${contact.phone}" is in a range reserved for drama and fiction: it never connects; give the number the service publishes`,
          "warning",
        );
    }
    needsEveryLocale(["contacts", i, "name"], contact.name);
    needsEveryLocale(["contacts", i, "description"], contact.description);
  });
  needsEveryLocale(["footer"], brand.footer);

  const seen = new Set<string>();
  locales.forEach((locale, i) => {
    if (seen.has(locale)) add(["locales", i], `${locale} is listed twice; list each language once`);
    seen.add(locale);
  });

  const allowedHosts = linkHosts(brand, content);
  for (const [locale, overrides] of Object.entries(brand.overrides ?? {})) {
    if (brand.locales && !locales.includes(locale))
      add(["overrides", locale], `"${locale}" is not one of the brand's locales (${locales.join(", ")})`);
    const texts = localeTextsByKey(content, locale);
    if (!texts) continue;
    let unknown = 0;
    for (const [key, value] of Object.entries(overrides)) {
      const path = ["overrides", locale, key];
      const original = texts.get(key);
      if (original === undefined) {
        // Suggestions cost a comparison with every key: give them for the first few only, so a huge file stays quick.
        if (++unknown <= MAX_SUGGESTIONS) {
          const meant = closestMatch(key, [...texts.keys()]);
          add(
            path,
            `there is no text with the key "${key}"${meant ? `: did you mean "${meant}"?` : `; keys are listed in data/locales/${locale}/`}`,
          );
        }
        continue;
      }
      for (const problem of overrideProblems(key, value, original, locale, isLockedKey(key, content), allowedHosts)) add(path, problem);
    }
    if (unknown > MAX_SUGGESTIONS)
      add(
        ["overrides", locale],
        `and ${unknown - MAX_SUGGESTIONS} more keys that do not exist; keys are listed in data/locales/${locale}/`,
      );
  }
  return problems;
}

/**
 * Text and link colours against every background the site and print set
 * them on: the page, the header band (the background colour on primary:
 * contrast is symmetric) and each tinted box (design-tokens.ts). A
 * suggestion passes against all of them.
 */
function checkColours({ text, background, primary }: BrandFile["colors"], add: AddProblem): void {
  const backgrounds = [
    { colour: background, name: "the background" },
    ...Object.entries(tintColours).map(([token, colour]) => ({ colour, name: tintUses[token as keyof typeof tintColours] })),
  ];
  // `change` is the colour the owner should adjust; the suggestion keeps the backgrounds.
  const colours = [
    { path: ["colors", "text"], change: "text", colour: text, what: "text" },
    {
      path: ["colors", "primary"],
      change: "primary",
      colour: primary,
      what: "primary (links, headings, and the header band behind the background colour)",
    },
  ];
  for (const { path, change, colour, what } of colours) {
    const worst = backgrounds.map((b) => ({ ...b, ratio: contrastRatio(colour, b.colour) })).sort((a, b) => a.ratio - b.ratio)[0]!;
    if (worst.ratio >= MIN_TEXT_CONTRAST) continue;
    const suggestion = nearestPassingColour(
      colour,
      backgrounds.map((b) => b.colour),
    );
    add(
      path,
      `contrast of ${what} on ${worst.name} (${colour} on ${worst.colour}) is ${worst.ratio.toFixed(2)}:1; WCAG AA needs at least ${MIN_TEXT_CONTRAST}:1: try a ${change} colour such as "${suggestion}", which passes on every background it is used on`,
    );
  }
}

/** Top-level domains and domains reserved for examples and tests (RFC 2606, RFC 6761): never a real address. */
const RESERVED_DOMAIN = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;

/**
 * What a pack must not print unless it is a marked example: addresses on
 * reserved example domains, new-brand's placeholder texts, and text left in
 * English (the first locale) in another language's field.
 */
function checkUnfinished(brand: Partial<BrandFile>, add: AddProblem): void {
  const reserved = (path: Array<string | number>, address: string | undefined, host: string | undefined) => {
    if (address && host && RESERVED_DOMAIN.test(host))
      add(path, `${address} is on a domain reserved for examples, so it reaches no one: give your real address, or leave the field out`);
  };
  reserved(["website"], brand.website, brand.website && new URL(brand.website).hostname);
  (brand.contacts ?? []).forEach((contact, i) => {
    reserved(["contacts", i, "url"], contact.url, contact.url && new URL(contact.url).hostname);
    reserved(["contacts", i, "email"], contact.email, contact.email?.split("@")[1]);
  });
  const placeholders = new Set<string>(Object.values(PLACEHOLDERS));
  type Texts = [Array<string | number>, Record<string, string> | undefined];
  const contactTexts = (brand.contacts ?? []).flatMap((contact, i): Texts[] => [
    [["contacts", i, "name"], contact.name],
    [["contacts", i, "description"], contact.description],
  ]);
  const texts: Texts[] = [
    [["footer"], brand.footer],
    ...Object.entries(brand.overrides ?? {}).map(([locale, overrides]): Texts => [["overrides", locale], overrides]),
    ...contactTexts,
  ];
  for (const [path, values] of texts) {
    for (const [key, value] of Object.entries(values ?? {})) {
      if (placeholders.has(value.trim()))
        add([...path, key], `"${value}" is still the example new-brand wrote: write your own, or delete the line`);
    }
  }
  // A sentence (four words or more) the same in the first locale and another was not translated.
  const [first, ...others] = brand.locales ?? [];
  for (const [path, values] of [[["footer"], brand.footer] as Texts, ...contactTexts]) {
    const original = first && values?.[first];
    for (const locale of others) {
      if (original && values?.[locale] === original && original.trim().split(/\s+/).length >= 4) {
        add([...path, locale], `is the same as the ${first} text; write it in ${locale} (a translation no one has checked should say so)`);
      }
    }
  }
}
const MAX_SUGGESTIONS = 20;
/** Letters a locked step's wording needs at the least: enough for a word, so it cannot be blanked with symbols. */
const MIN_LOCKED_LETTERS = 3;

/** Everything wrong with one override of `original` (the text it replaces). */
function overrideProblems(
  key: string,
  value: string,
  original: string,
  locale: string,
  locked: boolean,
  allowedHosts: ReadonlySet<string>,
): string[] {
  if (!visibleText(value).trim()) {
    return [
      locked
        ? `"${key}" is a locked safety step: it may be reworded but not emptied (invisible characters count as empty); write your wording, or remove the override to keep the default`
        : "must not be empty (invisible characters count as empty)",
    ];
  }
  const problems: string[] = [];
  if (locked && lettersInScript(value, locale) < MIN_LOCKED_LETTERS) {
    problems.push(`"${key}" is a locked safety step: its wording needs words in the language's own script, not only symbols or numbers`);
  }
  const placeholders = placeholderProblem(value, original);
  if (placeholders) problems.push(placeholders);
  problems.push(...markdownProblems(value, allowedHosts));
  return problems;
}

/** The hosts a brand's text may link to: its own website and every service its materials list. */
function linkHosts(brand: Partial<BrandFile>, content: Content): Set<string> {
  const urls = [
    brand.website,
    ...(brand.contacts ?? []).map((c) => c.url),
    ...content.contacts.map((c) => c.url),
    ...content.resources.map((r) => r.url),
    ...content.stats.map((s) => s.url),
  ];
  return new Set(urls.flatMap((url) => (url ? [new URL(url).hostname] : [])));
}

function isLockedKey(key: string, content: Content): boolean {
  const [section, group, id] = key.split(".");
  if (section !== "steps") return false;
  const steps = stepGroups.find((g) => g === group) ? content.steps[group as (typeof stepGroups)[number]] : [];
  return steps.some((step) => step.id === id && step.locked);
}
