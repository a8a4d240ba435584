/**
 * The one-minute-guide material's declaration (src/materials/registry.ts lists it):
 * whom it speaks to, its sizes per paper family, how many languages share a
 * file, and its page rule. One page, for a busy professional.
 * Beside it: one-minute-guide.njk (the template) and one-minute-guide.css.
 */
import type { MaterialDeclaration } from "../../../../src/materials/material.ts";

export default {
  output: "pdf",
  audience: "professionals",
  sizes: { a4: ["a4"], letter: ["letter"] },
  locales: "one",
  pages: { exactly: 1 },
  variants: ["large-print", "low-ink"],
  folder: import.meta.dirname,
} as const satisfies MaterialDeclaration;
