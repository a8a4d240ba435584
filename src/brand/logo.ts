/**
 * Brand logos: read, checked and made safe before any page sees them.
 *
 * An SVG is a document that can run scripts and fetch files; one opened from
 * the site's own folder would run with the site's origin. So every SVG logo
 * is rebuilt through an allowlist: svgo parses it (https://svgo.dev/docs/plugins-api/)
 * and our plugin keeps only static drawing elements and drops event
 * attributes, links and url() references that point outside the file.
 * Animation elements go too: <set> can rewrite a link, and a logo must not move.
 *
 * A PNG prints at full resolution; its size is measured against the
 * largest size it prints at (300 dpi is the print-shop norm).
 */
import { readFileSync, statSync } from "node:fs";
import { crc32, inflateSync } from "node:zlib";
import { optimize, type CustomPlugin, type XastElement, type XastParent } from "svgo";

export interface LogoImage {
  /** Absolute path of the file in the brand pack. */
  source: string;
  format: "svg" | "png";
  /** Intrinsic size: pixels for a PNG, user units for an SVG. */
  width: number;
  height: number;
  /** The sanitised SVG text, written in place of the original. */
  svg?: string;
}

export const PRINT_DPI = 300;
/** Below this a logo prints visibly blurred: an error, not a warning. */
export const MIN_PRINT_DPI = 150;

const staticElements = new Set([
  "svg",
  "g",
  "defs",
  "symbol",
  "use",
  "title",
  "desc",
  "a",
  "style",
  "image",
  "marker",
  "pattern",
  "path",
  "rect",
  "circle",
  "ellipse",
  "line",
  "polyline",
  "polygon",
  "text",
  "tspan",
  "textPath",
  "linearGradient",
  "radialGradient",
  "stop",
  "clipPath",
  "mask",
  "filter",
]);
const isFilterPrimitive = (name: string) => /^fe[A-Z]/.test(name);

/** Attributes that draw or place (SVG 1.1/2 presentation and geometry attributes), and names; nothing that loads or runs. */
const allowedAttributes = new Set([
  "id",
  "class",
  "style",
  "transform",
  "viewBox",
  "width",
  "height",
  "x",
  "y",
  "x1",
  "x2",
  "y1",
  "y2",
  "cx",
  "cy",
  "r",
  "rx",
  "ry",
  "fx",
  "fy",
  "fr",
  "d",
  "points",
  "pathLength",
  "href",
  "xmlns",
  "version",
  "preserveAspectRatio",
  "role",
  "aria-label",
  "aria-hidden",
  "focusable",
  "xml:space",
  "xml:lang",
  "lang",
  "dx",
  "dy",
  "rotate",
  "textLength",
  "lengthAdjust",
  "startOffset",
  "method",
  "spacing",
  "offset",
  "gradientUnits",
  "gradientTransform",
  "spreadMethod",
  "patternUnits",
  "patternContentUnits",
  "patternTransform",
  "clipPathUnits",
  "maskUnits",
  "maskContentUnits",
  "filterUnits",
  "primitiveUnits",
  "markerWidth",
  "markerHeight",
  "markerUnits",
  "refX",
  "refY",
  "orient",
  "in",
  "in2",
  "result",
  "stdDeviation",
  "type",
  "values",
  "mode",
  "operator",
  "k1",
  "k2",
  "k3",
  "k4",
  "radius",
  "scale",
  "xChannelSelector",
  "yChannelSelector",
  "tableValues",
  "slope",
  "intercept",
  "amplitude",
  "exponent",
  "kernelMatrix",
  "order",
  "divisor",
  "bias",
  "targetX",
  "targetY",
  "edgeMode",
  "surfaceScale",
  "specularConstant",
  "specularExponent",
  "diffuseConstant",
  "azimuth",
  "elevation",
  "pointsAtX",
  "pointsAtY",
  "pointsAtZ",
  "limitingConeAngle",
  "baseFrequency",
  "numOctaves",
  "seed",
  "stitchTiles",
  "enable-background",
]);
/** Presentation properties, allowed as attributes and in CSS alike. */
const presentationProperties = new Set([
  "fill",
  "fill-opacity",
  "fill-rule",
  "stroke",
  "stroke-width",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-miterlimit",
  "stroke-dasharray",
  "stroke-dashoffset",
  "stroke-opacity",
  "opacity",
  "color",
  "display",
  "visibility",
  "overflow",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "font-variant",
  "font-stretch",
  "text-anchor",
  "text-decoration",
  "letter-spacing",
  "word-spacing",
  "dominant-baseline",
  "alignment-baseline",
  "baseline-shift",
  "writing-mode",
  "direction",
  "stop-color",
  "stop-opacity",
  "clip-path",
  "clip-rule",
  "mask",
  "filter",
  "flood-color",
  "flood-opacity",
  "lighting-color",
  "color-interpolation",
  "color-interpolation-filters",
  "mix-blend-mode",
  "isolation",
  "paint-order",
  "vector-effect",
  "shape-rendering",
  "text-rendering",
  "image-rendering",
  "transform-origin",
  "marker",
  "marker-start",
  "marker-mid",
  "marker-end",
]);
/** An embedded bitmap is part of the file, not a request; embedded SVG could carry scripts. */
const embeddedBitmap = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;

function localName(name: string) {
  return name.slice(name.indexOf(":") + 1);
}

/** CSS as the browser reads it: escapes decoded (\75rl( is url(), comments removed. */
function decodeCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, "")
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) => String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd))
    .replace(/\\(.)/g, "$1");
}

/**
 * Whether a CSS or attribute value stays inside the file: every url() is a
 * #fragment, nothing is imported, and quotes and brackets are closed (an
 * unterminated value is read by browsers to the end of the text).
 */
function isLocalValue(raw: string): boolean {
  const value = decodeCss(raw);
  if (/@import|image-set|expression\s*\(|javascript:|-moz-binding|behavior\s*:|[\\<>]/i.test(value)) return false;
  if ((value.match(/\(/g)?.length ?? 0) !== (value.match(/\)/g)?.length ?? 0)) return false;
  if ((value.match(/"/g)?.length ?? 0) % 2 || (value.match(/'/g)?.length ?? 0) % 2) return false;
  return [...value.matchAll(/url\s*\(\s*(['"]?)([^)]*?)\1\s*\)/gi)].every(([, , target]) => target!.trim().startsWith("#"));
}

/** Keeps the declarations of a style attribute or rule that are presentation properties with local values; names what it dropped. */
function cleanDeclarations(css: string, dropped: string[]): string {
  const kept: string[] = [];
  for (const declaration of decodeCss(css).split(";")) {
    if (!declaration.trim()) continue;
    const colon = declaration.indexOf(":");
    const property = colon > 0 ? declaration.slice(0, colon).trim().toLowerCase() : "";
    const value = colon > 0 ? declaration.slice(colon + 1).trim() : "";
    if (presentationProperties.has(property) && value && isLocalValue(value)) kept.push(`${property}:${value}`);
    else dropped.push(declaration.trim().length > 60 ? `${declaration.trim().slice(0, 57)}...` : declaration.trim());
  }
  return kept.join(";");
}

/** A <style> sheet kept only as plain rules of allowed declarations: no at-rules, no selectors' tricks, nothing loaded. */
function cleanStylesheet(css: string, dropped: string[]): string | undefined {
  const decoded = decodeCss(css);
  if (/@/.test(decoded) || (decoded.match(/{/g)?.length ?? 0) !== (decoded.match(/}/g)?.length ?? 0)) return undefined;
  const rules: string[] = [];
  for (const [, selector, body] of decoded.matchAll(/([^{}]+){([^{}]*)}/g)) {
    const declarations = cleanDeclarations(body!, dropped);
    if (declarations && !/[<>\\]/.test(selector!)) rules.push(`${selector!.trim()}{${declarations}}`);
  }
  return rules.join("");
}

const quoted = (attribute: string, value: string, element: string) =>
  `${attribute}="${value.length > 60 ? `${value.slice(0, 57)}...` : value}" on <${element}>`;

/** The svgo plugin: removes, and describes for the brand's owner, everything not on the allowlist. */
function allowlist(removed: string[]): CustomPlugin {
  return {
    name: "upstanderLogoAllowlist",
    fn: () => {
      const dropped = new WeakSet<XastParent>();
      const drop = (node: XastElement, parent: XastParent) => {
        dropped.add(node);
        parent.children = parent.children.filter((child) => child !== node);
      };
      return {
        // <?xml-stylesheet href="..."?> and any other instruction: the browser acts on them.
        instruction: {
          enter(node, parent) {
            if (node.name.toLowerCase() === "xml") return;
            removed.push(
              `the processing instruction <?${node.name} ${node.value.length > 50 ? `${node.value.slice(0, 47)}...` : node.value}?>`,
            );
            parent.children = parent.children.filter((child) => child !== node);
          },
        },
        element: {
          enter(node, parent) {
            // Children of a removed element are gone with it: nothing more to report.
            if (dropped.has(parent)) return void dropped.add(node);
            const name = localName(node.name);
            if (!staticElements.has(name) && !isFilterPrimitive(name)) {
              removed.push(`the <${node.name}> element`);
              return drop(node, parent);
            }
            if (name === "style") {
              const css = node.children.map((child) => ("value" in child ? child.value : "")).join("");
              const droppedDeclarations: string[] = [];
              const clean = cleanStylesheet(css, droppedDeclarations);
              if (clean === undefined) {
                removed.push("a <style> element with at-rules (@import, @font-face...) or unbalanced braces");
                return drop(node, parent);
              }
              if (droppedDeclarations.length) removed.push(`from a <style> element: ${droppedDeclarations.join("; ")}`);
              node.children = [{ type: "text", value: clean }];
            }
            for (const [attribute, value] of Object.entries(node.attributes)) {
              const local = localName(attribute);
              const isLink = local === "href";
              const problem = attribute.toLowerCase().startsWith("on")
                ? "an event attribute"
                : isLink
                  ? value.trim().startsWith("#") || (name === "image" && embeddedBitmap.test(value.trim()))
                    ? undefined
                    : "a link outside the file"
                  : attribute.startsWith("xmlns")
                    ? undefined
                    : !allowedAttributes.has(attribute) && !presentationProperties.has(attribute)
                      ? "an attribute that is not for drawing"
                      : attribute === "style"
                        ? undefined
                        : !isLocalValue(value)
                          ? "a reference outside the file"
                          : undefined;
              if (problem) {
                removed.push(`${problem} (${quoted(attribute, value, node.name)})`);
                delete node.attributes[attribute];
              }
            }
            if (node.attributes.style !== undefined) {
              const droppedDeclarations: string[] = [];
              const clean = cleanDeclarations(node.attributes.style, droppedDeclarations);
              if (droppedDeclarations.length) removed.push(`from a style attribute on <${node.name}>: ${droppedDeclarations.join("; ")}`);
              if (clean) node.attributes.style = clean;
              else delete node.attributes.style;
            }
          },
        },
      };
    },
  };
}

/** Size of an SVG from its root: width and height, else the viewBox. */
function svgSize(svg: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? "";
  const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(root)?.[1];
  const viewBox = attribute("viewBox")
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  const width = Number.parseFloat(attribute("width") ?? "") || viewBox?.[2];
  const height = Number.parseFloat(attribute("height") ?? "") || viewBox?.[3];
  return width && height ? { width, height } : undefined;
}

export function sanitizeSvg(source: string): { svg: string; removed: string[] } {
  const removed: string[] = [];
  const { data } = optimize(source, { plugins: ["removeDoctype", "removeXMLProcInst", "removeComments", allowlist(removed)] });
  return { svg: data, removed };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A logo file's largest size on disk: a print-quality logo is far smaller. */
const MAX_LOGO_BYTES = 20_000_000;
/** The most pixels a logo may have (a 8000 x 5000 image): checked before anything is decoded. */
export const MAX_LOGO_PIXELS = 40_000_000;
/** Bits per pixel for each PNG colour type and its allowed bit depths (PNG spec, 11.2.2 IHDR). */
const pngColourTypes: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

/**
 * Reads a PNG through, synchronously, as a decoder would before trusting it:
 * every chunk's length and CRC, a valid IHDR first, a pixel count within
 * bounds (before any decompression), and image data that inflates to exactly
 * the size its header promises, with a valid filter byte on every row.
 * A truncated or lying file is refused here, at check time, not in the
 * middle of a build. https://www.w3.org/TR/png/
 */
function checkPng(bytes: Buffer): { width: number; height: number } | { problem: string } {
  const damaged = (why: string) => ({ problem: `is damaged or incomplete (${why}); export it again as PNG` });
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE))
    return { problem: "is not a PNG image (the file does not start like one); export it again as PNG" };
  const data: Buffer[] = [];
  let header: { width: number; height: number; depth: number; colourType: number; interlace: number } | undefined;
  let ended = false;
  for (let offset = 8; offset < bytes.length && !ended;) {
    if (offset + 12 > bytes.length) return damaged("it ends inside a chunk");
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    if (offset + 12 + length > bytes.length) return damaged(`its ${type} chunk is cut short`);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length))
      return damaged(`its ${type} chunk fails its checksum`);
    if (!header && type !== "IHDR") return damaged("it does not start with its header");
    if (type === "IHDR") {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, colourType: body[9]!, interlace: body[12]! };
      const pixels = header.width * header.height;
      if (!pixels) return damaged("its header gives no size");
      if (pixels > MAX_LOGO_PIXELS) {
        return {
          problem: `is ${header.width} × ${header.height} px (${Math.round(pixels / 1e6)} megapixels); a logo may have at most ${MAX_LOGO_PIXELS / 1e6} megapixels, e.g. 8000 × 5000 px: export it smaller`,
        };
      }
      if (!pngColourTypes[header.colourType]?.depths.includes(header.depth))
        return damaged("its header gives an impossible colour type and bit depth");
      if (header.interlace) return { problem: "is an interlaced PNG; export it again without interlacing" };
    }
    if (type === "IDAT") data.push(body);
    if (type === "IEND") ended = true;
    offset += 12 + length;
  }
  if (!header || !ended || !data.length) return damaged(!data.length ? "it has no image data" : "it ends before its last chunk");
  const rowBytes = Math.ceil((header.width * header.depth * pngColourTypes[header.colourType]!.channels) / 8) + 1;
  const expected = rowBytes * header.height;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: expected + 1 });
  } catch (error) {
    return damaged(
      (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE"
        ? "it holds more image data than its size"
        : "its image data does not decompress",
    );
  }
  if (raw.length !== expected) return damaged(`its image data is ${raw.length} bytes, not the ${expected} its size needs`);
  for (let row = 0; row < header.height; row++) if (raw[row * rowBytes]! > 4) return damaged(`row ${row + 1} has an unknown filter`);
  return { width: header.width, height: header.height };
}

/**
 * Reads a logo the brand's checks have found inside the pack with an .svg or
 * .png name. Returns the image, or what is wrong with the file; `removed`
 * lists what sanitising took out of an SVG.
 */
export function readLogo(source: string): { image?: LogoImage; removed: string[]; problem?: string } {
  const fileSize = statSync(source).size;
  if (fileSize > MAX_LOGO_BYTES)
    return {
      removed: [],
      problem: `is ${(fileSize / 1e6).toFixed(0)} MB; a logo file may be at most ${MAX_LOGO_BYTES / 1e6} MB: export it smaller`,
    };
  const bytes = readFileSync(source);
  if (source.toLowerCase().endsWith(".png")) {
    const png = checkPng(bytes);
    if ("problem" in png) return { removed: [], problem: png.problem };
    return { image: { source, format: "png", width: png.width, height: png.height }, removed: [] };
  }
  let sanitized: { svg: string; removed: string[] };
  try {
    sanitized = sanitizeSvg(bytes.toString("utf8"));
  } catch (error) {
    return { removed: [], problem: `is not a readable SVG file (${(error as Error).message.split("\n")[0]}); export it again as SVG` };
  }
  const size = svgSize(sanitized.svg);
  if (!size) return { removed: sanitized.removed, problem: 'has no size: give the <svg> element a viewBox, e.g. viewBox="0 0 200 80"' };
  return { image: { source, format: "svg", ...size, svg: sanitized.svg }, removed: sanitized.removed };
}

/** Dots per inch a PNG logo gets when printed this many millimetres tall. */
export const printDpi = (image: LogoImage, heightMm: number) => image.height / (heightMm / 25.4);
