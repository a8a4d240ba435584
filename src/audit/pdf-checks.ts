/**
 * What makes a PDF accessible, read with pdf-lib: tagged (MarkInfo Marked and
 * a structure tree), a /Lang for its content (and the second language marked
 * on a bilingual flyer), a Title shown in the window's title bar, an outline
 * when it has more than one page, alternative text on every figure, and
 * real text (fonts on every page) rather than outlines or images of text.
 * https://www.w3.org/WAI/WCAG22/Techniques/#pdf
 */
import { readFile } from "node:fs/promises";
import { PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from "pdf-lib";
import { roleMap, standardStructureTypes, structureTypesUsed } from "../print/structure-roles.ts";

const text = (value: PDFObject | undefined) =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

export function catalogFacts(pdf: PDFDocument) {
  const markInfo = pdf.catalog.lookupMaybe(PDFName.of("MarkInfo"), PDFDict);
  const preferences = pdf.catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict);
  return {
    marked: markInfo?.get(PDFName.of("Marked")) === PDFBool.True,
    structTree: pdf.catalog.has(PDFName.of("StructTreeRoot")),
    lang: text(pdf.catalog.get(PDFName.of("Lang"))),
    displayDocTitle: preferences?.get(PDFName.of("DisplayDocTitle")) === PDFBool.True,
    outline: pdf.catalog.has(PDFName.of("Outlines")),
  };
}

/** Every structure element's /Alt text, every /Lang set on one, and how many figures lack /Alt. */
export function structureFacts(pdf: PDFDocument): { alts: string[]; langs: string[]; figuresWithoutAlt: number } {
  const alts: string[] = [];
  const langs: string[] = [];
  let figuresWithoutAlt = 0;
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("S")) === undefined) continue;
    const alt = text(object.get(PDFName.of("Alt")));
    const lang = text(object.get(PDFName.of("Lang")));
    if (alt) alts.push(alt);
    else if (object.get(PDFName.of("S")) === PDFName.of("Figure")) figuresWithoutAlt++;
    if (lang) langs.push(lang);
  }
  return { alts, langs, figuresWithoutAlt };
}

/** Pages with no font in their resources: their words, if any, are pictures a screen reader cannot read. */
function pagesWithoutText(pdf: PDFDocument): number[] {
  return pdf.getPages().flatMap((page, index) => {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
    return fonts && fonts.keys().length ? [] : [index + 1];
  });
}

/** One message per failed requirement; none for an accessible PDF. `locales` are the file's languages, in order. */
export async function checkPdf(path: string, locales: readonly string[]): Promise<string[]> {
  const pdf = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  const catalog = catalogFacts(pdf);
  const structure = structureFacts(pdf);
  const problems: string[] = [];
  if (!catalog.marked || !catalog.structTree)
    problems.push("is not tagged (no MarkInfo Marked or no StructTreeRoot): screen readers cannot follow it");
  if (catalog.lang !== locales[0]) problems.push(`declares /Lang ${catalog.lang ?? "(none)"}, not ${locales[0]}`);
  for (const other of locales.slice(1)) {
    if (!structure.langs.includes(other)) problems.push(`marks no part as /Lang ${other}, though it has ${other} text`);
  }
  if (!pdf.getTitle()?.trim() || !catalog.displayDocTitle)
    problems.push("has no Title shown in the title bar (Title plus DisplayDocTitle)");
  if (pdf.getPageCount() > 1 && !catalog.outline) problems.push(`has ${pdf.getPageCount()} pages but no outline (bookmarks)`);
  if (structure.figuresWithoutAlt) problems.push(`has ${structure.figuresWithoutAlt} figure(s) without alternative text`);
  const map = roleMap(pdf);
  const unmapped = [...structureTypesUsed(pdf)].filter((type) => !standardStructureTypes.has(type) && !map.has(type)).sort();
  if (unmapped.length)
    problems.push(`uses structure type(s) ${unmapped.join(", ")} with no RoleMap entry: a PDF 1.7 reader does not know them`);
  const imageOnly = pagesWithoutText(pdf);
  if (imageOnly.length) problems.push(`has no real text on page(s) ${imageOnly.join(", ")}`);
  return problems;
}
