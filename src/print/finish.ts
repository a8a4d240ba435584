/**
 * The pdf-lib step after Chromium, in place (copying pages would drop the
 * structure tree): what PDF/UA-1 asks that Chromium leaves out, document
 * information a reader and a print shop rely on, and exact page boxes.
 * - Title shown in the viewer's title bar (DisplayDocTitle), Author (the
 *   brand), Subject, Keywords, /Lang, and the same in XMP with pdfuaid:part:
 *   what screen readers, search and PDF/UA checkers use.
 * - A RoleMap for the PDF 2.0 structure types Chromium writes (Strong, Em);
 *   list items as Lbl and LBody; backgrounds, bands, rules, bullets and page
 *   numbers as artifacts; bookmark titles and link descriptions in the
 *   page's own words.
 * - Dates from the content's release (or SOURCE_DATE_EPOCH), so the same
 *   inputs give the same bytes.
 * - MediaBox set to the exact paper size: Chromium rounds page sizes.
 * - With bleed: TrimBox (the finished page) inside BleedBox (3 mm more on
 *   every side), and crop marks in the slug, marked as artifacts so
 *   assistive technology skips them.
 * https://pdf-lib.js.org/docs/api/classes/pdfdocument
 */
import { beginMarkedContent, cmyk, endMarkedContent, PDFDict, PDFDocument, PDFName, type PDFPage } from "pdf-lib";
import { CROP_MARK_MM, mmToPt, type PageGeometry } from "../materials/paper.ts";
import { accessibilityProblems } from "./accessibility-checks.ts";
import { markPageArtifacts } from "./artifacts.ts";
import { describeLinks, setOutlineTitles, type PageWords } from "./outline.ts";
import { unsafePdfParts } from "./pdf-safety.ts";
import { mapStructureRoles } from "./structure-roles.ts";
import { wrapListBodies } from "./structure-tree.ts";
import { setXmpMetadata } from "./xmp.ts";

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The document's languages, its main one first; a bilingual one also marks each page's part in its own language. */
  locales: string[];
  /** Creation and modification date: the content's release, not the clock. */
  date: Date;
  creator: string;
  /** Font families the PDF may draw with (the bundled ones); any other is a system fallback. */
  fonts: string[];
}

export async function finishPdf(
  bytes: Uint8Array,
  info: DocumentInfo,
  geometry: PageGeometry,
  words: PageWords,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const unsafe = unsafePdfParts(pdf);
  if (unsafe.length) throw new Error(`Chromium's PDF holds ${unsafe.join(", ")}, which a built PDF may never hold`);
  const fallbacks = fontsOutside(pdf, info.fonts);
  if (fallbacks.length) {
    throw new Error(
      `text is drawn in ${fallbacks.join(", ")}, a system font the brand did not bundle (the page's own text was checked, so most likely text inside the logo): convert the logo's text to outlines`,
    );
  }
  mapStructureRoles(pdf);
  markPageArtifacts(pdf);
  wrapListBodies(pdf);
  setOutlineTitles(pdf, words.headings);
  describeLinks(pdf, words.links);
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  pdf.setAuthor(info.author);
  pdf.setSubject(info.subject);
  pdf.setKeywords(info.keywords);
  pdf.setCreator(info.creator);
  const producer = "Chromium (Skia/PDF) and pdf-lib";
  pdf.setProducer(producer);
  pdf.setLanguage(info.locales[0]!);
  pdf.setCreationDate(info.date);
  pdf.setModificationDate(info.date);
  setXmpMetadata(pdf, { ...info, languages: info.locales, producer });
  // Checked before the crop marks are drawn: they are artifacts by construction, in a stream pdf-lib writes on save.
  const problems = accessibilityProblems(pdf, info.locales);
  if (problems.length) throw new Error(`the finished PDF ${problems.join("; ")}`);
  for (const page of pdf.getPages()) setBoxes(page, geometry);
  return { bytes: await pdf.save(), pages: pdf.getPageCount() };
}

/** Fonts the PDF embeds that are not among `families` (names compared without spaces or the subset prefix: ABCDEF+AtkinsonHyperlegible-Bold). */
function fontsOutside(pdf: PDFDocument, families: string[]): string[] {
  const allowed = families.map((family) => family.replace(/\s+/g, ""));
  const names = new Set<string>();
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type")) !== PDFName.of("Font")) continue;
    const base = object.get(PDFName.of("BaseFont"));
    if (base instanceof PDFName) names.add(base.decodeText().replace(/^[A-Z]{6}\+/, ""));
  }
  return [...names].filter((name) => !allowed.some((family) => name.startsWith(family))).sort();
}

function setBoxes(page: PDFPage, geometry: PageGeometry) {
  const width = mmToPt(geometry.media.width);
  const height = mmToPt(geometry.media.height);
  page.setMediaBox(0, 0, width, height);
  page.node.delete(PDFName.of("CropBox"));
  if (!geometry.bleed) return;
  const trim = {
    x: mmToPt(geometry.offset),
    y: mmToPt(geometry.offset),
    width: mmToPt(geometry.trim.width),
    height: mmToPt(geometry.trim.height),
  };
  const bleed = mmToPt(geometry.bleed);
  page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
  page.setBleedBox(trim.x - bleed, trim.y - bleed, trim.width + 2 * bleed, trim.height + 2 * bleed);
  drawCropMarks(page, trim, bleed, mmToPt(CROP_MARK_MM));
}

/** Eight hairlines on the trim lines' extensions, from the bleed edge outwards. */
function drawCropMarks(page: PDFPage, trim: { x: number; y: number; width: number; height: number }, gap: number, length: number) {
  const style = { thickness: 0.25, color: cmyk(0, 0, 0, 1) };
  const xs = [trim.x, trim.x + trim.width];
  const ys = [trim.y, trim.y + trim.height];
  page.pushOperators(beginMarkedContent("Artifact"));
  for (const x of xs) {
    for (const y of ys) {
      const outX = x === trim.x ? -1 : 1;
      const outY = y === trim.y ? -1 : 1;
      page.drawLine({ start: { x: x + outX * gap, y }, end: { x: x + outX * (gap + length), y }, ...style });
      page.drawLine({ start: { x, y: y + outY * gap }, end: { x, y: y + outY * (gap + length) }, ...style });
    }
  }
  page.pushOperators(endMarkedContent());
}
