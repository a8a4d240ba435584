/**
 * Rules for text a brand or translator writes: what counts as visible
 * text, which {placeholders} it must keep, and what Markdown it may hold.
 * Used by the content cross-checks and the brand checks alike.
 */
import { PLACEHOLDER } from "./format.ts";

/** Invisible and format characters (zero-width spaces, joiners, BOM), controls, and every kind of space or line separator. */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Z}]/gu;
/** Markdown syntax that draws nothing itself: emphasis, headings, quotes, list markers, link targets. */
const MARKDOWN_SYNTAX = /!?\[([^\]]*)\]\([^)]*\)|[*_`#>~|\\[\]]|^\s*(?:[-+]|\d+[.)])\s/gm;

/** The text a reader would actually see, with Markdown syntax and invisible characters removed. */
export function visibleText(text: string): string {
  return text.replace(MARKDOWN_SYNTAX, "$1").replace(INVISIBLE, "");
}

/** The script a locale is written in (Latn, Arab, Cyrl...), from Unicode's likely-subtags data through Intl. */
function scriptOf(locale: string): string {
  try {
    return new Intl.Locale(locale).maximize().script ?? "Latn";
  } catch {
    return "Latn";
  }
}

/** How many letters of the locale's own script the visible text holds. */
export function lettersInScript(text: string, locale: string): number {
  return (
    visibleText(text)
      .match(new RegExp(`\\p{Script=${scriptOf(locale)}}`, "gu"))
      ?.filter((c) => /\p{L}/u.test(c)).length ?? 0
  );
}

export const placeholdersIn = (text: string): Set<string> =>
  new Set([...text.matchAll(new RegExp(PLACEHOLDER, "g"))].map((match) => match[1]!));

/**
 * What is wrong with a text's {placeholders} against the text it replaces or
 * translates: the build fills exactly those, so a new one cannot be filled
 * and a missing one loses a fact (a version, a date, a number).
 */
export function placeholderProblem(text: string, reference: string): string | undefined {
  const expected = placeholdersIn(reference);
  const found = placeholdersIn(text);
  const unknown = [...found].filter((name) => !expected.has(name));
  const missing = [...expected].filter((name) => !found.has(name));
  const list = (names: string[]) => names.map((name) => `{${name}}`).join(", ");
  const allowed = expected.size ? `it has ${list([...expected])}` : "it has none";
  if (unknown.length)
    return `uses ${list(unknown)}, which this text cannot fill (${allowed}); remove ${unknown.length > 1 ? "them" : "it"} or write the words out`;
  if (missing.length)
    return `leaves out ${list(missing)}, which this text must show; keep ${missing.length > 1 ? "them" : "it"} (in curly brackets) where the value belongs`;
  return undefined;
}

const LINK = /(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]*)>?[^)]*\)/g;

/**
 * Markdown a brand's override may not hold: images (they would load from
 * elsewhere) and links to hosts other than the allowed ones (the brand's own
 * website and the services it lists).
 */
export function markdownProblems(text: string, allowedHosts: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (/!\[/.test(text) || /<img/i.test(text)) problems.push("holds an image (![...](...)); text may not show images: remove it");
  for (const [, target] of text.matchAll(LINK)) {
    if (!target || target.startsWith("#") || /^(mailto|tel):/i.test(target)) continue;
    let host: string | undefined;
    try {
      const url = new URL(target);
      host = url.protocol === "https:" ? url.hostname : undefined;
    } catch {
      host = undefined;
    }
    if (!host || !allowedHosts.has(host)) {
      problems.push(`links to ${target}; links may go only to your own website or to a help service the materials list, over https`);
    }
  }
  return problems;
}

/** Backslash-escapes Markdown punctuation, so a value set into Markdown (a brand's name) stays plain text. */
export const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, "\\$&");
