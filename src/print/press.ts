/**
 * A press file beside each tagged RGB PDF: CMYK PDF/X-3 for a print shop,
 * made by Ghostscript's pdfwrite. Measured with Ghostscript 10.0 on
 * Chromium's PDFs, which is why the PDF is prepared with pdf-lib first:
 * - Ghostscript turns RGB black into rich black (C72 M68 Y67 K88, 295% ink),
 *   text included, which smears and misregisters on press; -dBlackText also
 *   blackens coloured shapes. DeviceGray, though, becomes K only
 *   (-dDeviceGrayToK, the default). Chromium (Skia) writes every colour as
 *   `r g b RG r g b rg`, so neutral ones (r = g = b, black and greys) are
 *   rewritten as `x G` / `x g`, in pages and Form XObjects alike (and
 *   `sc`/`scn` in an RGB colour space, which Skia does not write today).
 * - PDF/X-3 forbids transparency, so Ghostscript rasterises any page that has
 *   a transparency group. Skia gives Form XObjects (QR codes) a /Group even
 *   when nothing in them is transparent; such inert groups are dropped. A
 *   page with real transparency (an image with a soft mask) is still
 *   rasterised: Ghostscript 10.0 has no PDF/X-4 (-dPDFX takes no version).
 * - pdfwrite ignores -sOutputICCProfile and converts to default_cmyk.icc in
 *   its ICC folder, so another profile is given as that file in a folder of
 *   its own. The OutputIntent embeds the same profile and names it.
 * - The press file has no tag tree and no links: it is for the press only.
 * https://ghostscript.readthedocs.io/en/gs10.0.0/VectorDevices.html#pdf-x-3-file-creation
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { deflateSync } from "node:zlib";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFObject } from "pdf-lib";
import { isCmykProfile } from "../brand/icc-profile.ts";
import { pageContent } from "./artifacts.ts";
import { contentTokens, NUMBER } from "./content-stream.ts";
import { registerFlateStream, streamText } from "./streams.ts";

export interface PressOptions {
  /** The CMYK ICC profile to convert to and to embed as the OutputIntent. */
  profile: string;
  /** What the profile is, said honestly: "Ghostscript default CMYK (SWOP-like), not a FOGRA/GRACoL standard". */
  profileName: string;
  /** The press file's Title; the tagged PDF's own title when left out. */
  title?: string;
}

/** Where Debian's Ghostscript keeps its ICC profiles; pdfwrite converts to default_cmyk.icc there. */
const GHOSTSCRIPT_ICC_DIR = "/usr/share/color/icc/ghostscript";
export const DEFAULT_CMYK_PROFILE = join(GHOSTSCRIPT_ICC_DIR, "default_cmyk.icc");
export const DEFAULT_CMYK_PROFILE_NAME = "Ghostscript default CMYK (SWOP-like), not a FOGRA/GRACoL standard";

/** Ghostscript's words when a PDF/X rule is broken and it writes a plain PDF instead. */
const NOT_PDFX = /reverting to normal PDF output/;

export async function makePressPdf(input: string, output: string, options: PressOptions): Promise<void> {
  const profile = resolve(options.profile);
  await assertCmykProfile(profile);
  const work = await mkdtemp(join(tmpdir(), "upstander-press-"));
  try {
    const prepared = join(work, "prepared.pdf");
    const { bytes, title, date } = await preparedForPress(await readFile(input)).catch((error: Error) => {
      throw new Error(`${input} could not be read as a PDF to prepare it for the press: ${error.message}`);
    });
    await writeFile(prepared, bytes);
    const pdfmarks = join(work, "pdfx.ps");
    await writeFile(pdfmarks, pdfxMarks(profile, options.profileName, options.title ?? title ?? basename(input)));
    const iccDir = (await sameBytes(profile, DEFAULT_CMYK_PROFILE)) ? undefined : await iccFolderConvertingTo(profile, work);
    // Reproducible: Ghostscript takes its dates from SOURCE_DATE_EPOCH (here the tagged PDF's own date)
    // and its document ID from them and the output's name, so it writes a name that is always the same.
    const made = "press.pdf";
    const stderr = await ghostscript(ghostscriptArguments(prepared, pdfmarks, made, profile, iccDir), { cwd: work, date }).catch(
      (error: Error & { stderr?: string }) => {
        throw new Error(`Ghostscript could not make a press PDF of ${input}: ${firstLines(error.stderr || error.message)}`);
      },
    );
    if (NOT_PDFX.test(stderr)) throw new Error(`Ghostscript could not make ${input} PDF/X: ${firstLines(stderr)}`);
    await copyFile(join(work, made), output);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The command line, without the `gs` itself. */
function ghostscriptArguments(prepared: string, pdfmarks: string, output: string, profile: string, iccDir?: string): string[] {
  return [
    "-q",
    "-dNOPAUSE",
    "-dBATCH",
    "-dSAFER",
    "-dPDFSTOPONERROR",
    // The pdfmarks read the profile to embed it: -dSAFER refuses any file not permitted.
    `--permit-file-read=${profile}`,
    ...(iccDir ? [`--permit-file-read=${iccDir}/`, `-sICCProfilesDir=${iccDir}/`] : []),
    "-sDEVICE=pdfwrite",
    "-dPDFX",
    "-sColorConversionStrategy=CMYK",
    // PDF/X allows no annotations on the page; the links stay in the tagged PDF.
    "-dPreserveAnnots=false",
    `-sOutputFile=${output}`,
    prepared,
    // After the PDF, so its own document information does not overwrite the PDF/X entries.
    pdfmarks,
  ];
}

function ghostscript(args: string[], { cwd, date }: { cwd: string; date?: Date }): Promise<string> {
  const env = { ...process.env, ...(date && { SOURCE_DATE_EPOCH: String(Math.floor(date.getTime() / 1000)) }) };
  return new Promise((done, fail) => {
    execFile("gs", args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      // Ghostscript writes some of its errors (a profile it cannot read) to standard output.
      if (error) fail(Object.assign(error, { stderr: `${stderr}\n${stdout}`.trim() }));
      else done(stderr);
    });
  });
}

/** The first lines of a tool's error output, on one line. */
export const firstLines = (text: string) => text.trim().split("\n").slice(0, 5).join(" / ");

async function assertCmykProfile(profile: string) {
  const bytes = await readFile(profile).catch(() => {
    throw new Error(`the press profile ${profile} cannot be read`);
  });
  if (!isCmykProfile(bytes)) throw new Error(`the press profile ${profile} is not a CMYK ICC profile`);
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [first, second] = await Promise.all([readFile(a), readFile(b).catch(() => undefined)]);
  return second !== undefined && first.equals(second);
}

/** A copy of Ghostscript's ICC folder (as links) whose default_cmyk.icc is `profile`. */
async function iccFolderConvertingTo(profile: string, work: string): Promise<string> {
  const dir = join(work, "icc");
  await mkdir(dir);
  for (const name of await readdir(GHOSTSCRIPT_ICC_DIR)) {
    if (name !== "default_cmyk.icc") await symlink(join(GHOSTSCRIPT_ICC_DIR, name), join(dir, name));
  }
  await copyFile(profile, join(dir, "default_cmyk.icc"));
  return dir;
}

/**
 * PostScript pdfmarks for the PDF/X entries, after PDFX_def.ps in
 * Ghostscript's lib folder. No RegistryName: the profile is not one of the
 * ICC registry's characterized conditions, so the identifier is its own name.
 */
function pdfxMarks(profile: string, profileName: string, title: string): string {
  const name = postScriptText(profileName);
  return `%!PS
[ /Title ${postScriptText(title)} /GTS_PDFXVersion (PDF/X-3:2002) /Trapped /False /DOCINFO pdfmark
[ /_objdef {pressProfile} /type /stream /OBJ pdfmark
[ {pressProfile} << /N 4 >> /PUT pdfmark
[ {pressProfile} <${Buffer.from(profile).toString("hex")}> (r) file /PUT pdfmark
[ /_objdef {pressIntent} /type /dict /OBJ pdfmark
[ {pressIntent} << /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier ${name} /OutputCondition ${name} /Info ${name} /DestOutputProfile {pressProfile} >> /PUT pdfmark
[ {Catalog} << /OutputIntents [ {pressIntent} ] >> /PUT pdfmark
`;
}

/** A PDF text string as a PostScript hex string: plain ASCII as it is, anything else UTF-16BE with a byte order mark. */
function postScriptText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `<${Buffer.from(text, "latin1").toString("hex")}>`;
  const utf16 = Buffer.from(text, "utf16le").swap16();
  return `<feff${utf16.toString("hex")}>`;
}

/** The PDF with neutral RGB colours as DeviceGray and inert transparency groups gone, and its title for the press file. */
async function preparedForPress(bytes: Uint8Array): Promise<{ bytes: Uint8Array; title?: string; date?: Date }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  grayNeutralColoursInPages(pdf);
  grayNeutralColoursInForms(pdf);
  dropInertTransparencyGroups(pdf);
  return { bytes: await pdf.save({ useObjectStreams: false }), title: pdf.getTitle(), date: pdf.getCreationDate() };
}

function grayNeutralColoursInPages(pdf: PDFDocument) {
  for (const page of pdf.getPages()) {
    const before = Buffer.from(pageContent(pdf, page)).toString("latin1");
    const after = grayNeutralColours(before, rgbColourSpaceNames(page.node.Resources()));
    if (after !== before) page.node.set(PDFName.of("Contents"), registerFlateStream(pdf, Buffer.from(after, "latin1")));
  }
}

function grayNeutralColoursInForms(pdf: PDFDocument) {
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of("Subtype")) !== PDFName.of("Form")) continue;
    const before = streamText(object);
    const after = grayNeutralColours(before, rgbColourSpaceNames(object.dict.lookupMaybe(PDFName.of("Resources"), PDFDict)));
    if (after === before) continue;
    const dict = object.dict.clone(pdf.context);
    dict.delete(PDFName.of("DecodeParms"));
    dict.set(PDFName.of("Filter"), PDFName.of("FlateDecode"));
    pdf.context.assign(ref, PDFRawStream.of(dict, deflateSync(Buffer.from(after, "latin1"))));
  }
}

/** Names in a resource dictionary's /ColorSpace that are RGB: DeviceRGB, CalRGB, or ICCBased with three components. */
function rgbColourSpaceNames(resources: PDFDict | undefined): Set<string> {
  const names = new Set(["DeviceRGB"]);
  const spaces = resources?.lookupMaybe(PDFName.of("ColorSpace"), PDFDict);
  for (const [key, value] of spaces?.entries() ?? []) {
    if (isRgbColourSpace(spaces!.context.lookup(value))) names.add(key.decodeText());
  }
  return names;
}

export function isRgbColourSpace(space: PDFObject | undefined): boolean {
  if (space instanceof PDFName) return space.decodeText() === "DeviceRGB";
  if (!(space instanceof PDFArray)) return false;
  const family = space.lookup(0);
  if (family === PDFName.of("CalRGB")) return true;
  if (family !== PDFName.of("ICCBased")) return false;
  const profile = space.lookup(1);
  return (
    profile instanceof PDFRawStream &&
    profile.dict.lookup(PDFName.of("N")) instanceof PDFNumber &&
    profile.dict.lookup(PDFName.of("N"), PDFNumber).asNumber() === 3
  );
}

/** The colour space a fill or stroke colour is in, as far as this stream set it. */
interface Space {
  /** The name given to cs/CS (or DeviceRGB after rg/RG); undefined when set by g/k or inherited. */
  name?: string;
  rgb: boolean;
  /** A neutral colour was rewritten as DeviceGray: the next non-neutral sc/scn must set the space again. */
  grayed: boolean;
}

/** Within half an 8-bit step, r = g = b. */
const isNeutral = (values: number[]) => values.length === 3 && Math.max(...values) - Math.min(...values) <= 0.5 / 255;

/**
 * A content stream with each neutral RGB colour (`x x x rg`, or `x x x sc`
 * in an RGB space) as DeviceGray (`x g`), which Ghostscript separates to K only.
 */
export function grayNeutralColours(content: string, rgbSpaces: Set<string>): string {
  const pieces: string[] = [];
  let operands: { index: number; text: string }[] = [];
  let state = { fill: { rgb: false, grayed: false } as Space, stroke: { rgb: false, grayed: false } as Space };
  const saved: (typeof state)[] = [];
  for (const token of contentTokens(content)) {
    pieces.push(token.text);
    if (token.kind === "operand") operands.push({ index: pieces.length - 1, text: token.text });
    if (token.kind !== "operator") continue;
    const op = token.text;
    const stroke = op === op.toUpperCase() && op !== "Q";
    const key = stroke ? "stroke" : "fill";
    const values = operands.every((operand) => NUMBER.test(operand.text)) ? operands.map((operand) => Number(operand.text)) : [];
    const replace = (text: string) => pieces.splice(operands[0]!.index, pieces.length, text);
    if (op === "q") saved.push(structuredClone(state));
    else if (op === "Q") state = saved.pop() ?? state;
    else if (op === "rg" || op === "RG") {
      const neutral = isNeutral(values);
      if (neutral) replace(`${operands[0]!.text} ${stroke ? "G" : "g"}`);
      state[key] = { name: "DeviceRGB", rgb: true, grayed: neutral };
    } else if (op === "cs" || op === "CS") {
      const name = operands[0]?.text.slice(1);
      state[key] = { name, rgb: name !== undefined && rgbSpaces.has(name), grayed: false };
    } else if (["g", "G", "k", "K"].includes(op)) state[key] = { rgb: false, grayed: false };
    else if (["sc", "scn", "SC", "SCN"].includes(op) && state[key].rgb && values.length === 3) {
      const space = state[key];
      if (isNeutral(values)) {
        replace(`${operands[0]!.text} ${stroke ? "G" : "g"}`);
        space.grayed = true;
      } else if (space.grayed) {
        pieces.splice(operands[0]!.index, 0, `/${space.name} ${stroke ? "CS" : "cs"} `);
        space.grayed = false;
      }
    }
    operands = [];
  }
  return pieces.join("");
}

/**
 * Removes /Group from pages and Form XObjects where nothing could be
 * transparent: no alpha below 1, no blend mode but Normal, no soft mask
 * anywhere in their resources. Painted opaquely, a group changes nothing.
 */
function dropInertTransparencyGroups(pdf: PDFDocument) {
  const inert = new Set<PDFDict>();
  const kept = new Set<PDFDict>();
  for (const page of pdf.getPages()) {
    const survey = surveyResources(page.node.Resources());
    for (const form of survey.forms) (survey.transparent ? kept : inert).add(form);
    if (!survey.transparent) inert.add(page.node);
  }
  for (const dict of inert) if (!kept.has(dict)) dict.delete(PDFName.of("Group"));
}

/** Every Form XObject's dictionary reachable from `resources`, and whether anything reachable is transparent. */
function surveyResources(resources: PDFDict | undefined): { forms: PDFDict[]; transparent: boolean } {
  const forms: PDFDict[] = [];
  let transparent = false;
  const seen = new Set<PDFDict>();
  const visit = (resources: PDFDict | undefined) => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const state of entriesOf(resources, "ExtGState")) if (isTransparentState(state)) transparent = true;
    for (const xobject of entriesOf(resources, "XObject")) {
      const subtype = xobject.get(PDFName.of("Subtype"));
      if (subtype === PDFName.of("Image") && hasSoftMask(xobject)) transparent = true;
      if (subtype !== PDFName.of("Form")) continue;
      forms.push(xobject);
      visit(xobject.lookupMaybe(PDFName.of("Resources"), PDFDict));
    }
    for (const pattern of entriesOf(resources, "Pattern")) {
      const state = pattern.lookupMaybe(PDFName.of("ExtGState"), PDFDict);
      if (state && isTransparentState(state)) transparent = true;
      visit(pattern.lookupMaybe(PDFName.of("Resources"), PDFDict));
    }
  };
  visit(resources);
  return { forms, transparent };
}

/** The dictionaries (a stream's own dictionary for streams) in one category of a resource dictionary. */
function entriesOf(resources: PDFDict, category: string): PDFDict[] {
  const dict = resources.lookupMaybe(PDFName.of(category), PDFDict);
  if (!dict) return [];
  return dict
    .values()
    .map((value) => (value instanceof PDFRef ? dict.context.lookup(value) : value))
    .map((value) => (value instanceof PDFRawStream ? value.dict : value))
    .filter((value): value is PDFDict => value instanceof PDFDict);
}

function isTransparentState(state: PDFDict): boolean {
  const alpha = (key: string) => state.lookupMaybe(PDFName.of(key), PDFNumber)?.asNumber() ?? 1;
  const blend = state.lookup(PDFName.of("BM"));
  const opaqueBlend = blend === undefined || blend === PDFName.of("Normal") || blend === PDFName.of("Compatible");
  const mask = state.lookup(PDFName.of("SMask"));
  return alpha("CA") < 1 || alpha("ca") < 1 || !opaqueBlend || (mask !== undefined && mask !== PDFName.of("None"));
}

const hasSoftMask = (image: PDFDict) =>
  image.has(PDFName.of("SMask")) || (image.lookupMaybe(PDFName.of("SMaskInData"), PDFNumber)?.asNumber() ?? 0) > 0;
