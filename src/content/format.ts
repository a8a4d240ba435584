/**
 * Locale-aware formatting of facts: numbers, dates, opening hours, phone
 * numbers. Words come from the locale's strings; shapes come from Intl.
 */
import type { Dictionary, Hours, Stat } from "./schemas.ts";
import { weekdays } from "./schemas.ts";

/** Look up a dotted key in a dictionary: a text, a group of texts, or undefined. */
const lookup = (dictionary: Dictionary, key: string) =>
  key
    .split(".")
    .reduce<string | Dictionary | undefined>((node, part) => (node && typeof node === "object" ? node[part] : undefined), dictionary);

export type Params = Record<string, string | number>;

/** A {placeholder} in a text: the source of its pattern, for a RegExp with the flags a caller needs. */
export const PLACEHOLDER = String.raw`\{([a-z-]+)\}`;

/** Fill {placeholders}; an unknown placeholder is a bug in a template, so it throws. */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(new RegExp(PLACEHOLDER, "g"), (_, name: string) => {
    if (!(name in params)) throw new Error(`missing value for {${name}} in "${template}"`);
    return String(params[name]);
  });
}

export type Translate = (key: string, params?: Params) => string;

/**
 * The locale Intl formats with: the language with the brand's region, so a
 * British brand's English dates read "21 November 2026" and an American
 * brand's Spanish numbers follow es-US. A language that names its own
 * region (fr-CA) keeps it.
 */
export const formattingLocale = (language: string, region: string) => {
  const tag = language.includes("-") ? language : `${language}-${region.toUpperCase()}`;
  return Intl.DateTimeFormat.supportedLocalesOf(tag).length ? tag : language;
};

/**
 * A text that depends on a number is a group of plural forms keyed by
 * Intl.PluralRules category (one, few, many, other...): `pages: { one: "{count} page", other: "{count} pages" }`.
 * https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/PluralRules
 */
function pluralForm(forms: Dictionary, count: number, locale: string): string | undefined {
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  return typeof form === "string" ? form : undefined;
}

export function translator(strings: Dictionary, locale: string, formatting = locale): Translate {
  return (key, params) => {
    const node = lookup(strings, key);
    const template =
      typeof node === "object" && typeof params?.count === "number"
        ? pluralForm(node, params.count, formatting)
        : typeof node === "string"
          ? node
          : undefined;
    if (template === undefined) throw new Error(`no "${key}" in the ${locale} strings (data/locales/${locale}/ui.yaml)`);
    const shown = typeof params?.count === "number" ? { ...params, count: new Intl.NumberFormat(formatting).format(params.count) } : params;
    return interpolate(template, shown);
  };
}

export function formatDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatStatValue(stat: Stat, locale: string, t: Translate): string {
  if (stat.value === undefined) return "";
  const number = new Intl.NumberFormat(locale);
  const value =
    stat.unit === "percent"
      ? new Intl.NumberFormat(locale, { style: "percent" }).format(stat.value / 100)
      : stat.unit === "times"
        ? t("stat.times", { value: number.format(stat.value) })
        : number.format(stat.value);
  return stat.comparison ? t(`stat.${stat.comparison}`, { value }) : value;
}

// 2024-01-01 was a Monday: a fixed week to name weekdays in any locale.
const weekdayName = (day: (typeof weekdays)[number], locale: string) =>
  new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + weekdays.indexOf(day))));

function formatDays(days: ReadonlyArray<(typeof weekdays)[number]>, locale: string): string {
  const indexes = days.map((d) => weekdays.indexOf(d));
  const consecutive = indexes.every((index, i) => i === 0 || index === indexes[i - 1]! + 1);
  if (consecutive && days.length > 2) return `${weekdayName(days[0]!, locale)}–${weekdayName(days.at(-1)!, locale)}`;
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(days.map((d) => weekdayName(d, locale)));
}

export function formatHours(hours: Hours, locale: string, t: Translate): string[] {
  if (hours === "24/7") return [t("contact.always-open")];
  return hours.open.map((span) => t("contact.open-span", { days: formatDays(span.days, locale), opens: span.opens, closes: span.closes }));
}

const keypad: Record<string, string> = Object.fromEntries(
  ["ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"].flatMap((letters, i) => [...letters].map((l) => [l, String(i + 2)])),
);

/** The digits to dial for a published number: "1-800-THE-LOST (1-800-843-5678)" → "18008435678". */
export function dialString(published: string): string {
  const first = published.split("(")[0]!;
  return [...first.toUpperCase()]
    .map((c) => keypad[c] ?? c)
    .join("")
    .replace(/[^\d+]/g, "");
}

/** How an address reads in print and on screen: report.cybertip.org, not https://report.cybertip.org/ */
export const displayUrl = (url: string) => url.replace(/^https:\/\/(www\.)?/, "").replace(/\/$/, "");
