/**
 * npm run translations -- export LOCALE [FILE] | import LOCALE [FILE]: a
 * language's texts as a gettext PO file (FILE, by default LOCALE.po), the
 * format translation platforms and editors (Weblate, Crowdin, Poedit) read.
 * Each entry: msgctxt the text's key, msgid the English, msgstr the
 * translation, a reference to the English file and line, and `#, fuzzy`
 * while no fluent speaker has checked it (review.yaml). Import checks every
 * entry (placeholders as in the English, no new links or images), writes the
 * texts back into the language's YAML files in place, and records an entry
 * a translator has cleared of `fuzzy` as reviewed, by the file's
 * Last-Translator on its PO-Revision-Date. Exporting and importing with no
 * change leaves every file byte for byte as it was.
 * https://www.gnu.org/software/gettext/manual/html_node/PO-Files.html
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { po, type PoEntry, type PoTable } from "gettext-parser";
import { parseDocument } from "yaml";
import { localeTextsByKey, sourceLocale, sourceTextOf } from "../content/cross-check.ts";
import { loadContent, localeDir, type Content } from "../content/load.ts";
import { reviewedAgainst, sourceHash } from "../content/review.ts";
import { markdownProblems, placeholderProblem } from "../content/text-rules.ts";
import { displayPath } from "../content/yaml-file.ts";
import { formatProblem, type Problem } from "../infra/problems.ts";
import { CommandFailed, reportProblems, UsageError, type CommandContext } from "../infra/report.ts";

const REVIEW_FILE_HEADER = `# yaml-language-server: $schema=../../schemas/locale-review.schema.json
# Which texts a fluent speaker has checked, by whom and when, and a hash of the
# English each was checked against: written by npm run translations -- import.
`;

/** Where a key's text lives: ui.yaml (under strings) or content.yaml. */
function placeOf(content: Content, locale: string, key: string): { file: "ui.yaml" | "content.yaml"; path: string[] } {
  const first = key.split(".")[0]!;
  return first in content.locales[locale]!.text
    ? { file: "content.yaml", path: key.split(".") }
    : { file: "ui.yaml", path: ["strings", ...key.split(".")] };
}

function loaded(dataDir: string, locale: string, out: CommandContext["console"]) {
  const { value: content, problems } = loadContent(dataDir);
  if (!reportProblems(problems, out) || !content) throw new CommandFailed();
  const source = sourceLocale(content)!;
  if (!content.locales[locale]) throw new UsageError(`there is no language "${locale}" in ${displayPath(join(dataDir, "locales"))}`);
  if (locale === source) throw new UsageError(`${locale} is the source language: the others translate it`);
  return { content, source, english: localeTextsByKey(content, source)!, texts: localeTextsByKey(content, locale)! };
}

/** Whether the text is reviewed against the English as it is now. */
const isReviewed = (content: Content, locale: string, key: string, english: string) =>
  reviewedAgainst(content.locales[locale]!.review[key], english);

function exportPo(dataDir: string, locale: string, out: CommandContext["console"]): Buffer {
  const { content, source, english, texts } = loaded(dataDir, locale, out);
  const entries: Record<string, PoEntry> = {};
  for (const [key, text] of texts) {
    const original = sourceTextOf(english, key)!;
    const { file, path } = placeOf(content, source, key);
    const englishFile = displayPath(join(localeDir(dataDir, source), file));
    const line = content.sources[englishFile]?.lineOf(key.endsWith(".other") || english.has(key) ? path : [...path.slice(0, -1), "other"]);
    const plural = /\.(zero|one|two|few|many|other)$/.exec(key)?.[1];
    entries[key] = {
      msgctxt: key,
      msgid: original,
      msgstr: [text],
      comments: {
        reference: `${englishFile}${line ? `:${line}` : ""}`,
        ...(plural && { extracted: `plural form "${plural}" (Unicode CLDR) of a text with {count}` }),
        ...(!isReviewed(content, locale, key, original) && { flag: "fuzzy" }),
      },
    };
  }
  const table: PoTable = {
    charset: "utf-8",
    headers: {
      "Project-Id-Version": `Upstander content ${content.release.version}`,
      Language: locale,
      "MIME-Version": "1.0",
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Transfer-Encoding": "8bit",
      "X-Source-Language": source,
    },
    translations: Object.fromEntries(Object.entries(entries).map(([key, entry]) => [key, { [entry.msgid]: entry }])),
  };
  return po.compile(table, { foldLength: 0 });
}

/** Sets a value in a YAML file in place (comments and layout kept); returns whether anything changed. */
function setInYaml(document: ReturnType<typeof parseDocument>, path: string[], value: string): boolean {
  if (document.getIn(path) === value) return false;
  document.setIn(path, value);
  return true;
}

function importPo(dataDir: string, locale: string, file: string, out: CommandContext["console"]): string {
  const { content, source, english, texts } = loaded(dataDir, locale, out);
  const raw = readFileSync(file, "utf8");
  const lines = raw.split("\n");
  // The line of an entry's translation (its msgstr), for a problem with the text a translator wrote.
  const lineOf = (key: string) => {
    const start = lines.findIndex((line) => line === `msgctxt ${JSON.stringify(key)}`);
    if (start < 0) return undefined;
    const msgstr = lines.findIndex((line, i) => i > start && line.startsWith("msgstr"));
    return (msgstr < 0 ? start : msgstr) + 1;
  };
  const poFile = displayPath(file);
  const problems: Problem[] = [];
  const problem = (key: string, message: string) =>
    problems.push({ severity: "error", file: poFile, line: lineOf(key), path: [key], message, check: "translations" });
  let table: PoTable;
  try {
    table = po.parse(raw);
  } catch (error) {
    throw new UsageError(`${poFile} is not a PO file gettext can read: ${(error as Error).message.split("\n")[0]}`);
  }
  const translator = /^\s*([^<]*?)\s*(<|$)/.exec(table.headers["Last-Translator"] ?? "")?.[1] ?? "";
  const revised = /^\d{4}-\d{2}-\d{2}/.exec(table.headers["PO-Revision-Date"] ?? "")?.[0];
  const incoming = Object.values(table.translations)
    .flatMap((byId) => Object.values(byId))
    .filter((entry) => entry.msgctxt !== undefined);

  const updates: Array<{ key: string; text: string; reviewed: boolean }> = [];
  for (const entry of incoming) {
    const key = entry.msgctxt!;
    const text = entry.msgstr[0] ?? "";
    const original = sourceTextOf(english, key);
    if (!texts.has(key) || original === undefined) {
      problem(key, `no text "${key}" in ${locale}: export the file again from this version of the content`);
      continue;
    }
    if (entry.msgid !== original) {
      problem(key, "was translated from English that has changed since: export the file again and translate the new English");
      continue;
    }
    if (!text.trim()) {
      problem(key, "has no translation (msgstr is empty)");
      continue;
    }
    const placeholders = placeholderProblem(text, original);
    if (placeholders) problem(key, `${placeholders} (as the English does)`);
    const englishHosts = new Set([...original.matchAll(/\]\((https:\/\/[^/)]+)/g)].map(([, url]) => new URL(url!).hostname));
    for (const message of markdownProblems(text, englishHosts)) problem(key, message);
    updates.push({ key, text, reviewed: !(entry.comments?.flag ?? "").split(",").some((flag) => flag.trim() === "fuzzy") });
  }
  const newlyReviewed = updates.filter((u) => u.reviewed && !isReviewed(content, locale, u.key, sourceTextOf(english, u.key)!));
  if (newlyReviewed.length && (!translator || /FULL NAME/i.test(translator)))
    problems.push({
      severity: "error",
      file: poFile,
      path: ["Last-Translator"],
      message: `${newlyReviewed.length} entr${newlyReviewed.length === 1 ? "y is" : "ies are"} no longer fuzzy, so reviewed: name the fluent speaker who checked them in the header's Last-Translator`,
      check: "translations",
    });
  if (newlyReviewed.length && !revised)
    problems.push({
      severity: "error",
      file: poFile,
      path: ["PO-Revision-Date"],
      message: "give the date of the review as PO-Revision-Date (YYYY-MM-DD ...)",
      check: "translations",
    });
  if (problems.length) {
    for (const p of problems) out.error(formatProblem(p));
    throw new CommandFailed();
  }

  // Every entry is sound: write the texts in place, then the review status.
  const dir = localeDir(dataDir, locale);
  const documents = new Map<string, ReturnType<typeof parseDocument>>();
  const changed = new Set<string>();
  for (const { key, text } of updates) {
    const { file: name, path } = placeOf(content, locale, key);
    if (!documents.has(name)) documents.set(name, parseDocument(readFileSync(join(dir, name), "utf8")));
    if (setInYaml(documents.get(name)!, path, text)) changed.add(name);
  }
  const reviewPath = join(dir, "review.yaml");
  const review = parseDocument(existsSync(reviewPath) ? readFileSync(reviewPath, "utf8") : REVIEW_FILE_HEADER);
  let reviewChanged = false;
  for (const { key, text, reviewed } of updates) {
    const original = sourceTextOf(english, key)!;
    const was = content.locales[locale]!.review[key];
    const textChanged = text !== texts.get(key);
    if (reviewed && (textChanged || !isReviewed(content, locale, key, original))) {
      review.setIn([key], { by: translator, on: revised, source: sourceHash(original) });
      reviewChanged = true;
    } else if (!reviewed && was) {
      review.deleteIn([key]);
      reviewChanged = true;
    }
  }
  for (const name of changed) writeFileSync(join(dir, name), documents.get(name)!.toString({ lineWidth: 0 }));
  if (reviewChanged) writeFileSync(reviewPath, review.toString({ lineWidth: 0 }));
  const reviewedNow = updates.filter((u) => u.reviewed).length;
  return `translations: ${updates.length} ${locale} texts read from ${poFile}; ${changed.size + (reviewChanged ? 1 : 0)} file(s) changed; ${reviewedNow} reviewed by a fluent speaker (source ${source})`;
}

export async function translations(args: string[], { dataDir, console: out }: CommandContext): Promise<void> {
  const [action, locale, file] = args;
  if ((action !== "export" && action !== "import") || !locale)
    throw new UsageError("write npm run translations -- export LOCALE [FILE] or npm run translations -- import LOCALE [FILE]");
  const path = resolve(file ?? `${locale}.po`);
  if (action === "export") {
    writeFileSync(path, exportPo(dataDir, locale, out));
    out.log(`translations: ${locale} written to ${displayPath(path)}`);
    return;
  }
  if (!existsSync(path))
    throw new UsageError(`${displayPath(path)} does not exist; export it first with npm run translations -- export ${locale}`);
  out.log(importPo(dataDir, locale, path, out));
}
