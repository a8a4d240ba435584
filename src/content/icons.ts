/**
 * The print materials' icons (templates/_includes/icons/, drawn for this
 * project in one style: see the README there). A step names its icon in
 * data/content/steps.yaml; the schema accepts only the names found here.
 * Each is decorative (aria-hidden, no text): the words beside it carry the
 * meaning, so it never needs alternative text.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TEMPLATES_DIR } from "../infra/paths.ts";

export const ICONS_DIR = join(TEMPLATES_DIR, "_includes", "icons");

export const iconNames = readdirSync(ICONS_DIR)
  .filter((file) => file.endsWith(".svg"))
  .map((file) => file.slice(0, -".svg".length))
  .sort() as [string, ...string[]];

/** The icon's SVG, to inline in a page (so it takes the text colour through currentColor), with a class to size it by. */
export function iconSvg(name: string, className = "icon"): string {
  return readFileSync(join(ICONS_DIR, `${name}.svg`), "utf8")
    .trim()
    .replace("<svg ", `<svg class="${className}" `);
}
