/**
 * The wallet card's declaration (src/materials/registry.ts lists it): a
 * bank-card-sized card (ID-1, 85.6 x 54 mm) a young person can keep
 * without being seen photographing a poster. Two pages, front and back:
 * on its own with bleed and crop marks for a print shop (id1), or ten up
 * on an office sheet with the backs mirrored for duplex printing (a4, letter).
 * Beside it: wallet-card.njk and wallet-card.css.
 */
import type { MaterialDeclaration } from "../../../../src/materials/material.ts";

export default {
  output: "pdf",
  audience: "young-people",
  sizes: { a4: ["id1", "a4"], letter: ["id1", "letter"] },
  locales: "one",
  pages: { exactly: 2 },
  // Clear print's 12 pt cannot fit on a bank card: 8 pt is the least it prints (the audit holds it to that).
  minTextPt: 8,
  variants: ["low-ink"],
  folder: import.meta.dirname,
} as const satisfies MaterialDeclaration;
