/**
 * Edits to the structure tree Chromium writes, in place (pdf-lib's
 * copyPages would drop the tree). Marked content on a page is tied to its
 * structure element through the ParentTree: page /StructParents N names an
 * array whose entry M is the element holding MCID M.
 * ISO 32000-1 14.7.4 (structure tree), 14.7.4.4 (ParentTree).
 */
import { PDFArray, PDFDict, PDFName, PDFNull, PDFNumber, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from "pdf-lib";

const K = PDFName.of("K");
const P = PDFName.of("P");
const S = PDFName.of("S");

/** The object, followed if a reference, when it is a dictionary. */
export function dictOf(pdf: PDFDocument, object: PDFObject | undefined): PDFDict | undefined {
  const value = object && pdf.context.lookup(object);
  return value instanceof PDFDict ? value : undefined;
}

export const structTreeRoot = (pdf: PDFDocument) => pdf.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);

/** A page's ParentTree array: index MCID gives the element holding that marked content. */
export function pageParents(pdf: PDFDocument, page: PDFPage): PDFArray | undefined {
  const key = page.node.get(PDFName.of("StructParents"));
  const tree = structTreeRoot(pdf)?.lookupMaybe(PDFName.of("ParentTree"), PDFDict);
  if (!(key instanceof PDFNumber) || !tree) return undefined;
  const entry = numberTreeEntry(pdf, tree, key.asNumber());
  return entry instanceof PDFArray ? entry : undefined;
}

/** A number tree's value for `key`, looked up (ISO 32000-1 7.9.7): for the ParentTree, a page's array or an annotation's element. */
export function numberTreeEntry(pdf: PDFDocument, node: PDFDict, key: number): PDFDict | PDFArray | undefined {
  const nums = node.lookupMaybe(PDFName.of("Nums"), PDFArray);
  for (let i = 0; nums && i + 1 < nums.size(); i += 2) {
    if ((nums.get(i) as PDFNumber).asNumber() === key) {
      const value = pdf.context.lookup(nums.get(i + 1));
      return value instanceof PDFDict || value instanceof PDFArray ? value : undefined;
    }
  }
  const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) {
    const found = numberTreeEntry(pdf, kids.lookup(i, PDFDict), key);
    if (found) return found;
  }
  return undefined;
}

export const typeOf = (element: PDFDict | undefined) => (element?.get(S) as PDFName | undefined)?.decodeText();

/** The element and its ancestors, nearest first. */
export function ancestry(pdf: PDFDocument, element: PDFDict | undefined): PDFDict[] {
  const chain: PDFDict[] = [];
  for (let at = element; at && at.has(S); at = dictOf(pdf, at.get(P))) chain.push(at);
  return chain;
}

/** The element's kids as a list (K may be one kid or an array). */
export function kidsOf(element: PDFDict): PDFObject[] {
  const kids = element.get(K);
  if (kids === undefined) return [];
  return kids instanceof PDFArray ? kids.asArray() : [kids];
}

const setKids = (element: PDFDict, kids: PDFObject[], pdf: PDFDocument) =>
  kids.length ? element.set(K, kids.length === 1 ? kids[0]! : pdf.context.obj(kids)) : element.delete(K);

/** Whether a kid is marked content `mcid` (an integer, or a marked-content reference on this page). */
function isMarkedContent(pdf: PDFDocument, kid: PDFObject, mcid: number): boolean {
  if (kid instanceof PDFNumber) return kid.asNumber() === mcid;
  const dict = dictOf(pdf, kid);
  return dict?.get(PDFName.of("Type")) === PDFName.of("MCR") && (dict.get(PDFName.of("MCID")) as PDFNumber).asNumber() === mcid;
}

/**
 * Takes marked content that is now an artifact out of the tree: out of its
 * element's kids and the ParentTree; an element left with no kids goes too,
 * and so on up.
 */
export function dropMarkedContent(pdf: PDFDocument, page: PDFPage, mcids: number[]): void {
  const parents = pageParents(pdf, page);
  if (!parents) return;
  for (const mcid of mcids) {
    const ref = parents.get(mcid);
    const element = dictOf(pdf, ref);
    parents.set(mcid, PDFNull);
    if (!element) continue;
    setKids(
      element,
      kidsOf(element).filter((kid) => !isMarkedContent(pdf, kid, mcid)),
      pdf,
    );
    for (let at = element; at && !kidsOf(at).length;) {
      const parent = dictOf(pdf, at.get(P));
      if (!parent) break;
      setKids(
        parent,
        kidsOf(parent).filter((kid) => dictOf(pdf, kid) !== at),
        pdf,
      );
      at = parent;
    }
  }
}

/** Every structure element, as [reference, element]. */
export function structureElements(pdf: PDFDocument): Array<[PDFRef, PDFDict]> {
  const found: Array<[PDFRef, PDFDict]> = [];
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of("Type")) === PDFName.of("StructElem")) found.push([ref, object]);
  }
  return found;
}

/**
 * Gives every list item a list body: PDF/UA reads LI as Lbl (the bullet or
 * number, optional) then LBody (the item's content). Chromium puts the
 * content straight in LI, often as NonStruct. Marked content moved into the
 * new LBody is repointed in the ParentTree.
 */
export function wrapListBodies(pdf: PDFDocument): void {
  const parentArrays = pdf.getPages().map((page) => pageParents(pdf, page));
  for (const [itemRef, item] of structureElements(pdf)) {
    if (typeOf(item) !== "LI") continue;
    const kids = kidsOf(item);
    const isLabel = (kid: PDFObject) => typeOf(dictOf(pdf, kid)) === "Lbl";
    const body = kids.filter((kid) => !isLabel(kid));
    if (!body.length || (body.length === 1 && typeOf(dictOf(pdf, body[0])) === "LBody")) continue;
    const bodyDict = pdf.context.obj({ Type: "StructElem", S: "LBody", P: itemRef });
    const pageRef = item.get(PDFName.of("Pg"));
    if (pageRef) bodyDict.set(PDFName.of("Pg"), pageRef);
    const bodyRef = pdf.context.register(bodyDict);
    setKids(bodyDict, body, pdf);
    for (const kid of body) {
      const dict = dictOf(pdf, kid);
      if (dict?.has(S)) dict.set(P, bodyRef);
      else repointMarkedContent(pdf, kid, item, bodyRef, parentArrays);
    }
    setKids(item, [...kids.filter(isLabel), bodyRef], pdf);
  }
}

function repointMarkedContent(pdf: PDFDocument, kid: PDFObject, from: PDFDict, to: PDFRef, parentArrays: Array<PDFArray | undefined>) {
  const dict = dictOf(pdf, kid);
  const mcid = kid instanceof PDFNumber ? kid.asNumber() : (dict?.get(PDFName.of("MCID")) as PDFNumber | undefined)?.asNumber();
  if (mcid === undefined) return;
  for (const parents of parentArrays) {
    if (parents && mcid < parents.size() && dictOf(pdf, parents.get(mcid)) === from) parents.set(mcid, to);
  }
}
