/**
 * What the print step finds wrong on a laid-out page (layout-check.js, and
 * the fonts Chromium drew with): its own module, free of Puppeteer, so the
 * build can report it without loading the browser library.
 */
export interface LayoutProblem {
  kind: "overlap" | "box" | "margin" | "font";
  /** The element, as <tag.class>. */
  element: string;
  /** The data the text came from, e.g. "brand.yaml contacts[0].email", when the template says. */
  source: string;
  text: string;
  detail: string;
}

/** Every layout problem of one file. */
export class LayoutProblemsError extends Error {
  override name = "LayoutProblemsError";

  constructor(readonly problems: LayoutProblem[]) {
    super(`${problems.length} layout problem(s)`);
  }
}

export const describeLayoutProblem = (p: LayoutProblem) => `${p.element}${p.source ? ` (${p.source})` : ""} "${p.text}" ${p.detail}`;
