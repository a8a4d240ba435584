/**
 * Bookmark titles and link descriptions from the page's own words.
 * Chromium builds each bookmark from its heading's laid-out lines and joins
 * them with no space ("a discussion guide" wrapped after "a" becomes
 * "adiscussion guide"), and gives link annotations no description. The
 * print step reads each heading's and link's text in the page (as a reader
 * hears it, spaces included) and the finishing step sets them here: a
 * bookmark matches its heading when both are equal without their spaces.
 * Links need a description in /Contents (PDF/UA-1 7.18.5, Matterhorn 28-012).
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDocument } from "pdf-lib";
import { dictOf, numberTreeEntry, structTreeRoot, typeOf } from "./structure-tree.ts";

export interface PageWords {
  /** Each heading's text, in document order. */
  headings: string[];
  /** Each link's address and text, in document order. */
  links: Array<{ href: string; text: string }>;
}

const squeezed = (text: string) => text.replace(/\s+/g, "");
const textOf = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);

/** Every bookmark, depth first. */
export function outlineItems(pdf: PDFDocument): PDFDict[] {
  const items: PDFDict[] = [];
  const visit = (first: PDFDict | undefined) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of("Next"), PDFDict)) {
      items.push(item);
      visit(item.lookupMaybe(PDFName.of("First"), PDFDict));
    }
  };
  visit(pdf.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.lookupMaybe(PDFName.of("First"), PDFDict));
  return items;
}

export const outlineTitles = (pdf: PDFDocument) => outlineItems(pdf).map((item) => textOf(item.get(PDFName.of("Title"))) ?? "");

/**
 * Which heading a bookmark title was made from: the same letters without
 * spaces; or that twice (Chromium repeats a heading whose box a page break
 * splits); or, for right-to-left text, which Chromium writes in visual
 * order, the same letters in any order.
 */
function headingFor(title: string, headings: string[]): string | undefined {
  const letters = squeezed(title);
  const sorted = (text: string) => [...squeezed(text)].sort().join("");
  return (
    headings.find((heading) => squeezed(heading) === letters) ??
    headings.find((heading) => squeezed(heading).repeat(2) === letters) ??
    headings.find((heading) => sorted(heading) === sorted(title))
  );
}

export function setOutlineTitles(pdf: PDFDocument, headings: string[]): void {
  for (const item of outlineItems(pdf)) {
    const heading = headingFor(textOf(item.get(PDFName.of("Title"))) ?? "", headings);
    if (heading) item.set(PDFName.of("Title"), PDFHexString.fromText(heading));
  }
}

/** Every link annotation, with its address and description. */
export function linkAnnotations(pdf: PDFDocument): Array<{ annotation: PDFDict; uri?: string; contents?: string; page: number }> {
  return pdf.getPages().flatMap((page, index) =>
    (page.node.lookupMaybe(PDFName.of("Annots"), PDFArray)?.asArray() ?? []).flatMap((ref) => {
      const annotation = dictOf(pdf, ref);
      if (annotation?.get(PDFName.of("Subtype")) !== PDFName.of("Link")) return [];
      const uri = textOf(annotation.lookupMaybe(PDFName.of("A"), PDFDict)?.get(PDFName.of("URI")));
      return [{ annotation, uri, contents: textOf(annotation.get(PDFName.of("Contents"))), page: index + 1 }];
    }),
  );
}

const sameAddress = (a: string, b: string) => a === b || a.replace(/\/$/, "") === b.replace(/\/$/, "");

/** The Link structure element an annotation belongs to, if any. */
export function linkElementOf(pdf: PDFDocument, annotation: PDFDict): PDFDict | undefined {
  const key = annotation.get(PDFName.of("StructParent"));
  const parentTree = structTreeRoot(pdf)?.lookupMaybe(PDFName.of("ParentTree"), PDFDict);
  const element = key instanceof PDFNumber && parentTree ? numberTreeEntry(pdf, parentTree, key.asNumber()) : undefined;
  return element instanceof PDFDict && typeOf(element) === "Link" ? element : undefined;
}

/**
 * Sets each link's /Contents to its text on the page; a link not found there
 * is described by its address. A link in content hidden from assistive
 * technology (the repeated cards of a card sheet) has no Link element, and
 * every annotation must be in the tree (PDF/UA-1 7.18.1): it stays printed
 * text, without the annotation.
 */
export function describeLinks(pdf: PDFDocument, links: PageWords["links"]): void {
  for (const page of pdf.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    for (let i = (annots?.size() ?? 0) - 1; i >= 0; i--) {
      const annotation = dictOf(pdf, annots!.get(i));
      if (annotation?.get(PDFName.of("Subtype")) === PDFName.of("Link") && !linkElementOf(pdf, annotation)) annots!.remove(i);
    }
  }
  for (const { annotation, uri } of linkAnnotations(pdf)) {
    const text = links.find((link) => uri !== undefined && sameAddress(link.href, uri))?.text ?? uri?.replace(/^(tel|mailto):/, "");
    if (text) annotation.set(PDFName.of("Contents"), PDFHexString.fromText(text));
  }
}
