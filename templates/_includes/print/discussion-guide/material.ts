/**
 * The discussion-guide material's declaration (src/materials/registry.ts lists it):
 * whom it speaks to, its sizes per paper family, how many languages share a
 * file, and its page rule. Its help section is for the young people in the room; as many pages as its sessions need.
 * Beside it: discussion-guide.njk (the template) and discussion-guide.css.
 */
import type { MaterialDeclaration } from "../../../../src/materials/material.ts";

export default {
  output: "pdf",
  audience: "young-people",
  sizes: { a4: ["a4"], letter: ["letter"] },
  locales: "one",
  pages: "flowing",
  variants: ["low-ink"],
  folder: import.meta.dirname,
} as const satisfies MaterialDeclaration;
