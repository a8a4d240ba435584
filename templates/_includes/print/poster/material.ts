/**
 * The poster material's declaration (src/materials/registry.ts lists it):
 * whom it speaks to, its sizes per paper family, how many languages share a
 * file, and its page rule. One page: whatever does not fit is refused (the layout check names the block to shorten).
 * Beside it: poster.njk (the template) and poster.css.
 */
import type { MaterialDeclaration } from "../../../../src/materials/material.ts";

export default {
  output: "pdf",
  audience: "young-people",
  sizes: { a4: ["a3", "a4"], letter: ["tabloid", "letter"] },
  locales: "one",
  pages: { exactly: 1 },
  // Read from across a room: the logo prints 12 mm tall on A4, 17 mm on A3 (8 mm on other materials).
  logoHeightMm: 12,
  variants: ["low-ink"],
  folder: import.meta.dirname,
} as const satisfies MaterialDeclaration;
