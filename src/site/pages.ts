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
] as const;
export type SitePage = (typeof sitePages)[number];

export const pageUrl = (locale: string, page: SitePage) => (page === "home" ? `/${locale}/` : `/${locale}/${page}/`);
