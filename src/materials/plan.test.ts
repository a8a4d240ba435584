import { describe, expect, it } from "vitest";
import { materialIds } from "./registry.ts";
import { planPrints, type PrintingBrand } from "./plan.ts";

const brand = (overrides: Partial<PrintingBrand>): PrintingBrand => ({
  locales: ["en", "es"],
  paper: "a4",
  materials: [...materialIds],
  ...overrides,
});

describe("planPrints", () => {
  it("gives an a4 brand A3 and A4 posters and A4 everything else, per SPEC", () => {
    expect(planPrints(brand({})).map((p) => p.path)).toEqual([
      "print/poster-en-a3.pdf",
      "print/poster-en-a4.pdf",
      "print/poster-es-a3.pdf",
      "print/poster-es-a4.pdf",
      "print/one-minute-guide-en-a4.pdf",
      "print/one-minute-guide-es-a4.pdf",
      "print/parent-flyer-en-es-a4.pdf",
      "print/discussion-guide-en-a4.pdf",
      "print/discussion-guide-es-a4.pdf",
    ]);
  });

  it("gives a letter brand tabloid and letter sizes only", () => {
    const sizes = new Set(planPrints(brand({ paper: "letter" })).map((p) => p.size));
    expect([...sizes].sort()).toEqual(["letter", "tabloid"]);
  });

  it("pairs the brand's first two locales in the parent flyer", () => {
    const flyer = planPrints(brand({ locales: ["es", "en", "fr"] }), { materials: ["parent-flyer"] });
    expect(flyer).toEqual([{ material: "parent-flyer", locales: ["es", "en"], size: "a4", path: "print/parent-flyer-es-en-a4.pdf" }]);
  });

  it("honours the brand's materials subset and the --material and --locale filters", () => {
    expect(planPrints(brand({ materials: ["poster"] })).every((p) => p.material === "poster")).toBe(true);
    const spanishOnly = planPrints(brand({}), { locales: ["es"], materials: ["poster", "parent-flyer"] });
    expect(spanishOnly.map((p) => p.path)).toEqual(["print/poster-es-a3.pdf", "print/poster-es-a4.pdf"]);
  });
});
