/**
 * Packs no one designed the layouts for, generated (fast-check): every
 * region, one to four languages in any order, up to six contacts with
 * long real-world names, e-mail and web addresses, long brand names,
 * footers up to the allowed length, colours that pass the checks, a few
 * overrides, any subset of the materials and variants, with or without
 * tear-off tabs. Each either builds, with every
 * printed-layout check passing and no word printed over another in any PDF,
 * or is refused with named problems: never a stack trace.
 *
 * Four packs run in `npm test` (a new draw each run); UPSTANDER_SOAK=1 runs
 * 200, UPSTANDER_SOAK=N runs N.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { expect, it } from "vitest";
import { nearestPassingColour } from "../../src/brand/contrast.ts";
import { tintColours } from "../../src/brand/design-tokens.ts";
import { MAX_FOOTER_LENGTH, MAX_NAME_LENGTH, regionIds } from "../../src/brand/schema.ts";
import { printableIds } from "../../src/materials/registry.ts";
import { addStandInLanguages, copyOfData, FIXTURE_BRANDS, run, STAND_IN_LANGUAGES, tempDir } from "../helpers/cli.ts";
import { hasPoppler, overlappingWords, wordBoxes } from "../helpers/pdf.ts";

const soak = Number(process.env.UPSTANDER_SOAK ?? 0);
const RUNS = soak > 1 ? soak : soak === 1 ? 200 : 4;
const words = [
  "Saint",
  "Margaret's",
  "Oakfield",
  "Riverside",
  "Community",
  "Primary",
  "Academy",
  "Trust",
  "Safeguarding",
  "Children",
  "Partnership",
  "Northern",
  "Federation",
  "Learning",
  "Family",
  "Support",
  "Services",
  "Hub",
  "Centre",
  "Early",
  "Help",
  "Borough",
  "Council",
  "Youth",
  "Network",
];
/** English, Spanish and two stand-in languages: one to four languages a pack, in any order. */
const languages = ["en", "es", ...STAND_IN_LANGUAGES];
const data = copyOfData();
const cache = tempDir("cache");
addStandInLanguages(data);
/** Numbers in each region's published formats (ranges reserved for fiction where the region has one: they never connect). */
const phones: Record<(typeof regionIds)[number], string[]> = {
  us: ["1-202-555-0143", "(212) 555-0199", "1-800-555-0123"],
  gb: ["01632 960 001", "020 7946 0999", "0113 496 0000", "07700 900 123"],
  ca: ["416-555-0142", "1-604-555-0110", "(514) 555-0188"],
  au: ["(02) 5550 1234", "(03) 7010 9876", "0491 570 156"],
};
const letters = "abcdefghijklmnopqrstuvwxyz";

const phrase = (min: number, max: number) =>
  fc.array(fc.constantFrom(...words), { minLength: min, maxLength: max }).map((list) => list.join(" "));
const slug = fc.stringMatching(/^[a-z]{3,12}(-[a-z]{3,12}){0,3}$/);
/** A colour that passes against the page and every tint, from any starting colour. */
const passing = fc
  .stringMatching(/^#[0-9a-f]{6}$/)
  .map((colour) => nearestPassingColour(colour, ["#ffffff", ...Object.values(tintColours)]));

const contact = (region: (typeof regionIds)[number], locales: string[]) =>
  fc
    .record(
      {
        id: slug,
        name: phrase(2, 9).map((name) => Object.fromEntries(locales.map((l) => [l, name.slice(0, 120)]))),
        phone: fc.constantFrom(...phones[region]),
        email: fc.tuple(slug, slug).map(([user, domain]) => `${user.replace(/-/g, ".")}@${domain}.example`),
        url: fc.tuple(slug, fc.array(slug, { maxLength: 3 })).map(([host, path]) => `https://www.${host}.example/${path.join("/")}`),
        audience: fc.subarray(["young-people", "parents", "professionals"], { minLength: 1 }),
      },
      { requiredKeys: ["id", "name", "audience"] },
    )
    // A contact needs a way to reach it (the schema says so): a pack refused for that alone would test nothing of the layouts.
    .filter((c) => Boolean(c.phone || c.email || c.url));

const pack = fc
  .record({ region: fc.constantFrom(...regionIds), locales: fc.shuffledSubarray(languages, { minLength: 1 }) })
  .chain(({ region, locales }) =>
    fc.record({
      id: slug,
      name: phrase(1, 14).map((name) => name.slice(0, MAX_NAME_LENGTH)),
      shortName: phrase(1, 3),
      region: fc.constant(region),
      example: fc.constant(true),
      locales: fc.constant(locales),
      logo: fc.constant("logo.svg"),
      colors: fc.record({
        primary: passing,
        accent: fc.stringMatching(/^#[0-9a-f]{6}$/),
        text: passing,
        background: fc.constant("#ffffff"),
      }),
      contacts: fc
        .uniqueArray(contact(region, locales), { maxLength: 6, selector: (c) => c.id })
        .map((list) => list.map((c) => ({ ...c, phone: c.phone || undefined }))),
      // Up to four of the materials and variants, so each pack prints in seconds.
      materials: fc.shuffledSubarray([...printableIds], { minLength: 1, maxLength: 4 }),
      poster: fc.option(fc.record({ tearOffs: fc.boolean() }), { nil: undefined }),
      footer: fc.string({ unit: fc.constantFrom(...letters, " ", "."), minLength: 20, maxLength: MAX_FOOTER_LENGTH }).map((text) => {
        const footer = `Example: ${text.trim() || "test"}`.slice(0, MAX_FOOTER_LENGTH);
        return Object.fromEntries(locales.map((l) => [l, `${footer} (${l})`.slice(0, MAX_FOOTER_LENGTH)]));
      }),
    }),
  );

interface Outcome {
  id: string;
  built: boolean;
  problems: string[];
}
const outcomes: Outcome[] = [];

it.runIf(hasPoppler)(
  `${RUNS} generated packs: each builds with clean layouts, or is refused with named problems`,
  async () => {
    await fc.assert(
      fc.asyncProperty(pack, async (brand) => {
        const dir = join(tempDir("property"), brand.id);
        mkdirSync(dir);
        writeFileSync(join(dir, "brand.yaml"), stringify(brand));
        copyFileSync(join(FIXTURE_BRANDS, "upstander", "logo.svg"), join(dir, "logo.svg"));
        const out = join(tempDir("property-out"), "dist");
        const result = await run("build", ["--brand", dir, "--out", out], { UPSTANDER_DATA: data, UPSTANDER_CACHE: cache });
        expect(result.stderr).not.toMatch(/\n\s+at |fault in Upstander|Error:/);
        if (result.code !== 0) {
          const problems = result.stderr.split("\n").filter((line) => line.startsWith("error: "));
          expect(problems.length, result.stderr).toBeGreaterThan(0);
          outcomes.push({ id: brand.id, built: false, problems });
          return;
        }
        const print = join(out, brand.id, "print");
        for (const pdf of existsSync(print) ? readdirSync(print).filter((f) => f.endsWith(".pdf")) : []) {
          expect(overlappingWords(wordBoxes(join(print, pdf))), pdf).toEqual([]);
        }
        outcomes.push({ id: brand.id, built: true, problems: [] });
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // The soak run's summary, for a person reading the log: how many built, and why the others were refused.
    const refused = outcomes.filter((o) => !o.built);
    const reasons = refused.flatMap((o) =>
      o.problems.map((p) =>
        p
          .replace(/^error: \S+: /, "")
          .replace(/\d+(\.\d+)?/g, "N")
          .slice(0, 90),
      ),
    );
    const counted = [...new Set(reasons)].map((reason) => `${reasons.filter((r) => r === reason).length} x ${reason}`);
    console.log(
      `property packs: ${outcomes.length} generated, ${outcomes.length - refused.length} built, ${refused.length} refused\n${counted.join("\n")}`,
    );
  },
  60_000 + RUNS * 30_000,
);
