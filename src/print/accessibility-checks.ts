/**
 * What makes a PDF accessible, read with pdf-lib: tagged (MarkInfo Marked and
 * a structure tree), a /Lang for its content (and the second language marked
 * on a bilingual flyer), a Title shown in the window's title bar, an outline
 * when it has more than one page, alternative text on every figure, and
 * real text (fonts on every page) rather than outlines or images of text.
 * https://www.w3.org/WAI/WCAG22/Techniques/#pdf
 */
import { readFile } from "node:fs/promises";
import { PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFObject } from "pdf-lib";
import { markedContentProblems } from "./artifacts.ts";
import { linkAnnotations, linkElementOf } from "./outline.ts";
import { dictOf, kidsOf, structTreeRoot, structureElements, typeOf } from "./structure-tree.ts";
import { roleMap, standardStructureTypes, structureTypesUsed } from "./structure-roles.ts";
import { streamBytes } from "./streams.ts";

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
  return accessibilityProblems(await PDFDocument.load(await readFile(path), { updateMetadata: false }), locales);
}

/**
 * The WCAG PDF techniques above and the machine-checkable PDF/UA-1
 * conditions of the Matterhorn Protocol this project can test (the README
 * lists them, and those it cannot).
 */
export function accessibilityProblems(pdf: PDFDocument, locales: readonly string[]): string[] {
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
    problems.push("has no Title shown in the title bar (Title plus DisplayDocTitle; Matterhorn 07-001)");
  problems.push(...metadataProblems(pdf));
  if (pdf.getPageCount() > 1 && !catalog.outline) problems.push(`has ${pdf.getPageCount()} pages but no outline (bookmarks)`);
  if (structure.figuresWithoutAlt)
    problems.push(`has ${structure.figuresWithoutAlt} figure(s) without alternative text (Matterhorn 13-004)`);
  const map = roleMap(pdf);
  const unmapped = [...structureTypesUsed(pdf)].filter((type) => !standardStructureTypes.has(type) && !map.has(type)).sort();
  if (unmapped.length)
    problems.push(
      `uses structure type(s) ${unmapped.join(", ")} with no RoleMap entry: a PDF 1.7 reader does not know them (Matterhorn 02-001)`,
    );
  problems.push(...listProblems(pdf), ...headingProblems(pdf), ...linkProblems(pdf), ...fontEmbeddingProblems(pdf));
  problems.push(...markedContentProblems(pdf));
  const imageOnly = pagesWithoutText(pdf);
  if (imageOnly.length) problems.push(`has no real text on page(s) ${imageOnly.join(", ")}`);
  return problems;
}

/** The catalog's XMP packet, as text. */
export function xmpText(pdf: PDFDocument): string | undefined {
  const stream = pdf.catalog.lookup(PDFName.of("Metadata"));
  return stream instanceof PDFRawStream ? new TextDecoder().decode(streamBytes(stream)) : undefined;
}

function metadataProblems(pdf: PDFDocument): string[] {
  const xmp = xmpText(pdf);
  if (xmp === undefined) return ["has no XMP metadata stream (Matterhorn 06-001)"];
  const problems: string[] = [];
  if (!/<pdfuaid:part>1<\/pdfuaid:part>|pdfuaid:part="1"/.test(xmp))
    problems.push("its XMP does not say pdfuaid:part 1 (Matterhorn 06-002)");
  const title = /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xmp)?.[1];
  if (!title?.trim()) problems.push("its XMP has no dc:title (Matterhorn 06-003)");
  return problems;
}

const elementsOfType = (pdf: PDFDocument, type: string) => structureElements(pdf).filter(([, element]) => typeOf(element) === type);
const kidTypes = (pdf: PDFDocument, element: PDFDict) => kidsOf(element).map((kid) => typeOf(dictOf(pdf, kid)) ?? "marked content");

/** A list holds list items (and lists, a caption); a list item holds a label and a body (Matterhorn 09-005). */
function listProblems(pdf: PDFDocument): string[] {
  const wrongInList = elementsOfType(pdf, "L").flatMap(([, list]) =>
    kidTypes(pdf, list).filter((type) => !["LI", "L", "Caption"].includes(type)),
  );
  const wrongInItem = elementsOfType(pdf, "LI").flatMap(([, item]) =>
    kidTypes(pdf, item).filter((type) => !["Lbl", "LBody"].includes(type)),
  );
  const withoutBody = elementsOfType(pdf, "LI").filter(([, item]) => !kidTypes(pdf, item).includes("LBody")).length;
  const problems: string[] = [];
  if (withoutBody) problems.push(`has ${withoutBody} list item(s) without an LBody (Matterhorn 09-005)`);
  if (wrongInList.length)
    problems.push(
      `has ${wrongInList.length} list kid(s) that are not list items (${[...new Set(wrongInList)].join(", ")}; Matterhorn 09-005)`,
    );
  if (wrongInItem.length)
    problems.push(
      `has ${wrongInItem.length} list item kid(s) that are neither Lbl nor LBody (${[...new Set(wrongInItem)].join(", ")}; Matterhorn 09-005)`,
    );
  return problems;
}

/** Numbered headings start at H1 and never skip a level going down (Matterhorn 14-002, 14-003). */
function headingProblems(pdf: PDFDocument): string[] {
  const levels = structureElementsInOrder(pdf)
    .flatMap((element) => /^H([1-6])$/.exec(typeOf(element) ?? "")?.[1] ?? [])
    .map(Number);
  const problems: string[] = [];
  if (levels.length && levels[0] !== 1) problems.push(`its first heading is H${levels[0]}, not H1 (Matterhorn 14-002)`);
  const skips = levels.filter((level, index) => index > 0 && level > levels[index - 1]! + 1);
  if (skips.length) problems.push(`skips a heading level ${skips.length} time(s) (Matterhorn 14-003)`);
  return problems;
}

/** Structure elements in the tree's order (depth first from the root). */
function structureElementsInOrder(pdf: PDFDocument): PDFDict[] {
  const ordered: PDFDict[] = [];
  const visit = (node: PDFDict) => {
    for (const kid of kidsOf(node)) {
      const element = dictOf(pdf, kid);
      if (element?.has(PDFName.of("S"))) {
        ordered.push(element);
        visit(element);
      }
    }
  };
  const root = structTreeRoot(pdf);
  if (root) visit(root);
  return ordered;
}

/** Each link annotation sits in a Link element and says where it goes in /Contents (Matterhorn 28-011, 28-012). */
function linkProblems(pdf: PDFDocument): string[] {
  const links = linkAnnotations(pdf);
  const untagged = links.filter(({ annotation }) => !linkElementOf(pdf, annotation));
  const undescribed = links.filter(({ contents }) => !contents?.trim());
  const problems: string[] = [];
  if (untagged.length) problems.push(`has ${untagged.length} link annotation(s) not inside a Link structure element (Matterhorn 28-011)`);
  if (undescribed.length)
    problems.push(`has ${undescribed.length} link annotation(s) without a description in /Contents (Matterhorn 28-012)`);
  return problems;
}

/** Fonts whose program is not in the file: a reader's machine substitutes another (Matterhorn 31-001 and on). */
function fontEmbeddingProblems(pdf: PDFDocument): string[] {
  const missing: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type")) !== PDFName.of("FontDescriptor")) continue;
    if (!["FontFile", "FontFile2", "FontFile3"].some((key) => object.has(PDFName.of(key))))
      missing.push((object.get(PDFName.of("FontName")) as PDFName | undefined)?.decodeText() ?? "(unnamed)");
  }
  return missing.length ? [`does not embed font(s) ${missing.join(", ")} (Matterhorn 31-009)`] : [];
}
