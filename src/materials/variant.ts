/**
 * Variants of a PDF material (SPEC "Materials"), each a file of its own
 * with the variant as the file name's suffix (one-minute-guide-en-a4-large-print.pdf):
 * - large-print: body text 16 pt or more, headings larger (UKAAF's clear and
 *   large print guidance), one column, flowing to as many pages as it needs;
 * - low-ink: no filled backgrounds or bands, text in pure black, thin rules,
 *   for schools printing hundreds of copies on office printers.
 * The print page gets the class print--<variant>; print.css holds the rules.
 */
export const variantIds = ["large-print", "low-ink"] as const;
export type VariantId = (typeof variantIds)[number];

/** Clear print's smallest text: 12 pt, 16 pt in large print (UKAAF), or a material's own smaller minimum (a bank-card-sized wallet card). */
export const minTextPtFor = (variant: VariantId | undefined, materialMinimum: number | undefined) =>
  variant === "large-print" ? 16 : (materialMinimum ?? 12);
