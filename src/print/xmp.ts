/**
 * The XMP metadata stream PDF/UA-1 requires (ISO 14289-1 5, 7.1; Matterhorn
 * 06-001 to 06-003): dc:title, dc:language, and the pdfuaid:part that says
 * which PDF/UA the file claims, with the same creator, dates and tools as
 * the document information dictionary. Uncompressed, as XMP in PDF should
 * be, so tools that scan for the packet find it.
 * https://www.adobe.com/devnet/xmp.html (XMP Specification Part 1, 7.3)
 */
import { PDFName, type PDFDocument } from "pdf-lib";

export interface XmpFacts {
  title: string;
  /** The document's languages, main one first. */
  languages: string[];
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  producer: string;
  date: Date;
}

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function xmpPacket(facts: XmpFacts): string {
  const date = facts.date.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${escapeXml(facts.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag>${facts.languages.map((lang) => `<rdf:li>${escapeXml(lang)}</rdf:li>`).join("")}</rdf:Bag></dc:language>
   <pdf:Keywords>${escapeXml(facts.keywords.join(", "))}</pdf:Keywords>
   <pdf:Producer>${escapeXml(facts.producer)}</pdf:Producer>
   <xmp:CreatorTool>${escapeXml(facts.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

export function setXmpMetadata(pdf: PDFDocument, facts: XmpFacts): void {
  const stream = pdf.context.stream(new TextEncoder().encode(xmpPacket(facts)), { Type: "Metadata", Subtype: "XML" });
  pdf.catalog.set(PDFName.of("Metadata"), pdf.context.register(stream));
}
