/**
 * What a material declares, in material.ts in its own folder beside its
 * template and styles (templates/_includes/print/<id>/). `satisfies
 * MaterialDeclaration` there makes a material without a page rule,
 * audience or sizes a compile error.
 */
import type { Audience, PaperFamily } from "../content/schemas.ts";
import type { PaperSize } from "./paper.ts";

/** How many pages a file must come out as: exactly N, one per language it pairs, or as many as its content needs. */
export type PageRule = { exactly: number } | "one-per-locale" | "flowing";

export interface MaterialRule {
  /** Its contacts, and the service its QR code leads to (the region's main one for this audience). */
  audience: Audience;
  sizes: Record<PaperFamily, readonly PaperSize[]>;
  /** One language per file, or the brand's first two on one sheet each. */
  locales: "one" | "first-two";
  pages: PageRule;
}

/** A material's rule and its folder: <id>.njk (the template, with `layout: print/print.njk`) and any .css beside it. */
export interface MaterialDeclaration extends MaterialRule {
  folder: string;
}
