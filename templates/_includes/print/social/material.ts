/**
 * The social media image's declaration (src/materials/registry.ts lists
 * it): a PNG per locale in the platforms' two shapes, a square post
 * (1080 x 1080 px) and a full-screen story (1080 x 1920 px), with no QR
 * code (a post carries a link instead). Its alternative text, the words
 * it shows in reading order, goes into the manifest and onto the
 * downloads page. Beside it: social.njk and social.css.
 */
import type { MaterialDeclaration } from "../../../../src/materials/material.ts";

export default {
  output: "png",
  audience: "young-people",
  sizes: ["square", "story"],
  locales: "one",
  folder: import.meta.dirname,
} as const satisfies MaterialDeclaration;
