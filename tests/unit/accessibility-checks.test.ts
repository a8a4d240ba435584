/**
 * The PDF/UA checks the finishing step runs before it keeps a PDF
 * (src/print/accessibility-checks.ts), each shown to fail: one finished PDF
 * (tests/fixtures/pdf/one-minute-guide-en-letter.pdf, the default brand's
 * one-minute guide as `npm run build -- --brand upstander --locale en
 * --material one-minute-guide` prints it) passes, and each case breaks it in
 * memory one way and finds the matching Matterhorn condition, and only that.
 * Then the content-stream reader and editors (src/print/content-stream.ts)
 * on small hand-written content streams.
 */
import { readFileSync } from "node:fs";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFObject } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { accessibilityProblems, xmpText } from "../../src/print/accessibility-checks.ts";
import { pageContent } from "../../src/print/artifacts.ts";
import { drawLeadingArtifactsLast, joinBytes, markArtifacts, markedContentFaults, operations } from "../../src/print/content-stream.ts";
import { linkAnnotations } from "../../src/print/outline.ts";
import { dictOf, kidsOf, structTreeRoot, structureElements, typeOf } from "../../src/print/structure-tree.ts";

const fixture = readFileSync(new URL("../fixtures/pdf/one-minute-guide-en-letter.pdf", import.meta.url));
const load = () => PDFDocument.load(fixture, { updateMetadata: false });

const bytes = (text: string) => new TextEncoder().encode(text);
const latin1 = (content: Uint8Array) => new TextDecoder("latin1").decode(content);

/** Replaces the catalog's XMP packet with `edit` of it. */
function editXmp(pdf: PDFDocument, edit: (xmp: string) => string) {
  const xmp = xmpText(pdf)!;
  const edited = edit(xmp);
  expect(edited).not.toBe(xmp);
  const stream = pdf.context.stream(bytes(edited), { Type: "Metadata", Subtype: "XML" });
  pdf.catalog.set(PDFName.of("Metadata"), pdf.context.register(stream));
}

/** Adds `text` at the end of page 1's content (its streams joined into one). */
function appendToPage(pdf: PDFDocument, text: string) {
  const page = pdf.getPage(0);
  const content = joinBytes([pageContent(pdf, page), bytes(text)]);
  page.node.set(PDFName.of("Contents"), pdf.context.register(pdf.context.flateStream(content)));
}

const elements = (pdf: PDFDocument, type: string) => structureElements(pdf).filter(([, element]) => typeOf(element) === type);
const setKids = (pdf: PDFDocument, element: PDFDict, kids: PDFObject[]) => element.set(PDFName.of("K"), pdf.context.obj(kids));
/** A new, empty structure element of type `child`, added as the last kid of the first `parent` element. */
function addElement(pdf: PDFDocument, parent: string, child: string) {
  const [ref, element] = elements(pdf, parent)[0]!;
  setKids(pdf, element, [...kidsOf(element), pdf.context.register(pdf.context.obj({ Type: "StructElem", S: child, P: ref }))]);
}

describe("accessibilityProblems on a finished PDF", () => {
  it("finds nothing wrong with the PDF as the build finished it", async () => {
    const pdf = await load();
    expect(accessibilityProblems(pdf, ["en"])).toEqual([]);
    // The fixture holds what the cases below break: lists, links, headings, figures, Strong, a RoleMap.
    expect(elements(pdf, "LI").length).toBeGreaterThan(0);
    expect(linkAnnotations(pdf).length).toBeGreaterThan(0);
    expect(elements(pdf, "H1")).toHaveLength(1);
    expect(elements(pdf, "H2").length).toBeGreaterThan(0);
    expect(elements(pdf, "Strong").length).toBeGreaterThan(0);
  });

  const cases: Array<[string, string, (pdf: PDFDocument) => void]> = [
    ["06-001", "no XMP metadata stream", (pdf) => pdf.catalog.delete(PDFName.of("Metadata"))],
    ["06-002", "XMP without pdfuaid:part", (pdf) => editXmp(pdf, (xmp) => xmp.replace(/\s*<pdfuaid:part>1<\/pdfuaid:part>/, ""))],
    ["06-002", "XMP claiming pdfuaid:part 2", (pdf) => editXmp(pdf, (xmp) => xmp.replace("<pdfuaid:part>1<", "<pdfuaid:part>2<"))],
    ["06-003", "XMP without dc:title", (pdf) => editXmp(pdf, (xmp) => xmp.replace(/\s*<dc:title>[\s\S]*?<\/dc:title>/, ""))],
    ["06-003", "XMP with an empty dc:title", (pdf) => editXmp(pdf, (xmp) => xmp.replace(/(<dc:title><rdf:Alt><rdf:li[^>]*>)[^<]*/, "$1"))],
    [
      "07-001",
      "no DisplayDocTitle",
      (pdf) => pdf.catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict).delete(PDFName.of("DisplayDocTitle")),
    ],
    ["09-005", "a NonStruct element directly in a list item", (pdf) => addElement(pdf, "LI", "NonStruct")],
    [
      "09-005",
      "marked content directly in a list item",
      (pdf) => {
        const [, item] = elements(pdf, "LI")[0]!;
        setKids(pdf, item, [...kidsOf(item), PDFNumber.of(0)]);
      },
    ],
    ["09-005", "a paragraph directly in a list", (pdf) => addElement(pdf, "L", "P")],
    [
      "13-004",
      "a figure without alternative text",
      (pdf) => {
        const [, figure] = elements(pdf, "Figure")[0]!;
        expect(figure.has(PDFName.of("Alt"))).toBe(true);
        figure.delete(PDFName.of("Alt"));
      },
    ],
    ["14-002", "a first heading that is not H1", (pdf) => elements(pdf, "H1")[0]![1].set(PDFName.of("S"), PDFName.of("H2"))],
    [
      "14-003",
      "an H3 directly after the H1",
      (pdf) => {
        for (const [, heading] of elements(pdf, "H2")) heading.set(PDFName.of("S"), PDFName.of("H3"));
      },
    ],
    ["02-001", "Strong with no RoleMap", (pdf) => structTreeRoot(pdf)!.delete(PDFName.of("RoleMap"))],
    ["02-001", "a type of its own with no RoleMap entry", (pdf) => elements(pdf, "P")[0]![1].set(PDFName.of("S"), PDFName.of("Callout"))],
    ["28-012", "a link annotation without /Contents", (pdf) => linkAnnotations(pdf)[0]!.annotation.delete(PDFName.of("Contents"))],
    [
      "28-011",
      "a link annotation whose StructParent points nowhere",
      (pdf) => linkAnnotations(pdf)[0]!.annotation.set(PDFName.of("StructParent"), PDFNumber.of(99_999)),
    ],
    ["01-005", "an untagged rectangle at the end of the page", (pdf) => appendToPage(pdf, "\n0 0 10 10 re f\n")],
    [
      "01-004",
      "tagged content inside an artifact",
      (pdf) => appendToPage(pdf, "\n/Artifact BMC\n/P <</MCID 99>> BDC\n0 0 10 10 re f\nEMC\nEMC\n"),
    ],
    [
      "01-003",
      "an artifact inside tagged content",
      (pdf) => appendToPage(pdf, "\n/P <</MCID 99>> BDC\n/Artifact BMC\n0 0 10 10 re f\nEMC\nEMC\n"),
    ],
    [
      "31-009",
      "a font not embedded",
      (pdf) => {
        const descriptor = [...pdf.context.enumerateIndirectObjects()]
          .map(([, object]) => object)
          .find(
            (object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of("Type")) === PDFName.of("FontDescriptor"),
          )!;
        for (const key of ["FontFile", "FontFile2", "FontFile3"]) descriptor.delete(PDFName.of(key));
      },
    ],
  ];

  it.each(cases)("Matterhorn %s: finds %s, and nothing else", async (condition, _what, breakIt) => {
    const pdf = await load();
    breakIt(pdf);
    expect(accessibilityProblems(pdf, ["en"])).toEqual([expect.stringContaining(`Matterhorn ${condition}`)]);
  });

  it("names what it found: the unmapped types, the wrong list item kids, the page", async () => {
    const pdf = await load();
    structTreeRoot(pdf)!.delete(PDFName.of("RoleMap"));
    const [ref, item] = elements(pdf, "LI")[0]!;
    setKids(pdf, item, [...kidsOf(item), pdf.context.register(pdf.context.obj({ Type: "StructElem", S: "NonStruct", P: ref }))]);
    appendToPage(pdf, "\n0 0 10 10 re f\n0 0 20 20 re f\n");
    const problems = accessibilityProblems(pdf, ["en"]);
    expect(problems).toContainEqual(expect.stringMatching(/structure type\(s\) Strong with no RoleMap entry/));
    expect(problems).toContainEqual(expect.stringMatching(/1 list item kid\(s\) that are neither Lbl nor LBody \(NonStruct;/));
    expect(problems).toContainEqual(expect.stringMatching(/^page 1 draws 2 thing\(s\) neither tagged nor marked as artifacts/));
  });

  it("reads the fixture's own XMP: pdfuaid:part 1, dc:title and dc:language as finish.ts wrote them", async () => {
    const pdf = await load();
    const xmp = xmpText(pdf)!;
    expect(xmp).toContain("<pdfuaid:part>1</pdfuaid:part>");
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${pdf.getTitle()}</rdf:li>`);
    expect(xmp).toMatch(/<dc:language><rdf:Bag><rdf:li>en<\/rdf:li><\/rdf:Bag><\/dc:language>/);
    expect(pdf.catalog.lookup(PDFName.of("Metadata"))).toBeInstanceOf(PDFRawStream);
    const metadata = pdf.catalog.lookup(PDFName.of("Metadata"));
    // Uncompressed, so tools that scan the file for the packet find it.
    expect(metadata instanceof PDFRawStream && metadata.dict.get(PDFName.of("Filter"))).toBeUndefined();
    // Every list item of the fixture is Lbl and LBody only (wrapListBodies).
    for (const [, item] of elements(pdf, "LI")) {
      const kinds = kidsOf(item).map((kid) => typeOf(dictOf(pdf, kid)));
      expect(kinds.every((kind) => kind === "Lbl" || kind === "LBody")).toBe(true);
      expect(kinds).toContain("LBody");
    }
    expect(pdf.catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict).lookup(PDFName.of("RoleMap"), PDFDict).get(PDFName.of("Strong"))).toBe(
      PDFName.of("Span"),
    );
    expect(pdf.getPage(0).node.lookup(PDFName.of("Annots"), PDFArray).size()).toBe(linkAnnotations(pdf).length);
  });
});

describe("operations: a content stream's operators", () => {
  const operators = (content: string) => operations(bytes(content)).map((op) => op.operator);

  it("skips literal strings with balanced parentheses, and operator names inside them", () => {
    expect(operators("BT\n/F1 12 Tf\n(a (b (c)) EMC BDC) Tj\nET")).toEqual(["BT", "Tf", "Tj", "ET"]);
  });

  it("skips escaped parentheses and an escaped backslash before a closing one", () => {
    expect(operators("(a \\) b \\( c) Tj (d) Tj")).toEqual(["Tj", "Tj"]);
    expect(operators("(a\\\\) Tj (Q q) Tj")).toEqual(["Tj", "Tj"]);
    expect(operators("(\\(\\)\\\\\\)) '")).toEqual(["'"]);
  });

  it("reads hex strings, arrays and comments as operands, not operators", () => {
    expect(operators("<48656c6c6f> Tj <0021 0022> Tj")).toEqual(["Tj", "Tj"]);
    expect(operators("[(a) -20 <0041> (b\\)c)] TJ")).toEqual(["TJ"]);
    expect(operators("% BT ET EMC\n0 0 1 1 re f")).toEqual(["re", "f"]);
    const content = "q <0021> Tj";
    const [, tj] = operations(bytes(content));
    expect([tj!.start, tj!.end]).toEqual([content.indexOf("<"), content.length]);
  });

  it("reads a BDC's tag and MCID, its dictionary nested and holding >> in a string, and its byte range from the first operand", () => {
    const content = "q\n/P <</MCID 3 /A <</O /Layout /Placement /Block>> /Alt (a >> b)>> BDC\n(x) Tj\nEMC\nQ";
    const ops = operations(bytes(content));
    expect(ops.map((op) => op.operator)).toEqual(["q", "BDC", "Tj", "EMC", "Q"]);
    const bdc = ops[1]!;
    expect(bdc).toMatchObject({ tag: "P", mcid: 3, start: content.indexOf("/P"), end: content.indexOf("BDC") + 3 });
    expect(operations(bytes("/Artifact BMC EMC"))[0]).toMatchObject({ operator: "BMC", tag: "Artifact", start: 0 });
    const pagination = operations(bytes("/Artifact <</Type /Pagination>> BDC EMC"))[0]!;
    expect([pagination.tag, pagination.mcid]).toEqual(["Artifact", undefined]);
  });

  it("takes an inline image's data as one operation, up to the EI after white space, whatever bytes the data holds", () => {
    // The data holds a parenthesis, a percent sign and "EI" not preceded by white space or followed by a delimiter.
    const content = "q\nBI /W 4 /H 2 /BPC 8 /CS /G ID ((%<xEIy EIz\x00\nEI\nQ\n0 0 1 1 re f";
    const ops = operations(bytes(content));
    expect(ops.map((op) => op.operator)).toEqual(["q", "BI", "EI", "Q", "re", "f"]);
    expect(ops[2]!.end).toBe(content.indexOf("\nEI\n") + 3);
  });
});

describe("markArtifacts", () => {
  const mark = (content: string, keep: (mcid: number) => boolean = () => false) => {
    const { content: marked, dropped } = markArtifacts(bytes(content), keep);
    return { content: latin1(marked), dropped };
  };

  it("wraps painting outside every sequence as an artifact", () => {
    const loose = "q 1 0 0 RG\n0 0 10 10 re f\nQ\n";
    expect(markedContentFaults(bytes(loose)).untagged).toBe(1);
    const { content, dropped } = mark(loose);
    expect(content).toBe("q 1 0 0 RG\n/Artifact BMC\n0 0 10 10 re f\nEMC\nQ\n");
    expect(dropped).toEqual([]);
    expect(markedContentFaults(bytes(content))).toEqual({ untagged: 0, taggedInArtifact: 0, artifactInTagged: 0 });
  });

  it("wraps a painting sequence that is neither tagged nor an artifact", () => {
    expect(mark("/Span BMC 0 0 1 1 re f EMC").content).toBe("/Artifact BMC\n/Span BMC 0 0 1 1 re f EMC\nEMC");
  });

  it("turns a tagged sequence that only draws shapes into an artifact, and returns its MCID as dropped", () => {
    const { content, dropped } = mark("/P <</MCID 3>> BDC\n0 0 5 5 re f\nEMC\n");
    expect(content).toBe("/Artifact BMC\n0 0 5 5 re f\nEMC\n");
    expect(dropped).toEqual([3]);
  });

  it("keeps a shapes-only tagged sequence that keep names (a figure's drawing)", () => {
    const shapes = "/Figure <</MCID 3>> BDC\n0 0 5 5 re f\nEMC\n/P <</MCID 4>> BDC\n0 0 1 1 re S\nEMC";
    const { content, dropped } = mark(shapes, (mcid) => mcid === 3);
    expect(content).toBe("/Figure <</MCID 3>> BDC\n0 0 5 5 re f\nEMC\n/Artifact BMC\n0 0 1 1 re S\nEMC");
    expect(dropped).toEqual([4]);
  });

  it("leaves text sequences alone, with shapes or not, and text objects that hold tagged content", () => {
    for (const content of [
      "/P <</MCID 4>> BDC\nBT /F1 12 Tf (Hi) Tj ET\nEMC",
      "/P <</MCID 4>> BDC\n0 0 1 1 re f\nBT /F1 12 Tf (Hi) Tj ET\nEMC",
      "BT\n/P <</MCID 5>> BDC\n(x) Tj\nEMC\nET",
      "/Artifact BMC\n0 0 10 10 re f\nEMC",
    ]) {
      expect(mark(content), content).toEqual({ content, dropped: [] });
    }
  });

  it("makes every edit at the right place in a stream with several", () => {
    const { content, dropped } = mark(
      "0 0 10 10 re f\n/P <</MCID 3>> BDC 0 0 5 5 re f EMC\n/P <</MCID 4>> BDC BT (Hi) Tj ET EMC\n1 1 2 2 re S",
    );
    expect(content).toBe(
      "/Artifact BMC\n0 0 10 10 re f\nEMC\n/Artifact BMC 0 0 5 5 re f EMC\n/P <</MCID 4>> BDC BT (Hi) Tj ET EMC\n/Artifact BMC\n1 1 2 2 re S\nEMC",
    );
    expect(dropped).toEqual([3]);
  });
});

describe("drawLeadingArtifactsLast", () => {
  const pageNumber = "q\n/Artifact BMC\nBT /F1 9 Tf (Page 1 of 2) Tj ET\nEMC\nQ\n";
  /** The content as Chromium draws it: each piece in a group of its own (q ... Q). */
  const title = "q\n/P <</MCID 0>> BDC\nBT /F1 20 Tf (Title) Tj ET\nEMC\nQ\n";
  /** The literal strings shown, in drawing order. */
  const shown = (content: Uint8Array) => [...latin1(content).matchAll(/\(([^)]*)\) Tj/g)].map((match) => match[1]);

  it("moves a leading q ... Q group of artifact text to the end", () => {
    const moved = drawLeadingArtifactsLast(bytes(pageNumber + title));
    expect(shown(moved)).toEqual(["Title", "Page 1 of 2"]);
    expect(latin1(moved).trim().endsWith(pageNumber.trim())).toBe(true);
    expect(markedContentFaults(moved)).toEqual({ untagged: 0, taggedInArtifact: 0, artifactInTagged: 0 });
  });

  it("moves it when what follows changes the graphics state only inside groups of its own", () => {
    const moved = drawLeadingArtifactsLast(bytes(`${pageNumber}q\n1 0 0 1 5 5 cm\n${title}/GS1 gs\nQ\n`));
    expect(shown(moved)).toEqual(["Title", "Page 1 of 2"]);
  });

  it("leaves the page as it is when anything after the group changes the outer graphics state", () => {
    for (const after of [`1 0 0 1 5 5 cm\n${title}`, `${title}0 0 1 rg\n`, `/GS1 gs\n${title}`, `${title}0 0 1 1 re f\n`]) {
      const content = bytes(pageNumber + after);
      expect(latin1(drawLeadingArtifactsLast(content)), after).toBe(latin1(content));
    }
  });

  it("moves nothing that is not a self-contained group of artifact text", () => {
    for (const leading of [
      // Not in q ... Q.
      "/Artifact BMC\nBT (Page 1 of 2) Tj ET\nEMC\n",
      // Shapes only: a background stays first, under the content.
      "q\n/Artifact BMC\n0 0 10 10 re f\nEMC\nQ\n",
      // Untagged text: not an artifact.
      "q\nBT (Page 1 of 2) Tj ET\nQ\n",
    ]) {
      const content = bytes(leading + title);
      expect(latin1(drawLeadingArtifactsLast(content)), leading).toBe(latin1(content));
    }
    // A page with no tagged content at all.
    expect(latin1(drawLeadingArtifactsLast(bytes(pageNumber)))).toBe(pageNumber);
    // A group that holds the first tagged content.
    const holding = `q\n/Artifact BMC\nBT (Page 1 of 2) Tj ET\nEMC\n${title}Q\n`;
    expect(latin1(drawLeadingArtifactsLast(bytes(holding)))).toBe(holding);
  });
});
