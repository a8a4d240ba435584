/**
 * The fixed colours the site's stylesheet draws behind a brand's text, as
 * CSS custom properties: the one source both for the stylesheet
 * (src/site/plugins/assets.ts writes them into :root) and for the brand
 * checks, which measure the brand's text and link colours against every one
 * of them, so a colour the checks accept reads on every box it lands on.
 */
export const tintColours = {
  /** Cards, figures and the footer. */
  "--color-tint": "#f3f4f6",
  /** The emergency box. */
  "--color-danger-tint": "#fdf2f2",
} as const;

/** Where each tint is used, for messages. */
export const tintUses: Record<keyof typeof tintColours, string> = {
  "--color-tint": "the tinted boxes and footer",
  "--color-danger-tint": "the emergency box",
};
