/**
 * Honest translation status. A text is reviewed when a fluent speaker has
 * checked it (review.yaml: who, when) against the English as it is now:
 * each entry keeps a hash of the English it was checked against, so a
 * later change to the English makes its translations unreviewed again.
 * A locale with any unreviewed text says so on its pages and materials.
 */
import { createHash } from "node:crypto";
import { localeTextsByKey, sourceLocale, sourceTextOf } from "./cross-check.ts";
import type { Content } from "./load.ts";

/** The hash review.yaml keeps of the English a text was checked against: 12 hex characters of its SHA-256. */
export const sourceHash = (text: string) => createHash("sha256").update(text, "utf8").digest("hex").slice(0, 12);

/** Whether a review entry was made against this English: when the English changes, the text is unreviewed again. */
export const reviewedAgainst = (entry: { source: string } | undefined, english: string) => entry?.source === sourceHash(english);

export interface ReviewStatus {
  locale: string;
  /** Texts checked by a fluent speaker against the English as it is now. */
  reviewed: number;
  total: number;
  /** Reviewed once, but the English has changed since. */
  stale: string[];
}

/** A locale's review status; undefined for the source language, which translates nothing. */
export function reviewStatus(content: Content, locale: string): ReviewStatus | undefined {
  const source = sourceLocale(content);
  if (!source || locale === source) return undefined;
  const english = localeTextsByKey(content, source)!;
  const texts = localeTextsByKey(content, locale)!;
  const review = content.locales[locale]!.review;
  let reviewed = 0;
  const stale: string[] = [];
  for (const key of texts.keys()) {
    const entry = review[key];
    if (!entry) continue;
    const original = sourceTextOf(english, key);
    if (original !== undefined && reviewedAgainst(entry, original)) reviewed++;
    else stale.push(key);
  }
  return { locale, reviewed, total: texts.size, stale };
}

/** Whether every text of the locale is reviewed (the source language always is). */
export function fullyReviewed(content: Content, locale: string): boolean {
  const status = reviewStatus(content, locale);
  return !status || status.reviewed === status.total;
}
