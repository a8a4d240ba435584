/**
 * Honest translation status and the translators' workflow, on a copy of the
 * fixture data: every language's reviewed share in npm run check, a text
 * turning unreviewed when its English changes, plural forms per language,
 * and the PO file round trip (export, import, refusal with the PO line).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyOfData, run, tempDir, treeHash } from "../helpers/cli.ts";

const translations = (data: string, ...args: string[]) => run("translations", args, { UPSTANDER_DATA: data });
const check = (data: string) => run("check", [], { UPSTANDER_DATA: data });

/** A copy of data with one Spanish text reviewed through a PO file, as a translator would. */
async function withOneReviewed(): Promise<{ data: string; po: string }> {
  const data = copyOfData();
  const po = join(tempDir("po"), "es.po");
  expect((await translations(data, "export", "es", po)).code).toBe(0);
  const text = readFileSync(po, "utf8")
    .replace(
      '"X-Source-Language: en\\n"\n',
      '"X-Source-Language: en\\n"\n"Last-Translator: Ana García <ana@example.org>\\n"\n"PO-Revision-Date: 2026-11-30 10:00+0000\\n"\n',
    )
    .replace('#, fuzzy\nmsgctxt "site.tagline"', 'msgctxt "site.tagline"');
  writeFileSync(po, text);
  const imported = await translations(data, "import", "es", po);
  expect(imported.stderr).toBe("");
  expect(imported.code).toBe(0);
  return { data, po };
}

describe("translation status", () => {
  it("npm run check prints each language's share reviewed by a fluent speaker", async () => {
    const result = await check(copyOfData());
    expect(result.code).toBe(0);
    for (const locale of ["es", "fr", "ar", "ur", "pl", "uk"])
      expect(result.stdout).toMatch(new RegExp(`^translation ${locale}: 0% reviewed by a fluent speaker \\(0 of \\d+ texts\\)$`, "m"));
    expect(result.stdout).not.toMatch(/^translation en/m);
  });

  it("records a reviewed text with who and when, and counts it", async () => {
    const { data } = await withOneReviewed();
    expect(readFileSync(join(data, "locales", "es", "review.yaml"), "utf8")).toMatch(
      /site\.tagline:\n {2}by: Ana García\n {2}on: 2026-11-30\n {2}source: [0-9a-f]{12}\n/,
    );
    expect((await check(data)).stdout).toMatch(/^translation es: 0% reviewed by a fluent speaker \(1 of \d+ texts\)$/m);
  });

  it("turns a reviewed text back to unreviewed when its English changes", async () => {
    const { data } = await withOneReviewed();
    const ui = join(data, "locales", "en", "ui.yaml");
    writeFileSync(
      ui,
      readFileSync(ui, "utf8").replace("tagline: Help and information about sextortion", "tagline: Help and facts about sextortion"),
    );
    expect((await check(data)).stdout).toMatch(
      /^translation es: 0% reviewed by a fluent speaker \(0 of \d+ texts\); 1 reviewed against English that has changed since$/m,
    );
  });

  it("needs every plural form a language uses: Arabic six, Polish four", async () => {
    const data = copyOfData();
    for (const [locale, form] of [
      ["ar", "few"],
      ["pl", "many"],
    ] as const) {
      const ui = join(data, "locales", locale, "ui.yaml");
      writeFileSync(ui, readFileSync(ui, "utf8").replace(new RegExp(`\\n {8}${form}: [^\\n]*`), ""));
    }
    const result = await check(data);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /ar\/ui\.yaml:\d+: strings\.pages\.downloads\.pages: missing the plural form\(s\) few: ar has zero, one, two, few, many, other/,
    );
    expect(result.stderr).toMatch(/pl\/ui\.yaml:\d+: strings\.pages\.downloads\.pages: missing the plural form\(s\) many/);
  });
});

describe("npm run translations", () => {
  it("exports a PO file: the key as context, the English, a reference to its line, and fuzzy while unreviewed", async () => {
    const data = copyOfData();
    const po = join(tempDir("po"), "ar.po");
    expect((await translations(data, "export", "ar", po)).code).toBe(0);
    const text = readFileSync(po, "utf8");
    expect(text).toContain('"Language: ar\\n"');
    expect(text).toMatch(
      /#: \S*locales\/en\/ui\.yaml:\d+\n#, fuzzy\nmsgctxt "site\.tagline"\nmsgid "Help and information about sextortion"\nmsgstr "[^"]+"\n/,
    );
    // Arabic's plural forms, each from the English "other".
    expect(text).toMatch(
      /#: [^\n]+\n#\. plural form "few" \(Unicode CLDR\) of a text with \{count\}\n#, fuzzy\nmsgctxt "pages\.downloads\.pages\.few"\nmsgid "\{count\} pages"/,
    );
  });

  it("round trip with no change: every data file byte for byte as it was, and the same PO file again", async () => {
    const data = copyOfData();
    const dir = tempDir("po");
    await translations(data, "export", "ur", join(dir, "first.po"));
    const before = treeHash(data);
    const imported = await translations(data, "import", "ur", join(dir, "first.po"));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/0 file\(s\) changed/);
    expect(treeHash(data)).toBe(before);
    await translations(data, "export", "ur", join(dir, "second.po"));
    expect(readFileSync(join(dir, "second.po"), "utf8")).toBe(readFileSync(join(dir, "first.po"), "utf8"));
  });

  it("refuses a file whose translation breaks a placeholder, naming its line, and changes nothing", async () => {
    const data = copyOfData();
    const po = join(tempDir("po"), "fr.po");
    await translations(data, "export", "fr", po);
    const lines = readFileSync(po, "utf8").split("\n");
    const entry = lines.indexOf('msgctxt "site.language-switch"');
    const msgstr = lines.findIndex((line, i) => i > entry && line.startsWith("msgstr"));
    lines[msgstr] = lines[msgstr]!.replace("{language}", "{langue}");
    writeFileSync(po, lines.join("\n"));
    const before = treeHash(data);
    const result = await translations(data, "import", "fr", po);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`fr.po:${msgstr + 1}: translations: site.language-switch: `);
    expect(result.stderr).toMatch(/\{langue\}/);
    expect(treeHash(data)).toBe(before);
  });

  it("refuses newly reviewed entries with no reviewer named in Last-Translator", async () => {
    const data = copyOfData();
    const po = join(tempDir("po"), "pl.po");
    await translations(data, "export", "pl", po);
    writeFileSync(po, readFileSync(po, "utf8").replace('#, fuzzy\nmsgctxt "site.tagline"', 'msgctxt "site.tagline"'));
    const result = await translations(data, "import", "pl", po);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /pl\.po: translations: Last-Translator: 1 entry is no longer fuzzy, so reviewed: name the fluent speaker/,
    );
  });
});
