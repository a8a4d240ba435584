/**
 * Which print files a brand gets (SPEC "Materials"): every material and
 * variant the brand ships, in each size its paper family allows (an image
 * material in each of its pixel sizes), one file per locale, except the
 * parent flyer, which pairs the brand's first two locales. The print step
 * renders exactly this list.
 */
import type { PaperFamily } from "../content/schemas.ts";
import { pageGeometry, type OutputSize, type PageGeometry } from "./paper.ts";
import { materialDeclaration, parsePrintable, type MaterialId, type PrintableId } from "./registry.ts";
import type { PageRule } from "./material.ts";
import type { VariantId } from "./variant.ts";

export type { MaterialId, PrintableId } from "./registry.ts";

/** What planning needs of a brand (a Brand has it all). */
export interface PrintingBrand {
  materials: readonly PrintableId[];
  locales: readonly string[];
  paper: PaperFamily;
  /** The language pairs of a two-language material (the parent flyer), when the brand names them. */
  parentFlyer?: { pairs: readonly (readonly [string, string])[] };
}

/** Who a material speaks to: its contacts, and the service its QR code leads to. */
export const materialAudience = (material: MaterialId) => materialDeclaration(material).audience;

export interface PlannedPrint {
  material: MaterialId;
  /** Set for a variant (large print, low ink), which is its own file. */
  variant?: VariantId;
  locales: string[];
  size: OutputSize;
  /** Relative to dist/<brand>/: print/poster-en-a3.pdf, print/poster-en-a3-low-ink.pdf, print/social-en-square.png */
  path: string;
}

export interface PlanFilter {
  /** Exactly these materials and variants (--material poster,poster-low-ink). */
  materials?: readonly PrintableId[];
  /** A file is planned only when every one of its locales is selected. */
  locales?: readonly string[];
}

function localeSets(material: MaterialId, brand: PrintingBrand): string[][] {
  if (materialDeclaration(material).locales === "first-two")
    return brand.parentFlyer ? brand.parentFlyer.pairs.map((pair) => [...pair]) : [brand.locales.slice(0, 2)];
  return brand.locales.map((locale) => [locale]);
}

function sizesOf(material: MaterialId, paper: PaperFamily): readonly OutputSize[] {
  const declaration = materialDeclaration(material);
  return declaration.output === "png" ? declaration.sizes : declaration.sizes[paper];
}

export function planPrints(brand: PrintingBrand, filter: PlanFilter = {}): PlannedPrint[] {
  return brand.materials
    .filter((printable) => !filter.materials || filter.materials.includes(printable))
    .flatMap((printable) => {
      const { material, variant } = parsePrintable(printable);
      const extension = materialDeclaration(material).output;
      return localeSets(material, brand)
        .filter((locales) => !filter.locales || locales.every((l) => filter.locales!.includes(l)))
        .flatMap((locales) =>
          sizesOf(material, brand.paper).map((size) => ({
            material,
            ...(variant && { variant }),
            locales,
            size,
            path: `print/${material}-${locales.join("-")}-${size}${variant ? `-${variant}` : ""}.${extension}`,
          })),
        );
    });
}

/** How a variant changes its material's page rule: large print flows, its text needing more pages. */
const variantPageRule = (variant: VariantId | undefined, rule: PageRule): PageRule => (variant === "large-print" ? "flowing" : rule);

/** How many pages a planned file must come out as, from its material's page rule; undefined: as many as it needs. */
export function expectedPages(print: PlannedPrint): number | undefined {
  const declaration = materialDeclaration(print.material);
  if (declaration.output === "png") return 1;
  const rule = variantPageRule(print.variant, declaration.pages);
  if (rule === "flowing") return undefined;
  return rule === "one-per-locale" ? print.locales.length : rule.exactly;
}

/** The print page Eleventy writes for a planned file, beside where the file goes. */
export const htmlPathFor = (print: PlannedPrint) => print.path.replace(/\.(pdf|png)$/, ".html");

/** The planned file's page: its size, bleed (always for a card), and its material's logo height. */
export function geometryFor(print: PlannedPrint, bleed: boolean): PageGeometry {
  const declaration = materialDeclaration(print.material);
  return pageGeometry(print.size, bleed, declaration.output === "pdf" ? declaration.logoHeightMm : undefined);
}
