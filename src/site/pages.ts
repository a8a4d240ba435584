/** The pages every brand and locale gets (SPEC "The site"), in navigation order. */
export const sitePages = [
  "home",
  "how-it-happens",
  "warning-signs",
  "what-to-do",
  "for-parents",
  "for-professionals",
  "get-help",
  "downloads",
  "leave-quickly",
  "accessibility",
  "one-minute-guide",
  "discussion-guide",
] as const;
export type SitePage = (typeof sitePages)[number];

/**
 * Not in the main navigation: the accessibility statement (linked from every
 * page's footer, as such statements usually are) and the web versions of
 * print materials (linked beside their PDFs on the downloads page).
 */
const offNav: readonly SitePage[] = ["accessibility", "one-minute-guide", "discussion-guide"];
export const navPages = sitePages.filter((page) => !offNav.includes(page));

/** The site page that carries a print material's content, linked beside its PDF (a material may have none). */
export const webVersionOf: Partial<Record<string, SitePage>> = {
  poster: "what-to-do",
  "one-minute-guide": "one-minute-guide",
  "parent-flyer": "for-parents",
  "discussion-guide": "discussion-guide",
};

export const pageUrl = (locale: string, page: SitePage) => (page === "home" ? `/${locale}/` : `/${locale}/${page}/`);
