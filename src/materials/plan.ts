/**
 * Which print files a brand gets (SPEC "Materials"): every material the
 * brand ships, in each size its paper family allows, one file per locale,
 * except the parent flyer, which pairs the brand's first two locales.
 * The print step renders exactly this list.
 */
import type { PaperFamily } from "../content/schemas.ts";
import type { PaperSize } from "./paper.ts";
import { materialDeclaration, type MaterialId } from "./registry.ts";

export type { MaterialId } from "./registry.ts";

/** What planning needs of a brand (a Brand has it all). */
export interface PrintingBrand {
  materials: readonly MaterialId[];
  locales: readonly string[];
  paper: PaperFamily;
}

/** Who a material speaks to: its contacts, and the service its QR code leads to. */
export const materialAudience = (material: MaterialId) => materialDeclaration(material).audience;

export interface PlannedPrint {
  material: MaterialId;
  locales: string[];
  size: PaperSize;
  /** Relative to dist/<brand>/: print/poster-en-a3.pdf */
  path: string;
}

export interface PlanFilter {
  materials?: readonly MaterialId[];
  /** A file is planned only when every one of its locales is selected. */
  locales?: readonly string[];
}

function localeSets(material: MaterialId, brand: PrintingBrand): string[][] {
  if (materialDeclaration(material).locales === "first-two") return [brand.locales.slice(0, 2)];
  return brand.locales.map((locale) => [locale]);
}

export function planPrints(brand: PrintingBrand, filter: PlanFilter = {}): PlannedPrint[] {
  return brand.materials
    .filter((material) => !filter.materials || filter.materials.includes(material))
    .flatMap((material) =>
      localeSets(material, brand)
        .filter((locales) => !filter.locales || locales.every((l) => filter.locales!.includes(l)))
        .flatMap((locales) =>
          materialDeclaration(material).sizes[brand.paper].map((size) => ({
            material,
            locales,
            size,
            path: `print/${material}-${locales.join("-")}-${size}.pdf`,
          })),
        ),
    );
}

/** How many pages a planned file must come out as, from its material's page rule; undefined: as many as it needs. */
export function expectedPages(print: PlannedPrint): number | undefined {
  const rule = materialDeclaration(print.material).pages;
  if (rule === "flowing") return undefined;
  return rule === "one-per-locale" ? print.locales.length : rule.exactly;
}

/** The print page Eleventy writes for a planned PDF, beside where the PDF goes. */
export const htmlPathFor = (print: PlannedPrint) => print.path.replace(/\.pdf$/, ".html");
