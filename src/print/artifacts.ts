/**
 * Artifacts in the finished PDF: what is drawn but is not content (page
 * backgrounds, the masthead's band, rules, list bullets, page numbers,
 * aria-hidden icons and separators) is marked /Artifact, so assistive
 * technology skips it, and nothing is left neither tagged nor an artifact
 * (PDF/UA-1 7.1, Matterhorn 01-005). A page's content streams are read as
 * one (ISO 32000-1 7.8.2) and written back as one.
 */
import { PDFArray, PDFName, PDFRawStream, type PDFDocument, type PDFPage } from "pdf-lib";
import { drawLeadingArtifactsLast, joinBytes, markArtifacts, markedContentFaults } from "./content-stream.ts";
import { registerFlateStream, streamBytes } from "./streams.ts";
import { ancestry, dictOf, dropMarkedContent, pageParents, typeOf } from "./structure-tree.ts";

/** The page's content, its streams joined. */
export function pageContent(pdf: PDFDocument, page: PDFPage): Uint8Array {
  const contents = page.node.get(PDFName.of("Contents"));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  const streams = refs.map((ref) => (ref ? pdf.context.lookup(ref) : undefined)).filter((stream) => stream instanceof PDFRawStream);
  return joinBytes(streams.flatMap((stream) => [streamBytes(stream), new Uint8Array([0x0a])]));
}

export function markPageArtifacts(pdf: PDFDocument): void {
  for (const page of pdf.getPages()) {
    const parents = pageParents(pdf, page);
    // A figure's own drawing (an SVG with a name) stays content, whatever it is made of.
    const inFigure = (mcid: number) => ancestry(pdf, dictOf(pdf, parents?.get(mcid))).some((element) => typeOf(element) === "Figure");
    const { content, dropped } = markArtifacts(pageContent(pdf, page), inFigure);
    page.node.set(PDFName.of("Contents"), registerFlateStream(pdf, drawLeadingArtifactsLast(content)));
    dropMarkedContent(pdf, page, dropped);
  }
}

/** Per page, what breaks the marked-content rules, as sentences; none for a page that keeps them. */
export function markedContentProblems(pdf: PDFDocument): string[] {
  return pdf.getPages().flatMap((page, index) => {
    const faults = markedContentFaults(pageContent(pdf, page));
    const problems: string[] = [];
    if (faults.untagged)
      problems.push(`page ${index + 1} draws ${faults.untagged} thing(s) neither tagged nor marked as artifacts (Matterhorn 01-005)`);
    if (faults.taggedInArtifact) problems.push(`page ${index + 1} has tagged content inside an artifact (Matterhorn 01-004)`);
    if (faults.artifactInTagged) problems.push(`page ${index + 1} has an artifact inside tagged content (Matterhorn 01-003)`);
    return problems;
  });
}
