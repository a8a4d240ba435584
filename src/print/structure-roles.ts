/**
 * The structure types a PDF 1.7 reader knows (ISO 32000-1, 14.8.4), and a
 * RoleMap for the others Chromium writes: it tags <strong> and <em> as
 * Strong and Em, which are PDF 2.0 types. A PDF 1.7 file must map each
 * non-standard type to a standard one (PDF/UA-1, Matterhorn 02-001), or
 * assistive technology may not know what it is.
 */
import { PDFDict, PDFName, type PDFDocument } from "pdf-lib";

export const standardStructureTypes = new Set(
  (
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 " +
    "L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot " +
    "Ruby RB RT RP Warichu WT WP Figure Formula Form"
  ).split(" "),
);

/** PDF 2.0 types Chromium may write, and the PDF 1.7 type each is read as. */
const roles: Record<string, string> = {
  Strong: "Span",
  Em: "Span",
  Sub: "Span",
  Title: "H1",
  Aside: "Div",
  FENote: "Note",
  DocumentFragment: "Div",
};

/** Every structure type the document's elements use. */
export function structureTypesUsed(pdf: PDFDocument): Set<string> {
  const used = new Set<string>();
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type")) !== PDFName.of("StructElem")) continue;
    const type = object.get(PDFName.of("S"));
    if (type instanceof PDFName) used.add(type.decodeText());
  }
  return used;
}

/** The structure tree's RoleMap, as type to type. */
export function roleMap(pdf: PDFDocument): Map<string, string> {
  const root = pdf.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  const map = root?.lookupMaybe(PDFName.of("RoleMap"), PDFDict);
  return new Map(
    (map?.entries() ?? []).flatMap(([key, value]) => (value instanceof PDFName ? [[key.decodeText(), value.decodeText()] as const] : [])),
  );
}

/** Adds a RoleMap entry for each non-standard type in use that has none; in place (copying pages would drop the tree). */
export function mapStructureRoles(pdf: PDFDocument): void {
  const root = pdf.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  if (!root) return;
  const existing = roleMap(pdf);
  const missing = [...structureTypesUsed(pdf)].filter((type) => !standardStructureTypes.has(type) && !existing.has(type) && roles[type]);
  if (!missing.length) return;
  const map = root.lookupMaybe(PDFName.of("RoleMap"), PDFDict) ?? pdf.context.obj({});
  for (const type of missing) map.set(PDFName.of(type), PDFName.of(roles[type]!));
  root.set(PDFName.of("RoleMap"), map);
}
