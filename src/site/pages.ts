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
] as const;
export type SitePage = (typeof sitePages)[number];

/** Linked from every page's footer rather than the main navigation, as accessibility statements usually are. */
export const navPages = sitePages.filter((page) => page !== "accessibility");

export const pageUrl = (locale: string, page: SitePage) => (page === "home" ? `/${locale}/` : `/${locale}/${page}/`);
