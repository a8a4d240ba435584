/**
 * A material is its registry entry and its folder: this registers a
 * throwaway material from tests/fixtures/materials/bookmark (template and
 * CSS) and builds it for a fixture brand in process. Nothing else in the
 * code knows it: planning, the page rule, rendering, styles, the PDF's
 * metadata and the manifest entry all come from the registry. (Its strings
 * go in the locale files, like any material's.)
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { expect, it } from "vitest";
import { buildPrints, PrintSession } from "../../src/build/print.ts";
import { runChecks } from "../../src/checks.ts";
import { progress } from "../../src/infra/progress.ts";
import { ROOT } from "../../src/infra/paths.ts";
import { planPrints } from "../../src/materials/plan.ts";
import { registerMaterial, type MaterialId } from "../../src/materials/registry.ts";
import { printStylesheet } from "../../src/site/plugins/assets.ts";
import { localizeBrand } from "../../src/site/target.ts";
import { copyOfData, tempDir } from "../helpers/cli.ts";
import { hasPoppler, pageText } from "../helpers/pdf.ts";

it("builds a material registered from a folder outside templates/, with no other change to the code", async () => {
  registerMaterial("bookmark", {
    output: "pdf",
    variants: [],
    audience: "young-people",
    sizes: { a4: ["a4"], letter: ["letter"] },
    locales: "one",
    pages: { exactly: 1 },
    folder: join(ROOT, "tests", "fixtures", "materials", "bookmark"),
  });
  const data = copyOfData();
  // Its strings in every language (a test's stand-in English where it has no words of its own).
  const words: Record<string, [string, string]> = {
    en: ["Bookmark", "Keep this bookmark"],
    es: ["Marcapáginas", "Guarda este marcapáginas"],
  };
  for (const locale of readdirSync(join(data, "locales"))) {
    const [name, title] = words[locale] ?? words.en!;
    const file = join(data, "locales", locale!, "ui.yaml");
    const text = readFileSync(file, "utf8")
      .replace(/^ {2}materials:\n/m, `  materials:\n    bookmark: ${name}\n`)
      .replace(/^ {2}print:\n/m, `  print:\n    bookmark:\n      title: ${title}\n`);
    writeFileSync(file, text);
  }
  const { content, brands, problems } = runChecks({ dataDir: data, brandDirs: [join(data, "brands", "northshire")] });
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  const brand = { ...brands[0]!, locales: ["en", "es"], materials: ["bookmark" as MaterialId] };
  const plan = planPrints(brand);
  expect(plan.map((file) => file.path)).toEqual(["print/bookmark-en-a4.pdf", "print/bookmark-es-a4.pdf"]);

  const out = join(tempDir("bookmark"), "northshire");
  mkdirSync(out, { recursive: true });
  const buildDir = tempDir("bookmark-build");
  const session = new PrintSession({ bleed: false, progress: progress(2, new PassThrough() as never), buildDir });
  try {
    const made = await buildPrints({ content: content!, brand, sites: localizeBrand(content!, brand) }, plan, out, session);
    expect(made.map((file) => [file.path, file.material, file.pages])).toEqual([
      ["print/bookmark-en-a4.pdf", "bookmark", 1],
      ["print/bookmark-es-a4.pdf", "bookmark", 1],
    ]);
  } finally {
    await session.close();
  }
  // Its CSS comes with it, from its folder, into the print stylesheet.
  expect(printStylesheet(brand, {})).toContain(".bookmark__steps { font-size: 16pt;");
  if (hasPoppler) {
    const text = pageText(join(out, "print", "bookmark-es-a4.pdf"), 1);
    expect(text).toContain("Guarda este marcapáginas");
    // The QR code of the young people's main service, from the registry's audience.
    expect(text).toContain("childline.org.uk");
  }
});
