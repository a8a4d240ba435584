/**
 * Every print material, declared once (SPEC "Materials"): whom it speaks
 * to, its sizes per paper family, how many languages share a file, and its
 * page rule. Planning, the expected page count, the overflow check, the
 * QR code's service and the downloads labels all follow from this table,
 * so a new material is one entry here plus its template folder
 * (templates/_includes/print/<id>/). `satisfies` makes a material without
 * a page rule, audience or sizes a compile error.
 */
import { join } from "node:path";
import type { Audience, PaperFamily } from "../content/schemas.ts";
import { TEMPLATES_DIR } from "../infra/paths.ts";
import type { PaperSize } from "./paper.ts";

/** How many pages a file must come out as: exactly N, one per language it pairs, or as many as its content needs. */
export type PageRule = { exactly: number } | "one-per-locale" | "flowing";

export interface MaterialRule {
  /** Its contacts, and the service its QR code leads to (the region's main one for this audience). */
  audience: Audience;
  sizes: Record<PaperFamily, readonly PaperSize[]>;
  /** One language per file, or the brand's first two on one sheet each. */
  locales: "one" | "first-two";
  pages: PageRule;
}

const builtIn = {
  poster: { audience: "young-people", sizes: { a4: ["a3", "a4"], letter: ["tabloid", "letter"] }, locales: "one", pages: { exactly: 1 } },
  "one-minute-guide": { audience: "professionals", sizes: { a4: ["a4"], letter: ["letter"] }, locales: "one", pages: { exactly: 1 } },
  "parent-flyer": { audience: "parents", sizes: { a4: ["a4"], letter: ["letter"] }, locales: "first-two", pages: "one-per-locale" },
  // Its help section is for the young people in the room.
  "discussion-guide": { audience: "young-people", sizes: { a4: ["a4"], letter: ["letter"] }, locales: "one", pages: "flowing" },
} as const satisfies Record<string, MaterialRule>;

/** A material's rule and its folder: <id>.njk (the template, with `layout: print/print.njk`) and any .css beside it. */
export interface MaterialDeclaration extends MaterialRule {
  folder: string;
}

export type MaterialId = keyof typeof builtIn;
export const materialIds = Object.keys(builtIn) as [MaterialId, ...MaterialId[]];

const registry = new Map<string, MaterialDeclaration>(
  materialIds.map((id) => [id, { ...builtIn[id], folder: join(TEMPLATES_DIR, "_includes", "print", id) }]),
);

export function materialDeclaration(id: string): MaterialDeclaration {
  const declaration = registry.get(id);
  if (!declaration) throw new Error(`no material "${id}" is registered (src/materials/registry.ts)`);
  return declaration;
}

/**
 * Adds a material whose folder is elsewhere (a test's throwaway material, or
 * an organisation's own): planning, page rules, rendering and styles then
 * treat it as they treat the built-in ones.
 */
export function registerMaterial(id: string, declaration: MaterialDeclaration): void {
  registry.set(id, declaration);
}

/** Every registered material's folder, for the print stylesheet. */
export const materialFolders = () => [...registry.values()].map((declaration) => declaration.folder);
