/**
 * Which print files a brand gets (SPEC "Materials"): every material the
 * brand ships, in each size its paper family allows, one file per locale,
 * except the parent flyer, which pairs the brand's first two locales.
 * The print step renders exactly this list.
 */
import type { Brand } from "../brand/load.ts";
import type { MaterialId } from "../brand/schema.ts";
import type { Audience, PaperFamily } from "../content/schemas.ts";
import type { PaperSize } from "./paper.ts";

/** Sizes per material and paper family; the poster also comes in the family's large size. */
const sizesFor: Record<MaterialId, Record<PaperFamily, PaperSize[]>> = {
  poster: { a4: ["a3", "a4"], letter: ["tabloid", "letter"] },
  "one-minute-guide": { a4: ["a4"], letter: ["letter"] },
  "parent-flyer": { a4: ["a4"], letter: ["letter"] },
  "discussion-guide": { a4: ["a4"], letter: ["letter"] },
};

/**
 * Who each material speaks to: its contacts, and the service its QR code
 * leads to (the region's main one for that audience). The discussion guide's
 * help section is for the young people in the room.
 */
export const materialAudience: Record<MaterialId, Audience> = {
  poster: "young-people",
  "one-minute-guide": "professionals",
  "parent-flyer": "parents",
  "discussion-guide": "young-people",
};

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

function localeSets(material: MaterialId, brand: Brand): string[][] {
  if (material === "parent-flyer") return [brand.locales.slice(0, 2)];
  return brand.locales.map((locale) => [locale]);
}

export function planPrints(brand: Brand, filter: PlanFilter = {}): PlannedPrint[] {
  return brand.materials
    .filter((material) => !filter.materials || filter.materials.includes(material))
    .flatMap((material) =>
      localeSets(material, brand)
        .filter((locales) => !filter.locales || locales.every((l) => filter.locales!.includes(l)))
        .flatMap((locales) =>
          sizesFor[material][brand.paper].map((size) => ({
            material,
            locales,
            size,
            path: `print/${material}-${locales.join("-")}-${size}.pdf`,
          })),
        ),
    );
}

/** How many pages each material must come out as (SPEC "Materials"); undefined: as many as it needs. */
export function expectedPages(print: PlannedPrint): number | undefined {
  switch (print.material) {
    case "poster":
    case "one-minute-guide":
      return 1;
    case "parent-flyer":
      return print.locales.length;
    case "discussion-guide":
      return undefined;
  }
}

/** The print page Eleventy writes for a planned PDF, beside where the PDF goes. */
export const htmlPathFor = (print: PlannedPrint) => print.path.replace(/\.pdf$/, ".html");
