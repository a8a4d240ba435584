/**
 * Brand packs end to end: a partnership's pack that lives outside the
 * repository, the Spanish-first NGO pack and a pack fresh from
 * `npm run new-brand`, each built and its PDFs read back.
 */
import { cpSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Manifest } from "../../src/print/manifest.ts";
import { FIXTURE_BRANDS, run, tempDir } from "../helpers/cli.ts";
import { TEST_PRINT_CACHE } from "./shared-build.ts";
import { expectPaper, hasPoppler, imageHeights, loadPdf, pageText } from "../helpers/pdf.ts";

async function build(brand: string, extra: string[] = []) {
  const out = join(tempDir("brand-build"), "dist");
  const result = await run("build", ["--brand", brand, "--out", out, ...extra], { UPSTANDER_CACHE: TEST_PRINT_CACHE });
  expect(result.stderr).not.toMatch(/^error/m);
  expect(result.code).toBe(0);
  return out;
}

const manifestOf = (site: string) => JSON.parse(readFileSync(join(site, "manifest.json"), "utf8")) as Manifest;

describe("a partnership's pack in a folder outside the repository (gb, a4)", () => {
  let site: string;
  beforeAll(async () => {
    const pack = join(tempDir("outside"), "partnership-pack");
    cpSync(join(FIXTURE_BRANDS, "northshire"), pack, { recursive: true });
    site = join(await build(pack), "northshire");
  });

  it("gets the A4 family: A3 and A4 posters, A4 guide, flyer and discussion guide, the card alone and ten up on A4, at their exact sizes", async () => {
    const files = manifestOf(site).files.filter((f) => f.path.endsWith(".pdf"));
    expect(
      files
        .filter((f) => !f.variant)
        .map((f) => f.size)
        .sort(),
    ).toEqual([
      // Five languages: an A3 poster each; A4 posters, guides, discussion guides and card sheets each, and five flyer pairs; a card each.
      ...Array(5).fill("a3"),
      ...Array(25).fill("a4"),
      ...Array(5).fill("id1"),
    ]);
    for (const file of files) expectPaper(await loadPdf(join(site, file.path)), file.size, file.path);
  });

  it("names the partnership as every PDF's author", async () => {
    for (const file of manifestOf(site).files.filter((f) => f.path.endsWith(".pdf"))) {
      expect((await loadPdf(join(site, file.path))).getAuthor(), file.path).toBe("Northshire Safeguarding Children Partnership");
    }
  });

  it.skipIf(!hasPoppler)("prints its own contacts first on the one-minute guide, then the region's, and 999", () => {
    const text = pageText(join(site, "print", "one-minute-guide-en-a4.pdf"), 1);
    expect(text).toContain("Northshire Safeguarding Children Partnership");
    const frontDoor = text.indexOf("Northshire Children's Front Door · 01632 960 123");
    expect(frontDoor).toBeGreaterThan(-1);
    expect(text.indexOf("Professionals Online Safety Helpline")).toBeGreaterThan(frontDoor);
    expect(text).toContain("01632 960 456");
    expect(text).toContain("call 999");
    // The brand's override of a locked step, in its own words.
    expect(text).toContain("they call the Children's Front Door that day");
  });

  it.skipIf(!hasPoppler)("leaves its professionals-only contact off the young people's poster", () => {
    const text = pageText(join(site, "print", "poster-en-a4.pdf"), 1);
    expect(text).toContain("0800 1111");
    expect(text).not.toContain("01632 960 456");
  });

  it("uses its colours and logo on the site", () => {
    const css = readFileSync(join(site, "assets", "site.css"), "utf8");
    expect(css).toContain("--color-primary:#0b3d91");
    expect(readFileSync(join(site, "en", "index.html"), "utf8")).toContain('src="../assets/logo.svg"');
  });
});

describe("the NGO pack (ca, Spanish first, PNG logo, two materials)", () => {
  let site: string;
  beforeAll(() => {
    site = join(inject("sharedBuild").out, "puente");
  });

  it("makes only its materials, on Letter (Canada's paper), the flyer pairing Spanish then English", () => {
    const paths = manifestOf(site)
      .files.map((f) => f.path)
      .sort();
    expect(paths).toEqual([
      "print/parent-flyer-es-en-letter.pdf",
      "print/poster-en-letter.pdf",
      "print/poster-en-tabloid.pdf",
      "print/poster-es-letter.pdf",
      "print/poster-es-tabloid.pdf",
      "print/poster-fr-letter.pdf",
      "print/poster-fr-tabloid.pdf",
    ]);
    expect(manifestOf(site).files.find((f) => f.material === "parent-flyer")!.locales).toEqual(["es", "en"]);
  });

  it.skipIf(!hasPoppler)("prints the flyer's page 1 in Spanish and page 2 in English, each with the region's 911", () => {
    const flyer = join(site, "print", "parent-flyer-es-en-letter.pdf");
    expect(pageText(flyer, 1)).toMatch(/Sextorsión: lo que madres/);
    expect(pageText(flyer, 1)).toContain("llame al 911");
    expect(pageText(flyer, 2)).toMatch(/Sextortion: what parents/);
    expect(pageText(flyer, 2)).toContain("call 911");
    expect(pageText(flyer, 2)).toContain("1-416-555-0142");
  });

  it("serves a small copy of its PNG logo on the site and prints the full-resolution one", async () => {
    const web = await sharp(join(site, "assets", "logo.png")).metadata();
    expect(web.height).toBe(128);
    expect(readdirSync(join(site, "assets"))).not.toContain("logo-print.png");
    const original = await sharp(join(FIXTURE_BRANDS, "puente", "logo.png")).metadata();
    const pdf = await loadPdf(join(site, "print", "poster-es-tabloid.pdf"));
    expect(imageHeights(pdf)).toContain(original.height);
  });

  it("sets Lexend and the strong colour scheme in the site's stylesheet", () => {
    const css = readFileSync(join(site, "assets", "site.css"), "utf8");
    expect(css).toContain('font-family:"Lexend"');
    expect(css).toContain("--color-primary:#5b1a8f");
  });
});

describe("npm run new-brand", () => {
  let pack: string;
  let created: { code: number; stdout: string };
  beforeAll(async () => {
    pack = join(tempDir("new-brand"), "kestrel");
    created = await run("new-brand", ["kestrel-trust", "--region", "au", "--dir", pack]);
  });

  it("writes a pack whose every field is explained by a comment", () => {
    expect(created.code).toBe(0);
    const lines = readFileSync(join(pack, "brand.yaml"), "utf8").split("\n");
    expect(lines[0]).toMatch(/^# yaml-language-server: \$schema=\S+\/data\/schemas\/brand\.schema\.json$/);
    const fields = lines.map((line, i) => ({ line, i })).filter(({ line }) => /^\s*[a-zA-Z]+:/.test(line));
    expect(fields.length).toBeGreaterThan(10);
    for (const { line, i } of fields) expect(lines[i - 1], line).toMatch(/^\s*#/);
  });

  it("is refused by check only for its placeholder logo, named as the next thing to do", async () => {
    expect(created.stdout).toContain("Next: replace logo.svg with your logo");
    const checked = await run("check", ["--brand", pack]);
    expect(checked.code).toBe(1);
    expect(checked.stderr.match(/^error: .*$/gm)).toEqual([
      expect.stringMatching(/logo: logo\.svg is still the placeholder new-brand wrote/),
    ]);
  });

  it.skipIf(!hasPoppler)("with a logo of its own, builds at once, with Australia's contacts, 000 and A4 paper", async () => {
    cpSync(join(FIXTURE_BRANDS, "upstander", "logo.svg"), join(pack, "logo.svg"));
    const site = join(await build(pack, ["--material", "one-minute-guide"]), "kestrel-trust");
    const guide = join(site, "print", "one-minute-guide-en-a4.pdf");
    expectPaper(await loadPdf(guide), "a4", guide);
    const text = pageText(guide, 1);
    expect(text).toContain("call 000");
    expect(text).toContain("accce.gov.au/report");
  });
});
