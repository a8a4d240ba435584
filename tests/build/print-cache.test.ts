/**
 * A poisoned print cache never reaches the output: a truncated PDF, a PDF
 * given a JavaScript action (with its checksum forged to match), a page
 * count written into the entry, and an entry that is not JSON are each
 * dropped with a warning naming the entry, and the file is printed again.
 */
import { createHash } from "node:crypto";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { beforeAll, expect, it } from "vitest";
import { unsafePdfParts } from "../../src/print/pdf-safety.ts";
import { copyOfData, run, tempDir } from "../helpers/cli.ts";

const args = ["--brand", "upstander", "--material", "one-minute-guide", "--locale", "en"];
const pdfName = "one-minute-guide-en-letter.pdf";
let data: string;
/** One build's cache with its one entry, printed once; each test poisons a copy of it. */
let printed: string;
beforeAll(async () => {
  data = copyOfData();
  printed = tempDir("cache");
  expect(
    (await run("build", [...args, "--out", join(tempDir("out"), "dist")], { UPSTANDER_DATA: data, UPSTANDER_CACHE: printed })).code,
  ).toBe(0);
});

/** Copies the printed cache, lets `poison` change its one entry, builds with it; returns that run and its output. */
async function rebuildWithPoisoned(poison: (entry: { pdf: string; json: string }) => Promise<void> | void) {
  const cache = tempDir("cache");
  cpSync(printed, cache, { recursive: true });
  const out = join(tempDir("out"), "dist");
  const key = readdirSync(cache)
    .find((file) => file.endsWith(".json"))!
    .slice(0, -".json".length);
  await poison({ pdf: join(cache, `${key}.pdf`), json: join(cache, `${key}.json`) });
  const second = await run("build", [...args, "--out", out], { UPSTANDER_DATA: data, UPSTANDER_CACHE: cache });
  const pdf = await PDFDocument.load(readFileSync(join(out, "upstander", "print", pdfName)));
  const manifest = JSON.parse(readFileSync(join(out, "upstander", "manifest.json"), "utf8")) as { files: Array<{ pages: number }> };
  return { second, key, pdf, manifest };
}

async function expectReprinted(poison: Parameters<typeof rebuildWithPoisoned>[0], reason: string) {
  const { second, key, pdf, manifest } = await rebuildWithPoisoned(poison);
  expect(second.code).toBe(0);
  expect(second.stderr).toContain(`warning: print cache entry`);
  expect(second.stderr).toContain(`${key}.json failed its check (${reason}`);
  expect(second.stdout).toContain("(1 printed, 0 unchanged)");
  expect(pdf.getPageCount()).toBe(1);
  expect(unsafePdfParts(pdf)).toEqual([]);
  expect(manifest.files[0]!.pages).toBe(1);
}

it("a truncated PDF", () =>
  expectReprinted(
    ({ pdf }) => writeFileSync(pdf, readFileSync(pdf).subarray(0, 500)),
    "its pdf file does not match the checksum recorded with it",
  ));

it("a PDF given a JavaScript action, its checksum forged to match, and a page count of 99", () =>
  expectReprinted(async ({ pdf, json }) => {
    const document = await PDFDocument.load(readFileSync(pdf));
    document.catalog.set(PDFName.of("OpenAction"), document.context.obj({ S: "JavaScript", JS: PDFString.of("app.alert(1)") }));
    const bytes = await document.save();
    writeFileSync(pdf, bytes);
    const entry = JSON.parse(readFileSync(json, "utf8")) as { sha256: { pdf: string } };
    entry.sha256.pdf = createHash("sha256").update(bytes).digest("hex");
    writeFileSync(json, JSON.stringify({ ...entry, pages: 99 }));
  }, "the PDF holds /JS, /OpenAction, a /JavaScript action"));

it("an entry that is not JSON", () => expectReprinted(({ json }) => writeFileSync(json, "{not json"), "Expected property name"));
