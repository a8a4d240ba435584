import { describe, expect, it } from "vitest";
import { printableIds } from "./registry.ts";
import { expectedPages, planPrints, type PrintingBrand } from "./plan.ts";

const brand = (overrides: Partial<PrintingBrand>): PrintingBrand => ({
  locales: ["en", "es"],
  paper: "a4",
  materials: [...printableIds],
  ...overrides,
});

describe("planPrints", () => {
  it("gives an a4 brand A3 and A4 posters, A4 everything else, the card alone and ten up, images in pixels, per SPEC", () => {
    expect(planPrints(brand({ locales: ["en"] })).map((p) => p.path)).toEqual([
      "print/poster-en-a3.pdf",
      "print/poster-en-a4.pdf",
      "print/poster-en-a3-low-ink.pdf",
      "print/poster-en-a4-low-ink.pdf",
      "print/one-minute-guide-en-a4.pdf",
      "print/one-minute-guide-en-a4-large-print.pdf",
      "print/one-minute-guide-en-a4-low-ink.pdf",
      "print/parent-flyer-en-a4.pdf",
      "print/parent-flyer-en-a4-large-print.pdf",
      "print/parent-flyer-en-a4-low-ink.pdf",
      "print/discussion-guide-en-a4.pdf",
      "print/discussion-guide-en-a4-low-ink.pdf",
      "print/wallet-card-en-id1.pdf",
      "print/wallet-card-en-a4.pdf",
      "print/wallet-card-en-id1-low-ink.pdf",
      "print/wallet-card-en-a4-low-ink.pdf",
      "print/social-en-square.png",
      "print/social-en-story.png",
    ]);
  });

  it("gives a letter brand tabloid, letter and card sizes, and the images' pixel sizes", () => {
    const sizes = new Set(planPrints(brand({ paper: "letter" })).map((p) => p.size));
    expect([...sizes].sort()).toEqual(["id1", "letter", "square", "story", "tabloid"]);
  });

  it("pairs the brand's first two locales in the parent flyer", () => {
    const flyer = planPrints(brand({ locales: ["es", "en", "fr"] }), { materials: ["parent-flyer"] });
    expect(flyer).toEqual([{ material: "parent-flyer", locales: ["es", "en"], size: "a4", path: "print/parent-flyer-es-en-a4.pdf" }]);
  });

  it("honours the brand's materials subset and the --material and --locale filters, a variant named on its own", () => {
    expect(planPrints(brand({ materials: ["poster"] })).every((p) => p.material === "poster" && !p.variant)).toBe(true);
    const spanishOnly = planPrints(brand({}), { locales: ["es"], materials: ["poster", "parent-flyer", "one-minute-guide-large-print"] });
    expect(spanishOnly.map((p) => p.path)).toEqual([
      "print/poster-es-a3.pdf",
      "print/poster-es-a4.pdf",
      "print/one-minute-guide-es-a4-large-print.pdf",
    ]);
  });

  it("lets large print flow to as many pages as it needs; low ink keeps its material's page rule", () => {
    const [guide, large, low] = planPrints(brand({ locales: ["en"] }), {
      materials: ["one-minute-guide", "one-minute-guide-large-print", "one-minute-guide-low-ink"],
    });
    expect([guide, large, low].map((p) => expectedPages(p!))).toEqual([1, undefined, 1]);
    expect(large).toMatchObject({ material: "one-minute-guide", variant: "large-print" });
  });
});
