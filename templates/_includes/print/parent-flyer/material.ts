/**
 * The parent-flyer material's declaration (src/materials/registry.ts lists it):
 * whom it speaks to, its sizes per paper family, how many languages share a
 * file, and its page rule. The brand's first two languages, one page each, to print back to back.
 * Beside it: parent-flyer.njk (the template) and parent-flyer.css.
 */
import type { MaterialDeclaration } from "../../../../src/materials/material.ts";

export default {
  output: "pdf",
  audience: "parents",
  sizes: { a4: ["a4"], letter: ["letter"] },
  locales: "first-two",
  pages: "one-per-locale",
  variants: ["large-print", "low-ink"],
  folder: import.meta.dirname,
} as const satisfies MaterialDeclaration;
