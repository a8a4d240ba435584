/**
 * PDF/UA-1 as built: every PDF of the shared build (tests/build/shared-build.ts;
 * every brand, material, language and variant) read back after the finishing
 * step (src/print/finish.ts), each opened once with pdf-lib. What the
 * finishing step promises: XMP with pdfuaid:part, a RoleMap for the types
 * Chromium writes, list items as Lbl and LBody, nothing drawn that is neither
 * tagged nor an artifact, page numbers and backgrounds as artifacts, bookmark
 * titles and link descriptions in the page's own words, and the title first
 * in drawing order.
 *
 * Marked content is read here with a walk of its own over each page's
 * content stream (operations() only splits the stream into operators and
 * byte ranges; the rules are not markedContentFaults', which finish.ts
 * already ran): every painting operator is looked at with the stack of
 * marked-content sequences open around it. Text is decoded through each
 * font's ToUnicode CMap, so the text inside artifacts is known exactly,
 * whatever the script, without comparing two extractions.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as mupdf from "mupdf";
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFPage } from "pdf-lib";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { xmpText } from "../../src/print/accessibility-checks.ts";
import { pageContent } from "../../src/print/artifacts.ts";
import { operations } from "../../src/print/content-stream.ts";
import type { Manifest, ManifestFile } from "../../src/print/manifest.ts";
import { linkAnnotations, linkElementOf, outlineTitles } from "../../src/print/outline.ts";
import { ancestry, dictOf, kidsOf, pageParents, structureElements, typeOf } from "../../src/print/structure-tree.ts";
import { roleMap, standardStructureTypes, structureTypesUsed } from "../../src/print/structure-roles.ts";
import { printedLines } from "../helpers/pdf.ts";

const { out } = inject("sharedBuild");

const latin1 = new TextDecoder("latin1");
const TEXT_SHOWING = new Set(["Tj", "TJ", "'", '"']);
const PATH_ENDING = new Set(["f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "n"]);
const FILLING = new Set(["f", "F", "f*", "B", "B*", "b", "b*"]);
/** Operators that put marks on the page (operations() reports an inline image as EI). */
const PAINTING = new Set([...TEXT_SHOWING, ...PATH_ENDING, "Do", "sh", "EI"].filter((operator) => operator !== "n"));

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();
/**
 * Text in a right-to-left script (Hebrew, Arabic, Urdu): text extraction gives its glyphs in visual order, as
 * presentation forms, so it cannot be compared with a heading's words; the structure tells instead.
 */
const rightToLeft = (text: string) => /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/.test(text);
const squeezed = (text: string) => text.replace(/\s+/g, "");

/** A font's ToUnicode CMap (bfchar and bfrange, ISO 32000-1 9.10.3) as code to text, and its code length: 2 bytes for a Type0 font. */
function fontDecoder(pdf: PDFDocument, font: PDFDict | undefined): { bytes: number; map: Map<number, string> } {
  const bytes = font?.get(PDFName.of("Subtype")) === PDFName.of("Type0") ? 2 : 1;
  const map = new Map<number, string>();
  const stream = font && pdf.context.lookup(font.get(PDFName.of("ToUnicode")));
  if (!(stream instanceof PDFRawStream)) return { bytes, map };
  const cmap = latin1.decode(decodePDFRawStream(stream).decode());
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, text] of block!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(code!, 16), utf16(text!));
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, low, high, target] of block!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const [from, to] = [parseInt(low!, 16), parseInt(high!, 16)];
      const each = target!.startsWith("[") ? [...target!.matchAll(/<([0-9a-fA-F]*)>/g)].map((match) => match[1]!) : undefined;
      const base = utf16(target!.slice(1, -1));
      for (let code = from; code <= to; code++)
        map.set(
          code,
          each ? utf16(each[code - from] ?? "") : base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + code - from),
        );
    }
  return { bytes, map };
}

/** The strings among a text-showing operation's operands (hex and literal), as bytes. */
function shownStrings(source: string): number[][] {
  const strings: number[][] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === "<") {
      const end = source.indexOf(">", i);
      const hex = source.slice(i + 1, end).replace(/\s+/g, "");
      strings.push((hex.length % 2 ? `${hex}0` : hex).match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
      i = end;
    } else if (source[i] === "(") {
      const bytes: number[] = [];
      let depth = 1;
      for (i++; i < source.length; i++) {
        const c = source[i]!;
        if (c === "\\") {
          const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1, i + 4))?.[0];
          if (octal) {
            bytes.push(parseInt(octal, 8) & 0xff);
            i += octal.length;
          } else {
            const next = source[++i]!;
            bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0));
          }
        } else if (c === ")" && --depth === 0) break;
        else {
          if (c === "(") depth++;
          bytes.push(c.charCodeAt(0));
        }
      }
      strings.push(bytes);
    }
  }
  return strings;
}

/** One text-showing operation: its text, which text object (BT ... ET) of the page it is in, and the marked content around it. */
interface Shown {
  text: string;
  textObject: number;
  artifact: boolean;
  mcid?: number;
}

interface PageFacts {
  shown: Shown[];
  /** Painting operators outside every artifact and every tagged (MCID) sequence: Matterhorn 01-005. */
  untagged: string[];
  /** Tagged sequences inside an artifact and artifacts inside tagged content: 01-004 and 01-003. */
  nested: string[];
  /** The first path the page fills: a rectangle or not, and the marked content around it. */
  firstFill?: { rectangle: boolean; artifact: boolean; tagged: boolean };
}

/** The page's content streams read as one, operator by operator, with the marked-content sequences open around each and the current font. */
function pageFacts(pdf: PDFDocument, page: PDFPage): PageFacts {
  const content = pageContent(pdf, page);
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
  const decoders = new Map<string, ReturnType<typeof fontDecoder>>();
  const decoderOf = (name: string) => {
    if (!decoders.has(name)) decoders.set(name, fontDecoder(pdf, dictOf(pdf, fonts?.get(PDFName.of(name)))));
    return decoders.get(name)!;
  };
  const facts: PageFacts = { shown: [], untagged: [], nested: [] };
  const open: Array<{ tag?: string; mcid?: number }> = [];
  const savedFonts: string[] = [];
  let font = "";
  let textObject = 0;
  let path: string[] = [];
  for (const op of operations(content)) {
    const source = latin1.decode(content.subarray(op.start, op.end));
    const artifact = open.some((sequence) => sequence.tag === "Artifact");
    const tagged = [...open].reverse().find((sequence) => sequence.mcid !== undefined);
    if (op.operator === "BMC" || op.operator === "BDC") {
      if (op.tag === "Artifact" && tagged) facts.nested.push(`an artifact inside MCID ${tagged.mcid}`);
      if (op.mcid !== undefined && artifact) facts.nested.push(`MCID ${op.mcid} inside an artifact`);
      open.push({ tag: op.tag, mcid: op.mcid });
    } else if (op.operator === "EMC") open.pop();
    // The font is part of the graphics state: q saves it, Q restores it.
    else if (op.operator === "q") savedFonts.push(font);
    else if (op.operator === "Q") font = savedFonts.pop() ?? "";
    else if (op.operator === "Tf") font = /\/([^\s/<>[\]()]+)\s+\S+\s+Tf$/.exec(source)?.[1] ?? font;
    else if (op.operator === "BT") textObject++;
    if (op.operator === "m" || op.operator === "re") path.push(op.operator);
    if (PAINTING.has(op.operator) && !artifact && !tagged) facts.untagged.push(op.operator);
    if (FILLING.has(op.operator) && !facts.firstFill) facts.firstFill = { rectangle: path.includes("re"), artifact, tagged: !!tagged };
    if (PATH_ENDING.has(op.operator)) path = [];
    if (TEXT_SHOWING.has(op.operator)) {
      const { bytes, map } = decoderOf(font);
      const text = shownStrings(source.replace(/\s*(Tj|TJ|'|")$/, ""))
        .map((codes) => {
          let decoded = "";
          for (let i = 0; i + bytes <= codes.length; i += bytes)
            decoded += map.get(bytes === 2 ? codes[i]! * 256 + codes[i + 1]! : codes[i]!) ?? "\uFFFD";
          return decoded;
        })
        .join("");
      facts.shown.push({ text, textObject, artifact, mcid: tagged?.mcid });
    }
  }
  return facts;
}

/** Text-showing operations' text joined: a space between two text objects, white space as single spaces. */
const joinShown = (shown: Shown[]) =>
  normalise(shown.map((s, i) => (i > 0 && shown[i - 1]!.textObject !== s.textObject ? " " : "") + s.text).join(""));

/** Page 1's text in drawing order as mupdf draws it (form XObjects included): what `pdftotext -raw` and read-aloud apps start from. */
function drawnText(bytes: Uint8Array): string {
  let text = "";
  const device = new mupdf.Device({
    fillText(shown) {
      shown.walk({
        showGlyph(_font, _matrix, _glyph, unicode) {
          text += String.fromCodePoint(unicode);
        },
      });
      text += " ";
    },
  });
  mupdf.Document.openDocument(bytes, "application/pdf").loadPage(0).run(device, mupdf.Matrix.identity);
  device.close();
  return normalise(text);
}

/** The spans of `text` whose letters (white space left out) are the title's, white space normalised. */
function spansWithLettersOf(title: string, text: string): string[] {
  const letters: number[] = [];
  for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i]!)) letters.push(i);
  const letterText = letters.map((i) => text[i]).join("");
  const target = squeezed(title);
  const spans: string[] = [];
  for (let at = letterText.indexOf(target); target && at >= 0; at = letterText.indexOf(target, at + 1))
    spans.push(normalise(text.slice(letters[at]!, letters[at + target.length - 1]! + 1)));
  return spans;
}

interface Built {
  label: string;
  path: string;
  bytes: Uint8Array;
  file: ManifestFile;
  pdf: PDFDocument;
  pages: PageFacts[];
}

let built: Built[] = [];
const MASTHEAD_MATERIALS = ["poster", "one-minute-guide", "parent-flyer", "discussion-guide"];
/** Materials whose Info Title is their first heading (a flyer's: each language's heading, joined with " / "). */
const TITLED_MATERIALS = ["one-minute-guide", "parent-flyer", "discussion-guide"];

beforeAll(async () => {
  const brands = readdirSync(out).filter((brand) => existsSync(join(out, brand, "manifest.json")));
  built = await Promise.all(
    brands.flatMap((brand) => {
      const manifest = JSON.parse(readFileSync(join(out, brand, "manifest.json"), "utf8")) as Manifest;
      return manifest.files
        .filter((file) => file.path.endsWith(".pdf"))
        .map(async (file) => {
          const path = join(out, brand, file.path);
          const bytes = readFileSync(path);
          const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
          const pages = pdf.getPages().map((page) => pageFacts(pdf, page));
          return { label: `${brand}/${file.path}`, path, bytes, file, pdf, pages };
        });
    }),
  );
});

describe("every PDF of the shared build", () => {
  it("reads the shared build: every brand, with English-only, bilingual, right-to-left and multi-page files", () => {
    expect(new Set(built.map((b) => b.label.split("/")[0]))).toEqual(
      new Set(["upstander", "northshire", "puente", "oakfield-primary", "four-languages"]),
    );
    expect(built.length).toBeGreaterThan(100);
    expect(built.some(({ pdf }) => rightToLeft(pdf.getTitle()!))).toBe(true);
    expect(built.some((b) => b.file.locales.length === 2)).toBe(true);
  });

  it("has XMP metadata with pdfuaid:part 1, its Info Title as dc:title and its languages as dc:language (Matterhorn 06-001 to 06-003)", () => {
    for (const { label, pdf, file } of built) {
      const stream = pdf.catalog.lookup(PDFName.of("Metadata"));
      expect.soft(stream instanceof PDFRawStream && stream.dict.get(PDFName.of("Subtype")) === PDFName.of("XML"), label).toBe(true);
      const xmp = xmpText(pdf) ?? "";
      expect.soft(xmp, label).toContain("<pdfuaid:part>1</pdfuaid:part>");
      const unescape = (text: string) =>
        text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[name]!);
      const title = /<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">([^<]*)<\/rdf:li>/.exec(xmp)?.[1];
      expect.soft(title === undefined ? undefined : unescape(title), label).toBe(pdf.getTitle());
      expect.soft(pdf.getTitle()?.trim(), label).toBeTruthy();
      const languages = [...(/<dc:language>([\s\S]*?)<\/dc:language>/.exec(xmp)?.[1]?.matchAll(/<rdf:li>([^<]*)<\/rdf:li>/g) ?? [])].map(
        (match) => match[1],
      );
      expect.soft(languages, label).toEqual(file.locales);
    }
  });

  it("maps every structure type outside PDF 1.7's standard set (Strong, Em) to a standard one in the RoleMap (Matterhorn 02-001)", () => {
    let strong = 0;
    for (const { label, pdf } of built) {
      const map = roleMap(pdf);
      const used = [...structureTypesUsed(pdf)].filter((type) => !standardStructureTypes.has(type));
      if (used.includes("Strong")) strong++;
      for (const type of used) {
        expect.soft(map.get(type), `${label}: RoleMap entry for ${type}`).toBeDefined();
        expect.soft(standardStructureTypes.has(map.get(type) ?? ""), `${label}: ${type} maps to ${map.get(type)}`).toBe(true);
      }
    }
    // Chromium writes Strong for <strong>: the map is there to be tested, not vacuously.
    expect(strong).toBeGreaterThan(50);
  });

  it("gives every list item only a label (Lbl) and a body (LBody), never marked content or NonStruct directly, and always a body (Matterhorn 09-005)", () => {
    let items = 0;
    for (const { label, pdf } of built) {
      for (const [ref, item] of structureElements(pdf)) {
        if (typeOf(item) !== "LI") continue;
        items++;
        const kids = kidsOf(item).map((kid) => ({ kid, element: dictOf(pdf, kid) }));
        const types = kids.map(({ element }) => typeOf(element) ?? "marked content");
        expect
          .soft(
            types.filter((type) => type !== "Lbl" && type !== "LBody"),
            `${label}: list item kids ${types.join(", ")}`,
          )
          .toEqual([]);
        expect.soft(types, `${label}: a list item without an LBody`).toContain("LBody");
        // The body's parent is the item it sits in (wrapListBodies repoints /P).
        for (const { element } of kids) expect.soft(element?.get(PDFName.of("P")), `${label}: a list item kid's /P`).toBe(ref);
      }
    }
    expect(items).toBeGreaterThan(1000);
  });

  it("draws nothing on any page that is neither tagged content nor an artifact, never one inside the other (Matterhorn 01-003 to 01-005)", () => {
    for (const { label, pages } of built) {
      pages.forEach((page, index) => {
        expect.soft(page.untagged, `${label} page ${index + 1}: painting outside tagged content and artifacts`).toEqual([]);
        expect.soft(page.nested, `${label} page ${index + 1}`).toEqual([]);
      });
    }
  });

  it("marks the page background and the masthead's band, the first filled rectangle on page 1, as an artifact", () => {
    for (const { label, pages } of built) {
      expect.soft(pages[0]!.firstFill, label).toEqual({ rectangle: true, artifact: true, tagged: false });
    }
  });

  it("marks page numbers as artifacts, drawn after the page's content, and never as tagged text", () => {
    const numbered = built.filter(({ file }) => file.material === "discussion-guide" || file.variant === "large-print");
    // Digits in any script (Arabic-Indic, Extended Arabic-Indic) as ASCII: the page number's words and order vary by language.
    const numbersIn = (text: string) =>
      (text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => String((digit.codePointAt(0)! - 0x0660) % 0x90)).match(/\d+/g) ?? [])
        .map(Number)
        .sort((a, b) => a - b);
    for (const { label, file, pages } of numbered) {
      pages.forEach((page, index) => {
        const where = `${label} page ${index + 1}`;
        const artifactText = joinShown(page.shown.filter((s) => s.artifact));
        expect
          .soft(numbersIn(artifactText), `${where}: numbers in artifact text "${artifactText}"`)
          .toEqual([index + 1, pages.length].sort((a, b) => a - b));
        if (file.locales.every((locale) => locale === "en"))
          expect.soft(artifactText, where).toContain(`Page ${index + 1} of ${pages.length}`);
        expect.soft(page.shown.at(-1)?.artifact, `${where}: the last text drawn is the page number`).toBe(true);
      });
    }
    for (const { label, pages } of built) {
      pages.forEach((page, index) => {
        const tagged = joinShown(page.shown.filter((s) => !s.artifact));
        expect.soft(tagged, `${label} page ${index + 1}: page number as tagged text`).not.toMatch(/Page \d+ of \d+/);
      });
    }
    expect(numbered.length).toBeGreaterThan(20);
  });

  it("titles the English discussion guide's bookmarks in its headings' words, spaces kept", () => {
    const guides = built.filter(({ file }) => file.material === "discussion-guide" && file.locales[0] === "en");
    for (const { label, pdf } of guides) {
      const titles = outlineTitles(pdf);
      expect.soft(titles, label).toContain("Talking about sextortion: a discussion guide for educators");
      const questions = titles.filter((title) => title.startsWith("Question"));
      expect.soft(questions.length, label).toBeGreaterThanOrEqual(8);
      for (const title of questions) expect.soft(title, label).toMatch(/^Question \d+ \S/);
      expect.soft(questions[0], label).toMatch(/^Question 1 Imagine Sam, /);
    }
    expect(guides.length).toBeGreaterThanOrEqual(5);
  });

  it("titles every bookmark with its heading's words, none run together or doubled, in every language", () => {
    for (const { label, pdf, path, file } of built) {
      const titles = outlineTitles(pdf);
      // The Info Title is the first heading (for a flyer, each language's, joined with " / "): in every script, a bookmark says it as it is.
      if (TITLED_MATERIALS.includes(file.material))
        for (const heading of pdf.getTitle()!.split(" / ")) expect.soft(titles, `${label}: a bookmark for its title`).toContain(heading);
      for (const title of titles)
        expect.soft(title, `${label}: a lower-case letter straight before a capital`).not.toMatch(/\p{Ll}\p{Lu}/u);
      // Left to right, the page's text (mupdf's lines, a space between lines) holds each title's letters, and where
      // it does, its spaces are the title's: a word glued to the next line's ("adiscussion") does not match.
      const text = printedLines(path)
        .map((line) => line.text)
        .join(" ");
      for (const title of titles.filter((title) => !rightToLeft(title))) {
        const spans = spansWithLettersOf(title, text);
        expect.soft(spans, `${label}: bookmark "${title}" as the page prints it`).toContain(title);
      }
    }
  });

  it("describes every link annotation in /Contents and puts it in a Link structure element that points back to it (Matterhorn 28-011, 28-012)", () => {
    let links = 0;
    for (const { label, pdf } of built) {
      for (const { annotation, contents, uri, page } of linkAnnotations(pdf)) {
        links++;
        const where = `${label} page ${page}: link to ${uri}`;
        expect.soft(contents?.trim(), where).toBeTruthy();
        const element = linkElementOf(pdf, annotation);
        expect.soft(element, where).toBeDefined();
        const objectReferences = element ? kidsOf(element).map((kid) => dictOf(pdf, kid)) : [];
        const pointsBack = objectReferences.some(
          (kid) => kid?.get(PDFName.of("Type")) === PDFName.of("OBJR") && dictOf(pdf, kid.get(PDFName.of("Obj"))) === annotation,
        );
        expect.soft(pointsBack, `${where}: an OBJR for the annotation in its Link element`).toBe(true);
      }
    }
    expect(links).toBeGreaterThan(500);
  });

  it("draws the document's title first on page 1, so reading in drawing order starts with it", () => {
    for (const { label, pdf, bytes, file, pages } of built.filter(({ file }) => MASTHEAD_MATERIALS.includes(file.material))) {
      // In every script: the first text drawn is real content, in the tree under the H1.
      const first = pages[0]!.shown[0];
      const element = first?.mcid === undefined ? undefined : dictOf(pdf, pageParents(pdf, pdf.getPage(0))?.get(first.mcid));
      expect
        .soft(ancestry(pdf, element).map(typeOf), `${label}: the first text drawn on page 1 ("${first?.text}") is in the H1`)
        .toContain("H1");
      // Left to right, its words: the title (the first part of a flyer's, its first language's) or, for a poster whose
      // Info Title names the material, its headline, the first bookmark. Compared without spaces: each line is its own text object.
      const title = TITLED_MATERIALS.includes(file.material) ? pdf.getTitle()!.split(" / ")[0]! : outlineTitles(pdf)[0]!;
      if (rightToLeft(title)) continue;
      expect
        .soft(squeezed(drawnText(bytes)).startsWith(squeezed(title)), `${label}: drawn first: "${drawnText(bytes).slice(0, 80)}"`)
        .toBe(true);
    }
  });
});
