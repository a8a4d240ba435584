/**
 * Checks that span files: every locale has every key, every id a locale
 * describes exists (and the other way round), every reference points at
 * something real, and no contact has gone unverified for over a year.
 */
import { join } from "node:path";
import type { Content } from "./load.ts";
import type { Problem } from "../infra/problems.ts";
import { stepGroups, type Audience, type Dictionary } from "./schemas.ts";
import { checkPhone } from "./phone.ts";
import { placeholderProblem } from "./text-rules.ts";
import { displayPath } from "./yaml-file.ts";

type Path = Array<string | number>;

export const STALE_AFTER_MONTHS = 12;

export function crossCheck(content: Content, today: Date): Problem[] {
  return [
    ...checkUiKeys(content),
    ...checkPluralForms(content),
    ...checkLocaleIds(content),
    ...checkUniqueIds(content),
    ...checkReferences(content),
    ...checkVerification(content, today),
    ...checkPlaceholders(content),
    ...checkPhones(content),
  ];
}

/** Every service's phone number dials in its region (emergency numbers are short and known). */
function checkPhones(content: Content): Problem[] {
  return content.contacts.flatMap((contact, i) => {
    if (!contact.phone || contact.emergency) return [];
    const phone = checkPhone(contact.phone, contact.region);
    const file = neutralFile(content, "contacts.yaml");
    if (phone.problem) return [problemAt(content, file, [i, "phone"], phone.problem)];
    if (phone.fictional)
      return [problemAt(content, file, [i, "phone"], `"${contact.phone}" is in a range reserved for drama and fiction: it never connects`)];
    return [];
  });
}

function problemAt(content: Content, file: string, path: Path, message: string, severity: Problem["severity"] = "error"): Problem {
  return { severity, file, line: content.sources[file]?.lineOf(path), path, message };
}

const neutralFile = (content: Content, name: string) => displayPath(join(content.dataDir, "content", name));
const localeFile = (content: Content, locale: string, name: string) => displayPath(join(content.dataDir, "locales", locale, name));

/** CLDR's plural categories, as Intl.PluralRules names them. */
const pluralCategories = ["zero", "one", "two", "few", "many", "other"];

/** A text that depends on a number: its forms keyed by plural category, `other` among them. */
const isPluralGroup = (value: Dictionary | string): value is Dictionary =>
  typeof value !== "string" && "other" in value && Object.keys(value).every((key) => pluralCategories.includes(key));

/** Every key of a dictionary, a plural group counting as one key (its forms differ by language). */
export const flattenKeys = (dictionary: Dictionary, prefix = ""): string[] =>
  Object.entries(dictionary).flatMap(([key, value]) =>
    typeof value === "string" || isPluralGroup(value) ? [`${prefix}${key}`] : flattenKeys(value, `${prefix}${key}.`),
  );

/** Each plural group holds exactly the forms its language has (Arabic six, Polish four, English two). */
function checkPluralForms(content: Content): Problem[] {
  const problems: Problem[] = [];
  const walk = (locale: string, dictionary: Dictionary, path: string[]) => {
    for (const [key, value] of Object.entries(dictionary)) {
      if (typeof value === "string") continue;
      if (!isPluralGroup(value)) {
        walk(locale, value, [...path, key]);
        continue;
      }
      // Needed: "other", and every form whole numbers up to 1000 take (Spanish's "many" is for millions only).
      const rules = new Intl.PluralRules(locale);
      const needed = [...new Set([...Array.from({ length: 1001 }, (_, n) => rules.select(n)), "other"])];
      const known = rules.resolvedOptions().pluralCategories as string[];
      const missing = needed.filter((category) => !(category in value));
      const extra = Object.keys(value).filter((category) => !known.includes(category));
      const problem = (message: string) =>
        problems.push(problemAt(content, localeFile(content, locale, "ui.yaml"), ["strings", ...path, key], message));
      if (missing.length) problem(`missing the plural form(s) ${missing.join(", ")}: ${locale} has ${needed.join(", ")}`);
      if (extra.length) problem(`${extra.join(", ")}: not a plural form ${locale} has (it has ${known.join(", ")})`);
    }
  };
  for (const [locale, data] of Object.entries(content.locales)) walk(locale, data.ui.strings, []);
  return problems;
}

/** The locale whose texts the others translate: English where there is one. */
export const sourceLocale = (content: Content) => (content.locales.en ? "en" : Object.keys(content.locales).sort()[0]);

/** The source text a key translates: itself, or for a plural form the source language lacks (Arabic's "few"), its "other". */
export function sourceTextOf(source: Map<string, string>, key: string): string | undefined {
  return source.get(key) ?? source.get(key.replace(/\.(zero|one|two|few|many)$/, ".other"));
}

/** Every text of a locale by its key (interface strings and content alike), as brand overrides name them. */
export function localeTextsByKey(content: Content, locale: string): Map<string, string> | undefined {
  const data = content.locales[locale];
  if (!data) return undefined;
  return new Map([...textEntries(data.ui.strings), ...textEntries(data.text as unknown as Dictionary)].map(([key, text]) => [key, text]));
}

function textEntries(dictionary: Dictionary, prefix = ""): Array<[string, string]> {
  return Object.entries(dictionary).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === "string" ? [[`${prefix}${key}`, value]] : textEntries(value, `${prefix}${key}.`),
  );
}

/** A translation keeps exactly the {placeholders} of its source text: the build fills those and no others. */
function checkPlaceholders(content: Content): Problem[] {
  const source = sourceLocale(content);
  if (!source) return [];
  const problems: Problem[] = [];
  const files = [
    {
      name: "ui.yaml",
      entries: (locale: string) => textEntries(content.locales[locale]!.ui.strings),
      path: (key: string) => ["strings", ...key.split(".")],
    },
    {
      name: "content.yaml",
      entries: (locale: string) => textEntries(content.locales[locale]!.text as unknown as Dictionary),
      path: (key: string) => key.split("."),
    },
  ];
  for (const { name, entries, path } of files) {
    const reference = new Map(entries(source));
    for (const locale of Object.keys(content.locales)) {
      if (locale === source) continue;
      for (const [key, text] of entries(locale)) {
        const original = sourceTextOf(reference, key);
        const problem = original === undefined ? undefined : placeholderProblem(text, original);
        if (problem)
          problems.push(problemAt(content, localeFile(content, locale, name), path(key), `${problem} (as the ${source} text does)`));
      }
    }
  }
  return problems;
}

function checkUiKeys(content: Content): Problem[] {
  const keysByLocale = Object.entries(content.locales).map(([locale, data]) => [locale, new Set(flattenKeys(data.ui.strings))] as const);
  const allKeys = new Set(keysByLocale.flatMap(([, keys]) => [...keys]));
  const problems: Problem[] = [];
  for (const [locale, keys] of keysByLocale) {
    for (const key of allKeys) {
      if (keys.has(key)) continue;
      // Named against the source language when it has the key (the others translate it), else every holder.
      const source = sourceLocale(content);
      const holders =
        source && source !== locale && keysByLocale.find(([code]) => code === source)?.[1].has(key)
          ? [source]
          : keysByLocale.filter(([, other]) => other.has(key)).map(([code]) => code);
      problems.push(
        problemAt(
          content,
          localeFile(content, locale, "ui.yaml"),
          ["strings", ...key.split(".")],
          `missing: "${key}" is in ${holders.join(", ")} but not in ${locale}`,
        ),
      );
    }
  }
  return problems;
}

/** For each section of content.yaml: the ids it must describe, and the file that lists them. */
function expectedIds(content: Content): Array<{ path: Path; ids: string[]; listedIn: string }> {
  const stages = content.howItHappens.routes.flatMap((route) => route.stages);
  return [
    { path: ["regions"], ids: Object.keys(content.regions), listedIn: "regions.yaml" },
    { path: ["routes"], ids: content.howItHappens.routes.map((r) => r.id), listedIn: "how-it-happens.yaml" },
    { path: ["stages"], ids: stages, listedIn: "how-it-happens.yaml" },
    { path: ["tactics"], ids: content.howItHappens.tactics, listedIn: "how-it-happens.yaml" },
    { path: ["signs"], ids: content.warningSigns, listedIn: "warning-signs.yaml" },
    ...stepGroups.map((group) => ({ path: ["steps", group], ids: content.steps[group].map((s) => s.id), listedIn: "steps.yaml" })),
    { path: ["stats"], ids: content.stats.map((s) => s.id), listedIn: "stats.yaml" },
    { path: ["contacts"], ids: content.contacts.map((c) => c.id), listedIn: "contacts.yaml" },
    { path: ["resources"], ids: content.resources.map((r) => r.id), listedIn: "resources.yaml" },
    { path: ["discussion"], ids: content.discussion.questions, listedIn: "discussion.yaml" },
  ];
}

function checkLocaleIds(content: Content): Problem[] {
  const problems: Problem[] = [];
  for (const [locale, data] of Object.entries(content.locales)) {
    const file = localeFile(content, locale, "content.yaml");
    for (const { path, ids, listedIn } of expectedIds(content)) {
      const section = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], data.text) as Record<string, unknown>;
      const described = new Set(Object.keys(section));
      for (const id of ids) {
        if (!described.has(id))
          problems.push(
            problemAt(content, file, [...path, id], `missing: no ${locale} text for "${id}", which data/content/${listedIn} lists`),
          );
      }
      for (const id of described) {
        if (!ids.includes(id))
          problems.push(problemAt(content, file, [...path, id], `"${id}" is not listed in data/content/${listedIn} (misspelt id?)`));
      }
    }
  }
  return problems;
}

function duplicates(ids: string[]): Array<{ id: string; index: number }> {
  return ids.flatMap((id, index) => (ids.indexOf(id) < index ? [{ id, index }] : []));
}

function checkUniqueIds(content: Content): Problem[] {
  const lists: Array<{ file: string; ids: string[]; path: (index: number) => Path }> = [
    { file: "contacts.yaml", ids: content.contacts.map((c) => c.id), path: (i) => [i, "id"] },
    { file: "resources.yaml", ids: content.resources.map((r) => r.id), path: (i) => [i, "id"] },
    { file: "stats.yaml", ids: content.stats.map((s) => s.id), path: (i) => [i, "id"] },
    { file: "how-it-happens.yaml", ids: content.howItHappens.routes.map((r) => r.id), path: (i) => ["routes", i, "id"] },
    { file: "how-it-happens.yaml", ids: content.howItHappens.tactics, path: (i) => ["tactics", i] },
    { file: "warning-signs.yaml", ids: content.warningSigns, path: (i) => [i] },
    { file: "discussion.yaml", ids: content.discussion.questions, path: (i) => ["questions", i] },
    ...stepGroups.map((group) => ({
      file: "steps.yaml",
      ids: content.steps[group].map((s) => s.id),
      path: (i: number) => [group, i, "id"],
    })),
  ];
  const stages = content.howItHappens.routes.flatMap((route, r) => route.stages.map((id, s) => ({ id, path: ["routes", r, "stages", s] })));
  const problems = lists.flatMap(({ file, ids, path }) =>
    duplicates(ids).map(({ id, index }) =>
      problemAt(content, neutralFile(content, file), path(index), `"${id}" is used twice; ids must be unique`),
    ),
  );
  for (const { id, index } of duplicates(stages.map((s) => s.id))) {
    problems.push(
      problemAt(
        content,
        neutralFile(content, "how-it-happens.yaml"),
        stages[index]!.path,
        `stage "${id}" is used twice; each route has its own stages`,
      ),
    );
  }
  return problems;
}

function checkReferences(content: Content): Problem[] {
  const problems: Problem[] = [];
  const regionIds = Object.keys(content.regions);
  const known = `one of ${regionIds.join(", ")}`;
  content.contacts.forEach((contact, i) => {
    if (!content.regions[contact.region]) {
      problems.push(
        problemAt(content, neutralFile(content, "contacts.yaml"), [i, "region"], `unknown region "${contact.region}"; expected ${known}`),
      );
    }
  });
  content.resources.forEach((resource, i) =>
    resource.regions.forEach((region, r) => {
      if (!content.regions[region]) {
        problems.push(
          problemAt(content, neutralFile(content, "resources.yaml"), [i, "regions", r], `unknown region "${region}"; expected ${known}`),
        );
      }
    }),
  );
  for (const [id, region] of Object.entries(content.regions)) {
    for (const [audience, contactId] of Object.entries(region.mainContacts)) {
      const contact = content.contacts.find((c) => c.id === contactId);
      const at = (message: string) =>
        problems.push(problemAt(content, neutralFile(content, "regions.yaml"), [id, "mainContacts", audience], message));
      // The QR code on this audience's materials leads to it, and the material lists it among its contacts.
      if (!contact || contact.region !== id) at(`"${contactId}" is not a contact of region ${id} in contacts.yaml`);
      else if (!contact.audience.includes(audience as Audience))
        at(`"${contactId}" does not serve ${audience} (its audience is ${contact.audience.join(", ")}): name a service for ${audience}`);
      else if (!contact.url)
        at(`"${contactId}" has no url for the QR code: name a service with a web address, or add its url in contacts.yaml`);
    }
  }
  content.stats.forEach((stat, i) =>
    stat.regions.forEach((region, r) => {
      if (!content.regions[region])
        problems.push(
          problemAt(content, neutralFile(content, "stats.yaml"), [i, "regions", r], `unknown region "${region}"; expected ${known}`),
        );
    }),
  );
  return problems;
}

/**
 * The first day on which the checks can say something new of unchanged
 * content: when its next contact passes the age limit. A build whose
 * inputs did not change skips the checks only before that day.
 */
export function checksValidUntil(content: Content): string {
  const days = content.contacts.map((contact) => {
    const due = new Date(`${contact.verified}T00:00:00Z`);
    due.setUTCMonth(due.getUTCMonth() + STALE_AFTER_MONTHS);
    return due.toISOString().slice(0, 10);
  });
  return days.sort()[0] ?? "9999-12-31";
}

function checkVerification(content: Content, today: Date): Problem[] {
  const limit = new Date(today);
  limit.setMonth(limit.getMonth() - STALE_AFTER_MONTHS);
  const cutoff = limit.toISOString().slice(0, 10);
  return content.contacts.flatMap((contact, i) =>
    contact.verified < cutoff
      ? [
          problemAt(
            content,
            neutralFile(content, "contacts.yaml"),
            [i, "verified"],
            `"${contact.id}" was last verified on ${contact.verified}, more than ${STALE_AFTER_MONTHS} months ago: check its details against ${contact.source} and update the date`,
            "warning",
          ),
        ]
      : [],
  );
}
