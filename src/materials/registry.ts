/**
 * Every print material (SPEC "Materials"), one line each: each is a folder
 * holding its declaration (material.ts: whom it speaks to, sizes, languages
 * per file, page rule), its template and its styles. Planning, the expected
 * page count, the overflow check, the QR code's service, the print
 * stylesheet and the downloads labels all follow from these, so a new
 * material is one new folder and one line here.
 */
import discussionGuide from "../../templates/_includes/print/discussion-guide/material.ts";
import oneMinuteGuide from "../../templates/_includes/print/one-minute-guide/material.ts";
import parentFlyer from "../../templates/_includes/print/parent-flyer/material.ts";
import poster from "../../templates/_includes/print/poster/material.ts";
import social from "../../templates/_includes/print/social/material.ts";
import walletCard from "../../templates/_includes/print/wallet-card/material.ts";
import type { MaterialDeclaration } from "./material.ts";
import type { VariantId } from "./variant.ts";

const builtIn = {
  poster,
  "one-minute-guide": oneMinuteGuide,
  "parent-flyer": parentFlyer,
  "discussion-guide": discussionGuide,
  "wallet-card": walletCard,
  social,
} as const satisfies Record<string, MaterialDeclaration>;

export type MaterialId = keyof typeof builtIn;
export const materialIds = Object.keys(builtIn) as [MaterialId, ...MaterialId[]];

const registry = new Map<string, MaterialDeclaration>(materialIds.map((id) => [id, builtIn[id]]));

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

/** What a brand's `materials` and --material name: a material in its standard form, or one of its variants ("poster-low-ink"). */
export type PrintableId = MaterialId | `${MaterialId}-${VariantId}`;

/** Every printable of the built-in materials: each material, then its variants. */
export const printableIds = materialIds.flatMap((id) => {
  const declaration = builtIn[id] as MaterialDeclaration;
  return [id, ...(declaration.output === "pdf" ? declaration.variants.map((variant) => `${id}-${variant}`) : [])];
}) as [PrintableId, ...PrintableId[]];

/** A printable id taken apart: its material, and the variant when it names one. */
export function parsePrintable(id: string): { material: MaterialId; variant?: VariantId } {
  for (const [material, declaration] of registry) {
    if (id === material) return { material: material as MaterialId };
    if (declaration.output !== "pdf") continue;
    const variant = declaration.variants.find((v) => id === `${material}-${v}`);
    if (variant) return { material: material as MaterialId, variant };
  }
  throw new Error(`no material or variant "${id}" is registered (src/materials/registry.ts)`);
}

/** Every registered material's folder, for the print stylesheet. */
export const materialFolders = () => [...registry.values()].map((declaration) => declaration.folder);
