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
import { readFileSync } from "node:fs";
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
  "svg", "g", "defs", "symbol", "use", "title", "desc", "a", "style", "image", "marker", "pattern",
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
  "linearGradient", "radialGradient", "stop", "clipPath", "mask", "filter",
]);
const isFilterPrimitive = (name: string) => /^fe[A-Z]/.test(name);
/** An embedded bitmap is part of the file, not a request; embedded SVG could carry scripts. */
const embeddedBitmap = /^data:image\/(png|jpeg|gif|webp);base64,/i;
const outsideUrl = /url\(\s*(?!['"]?#)[^)]*\)|@import/i;

function localName(name: string) {
  return name.slice(name.indexOf(":") + 1);
}

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
        element: {
          enter(node, parent) {
            // Children of a removed element are gone with it: nothing more to report.
            if (dropped.has(parent)) return void dropped.add(node);
            const name = localName(node.name);
            if (!staticElements.has(name) && !isFilterPrimitive(name)) {
              removed.push(`the <${node.name}> element`);
              return drop(node, parent);
            }
            if (name === "style" && node.children.some((child) => child.type !== "element" && "value" in child && outsideUrl.test(child.value))) {
              removed.push("a <style> element that loads files from elsewhere");
              return drop(node, parent);
            }
            for (const [attribute, value] of Object.entries(node.attributes)) {
              const isLink = localName(attribute) === "href";
              const problem = attribute.toLowerCase().startsWith("on")
                ? "an event attribute"
                : isLink && !value.startsWith("#") && !(name === "image" && embeddedBitmap.test(value))
                  ? "a link outside the file"
                  : !isLink && outsideUrl.test(value)
                    ? "a reference outside the file"
                    : undefined;
              if (!problem) continue;
              removed.push(`${problem} (${attribute}="${value.length > 60 ? `${value.slice(0, 57)}...` : value}" on <${node.name}>)`);
              delete node.attributes[attribute];
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
  const viewBox = attribute("viewBox")?.trim().split(/[\s,]+/).map(Number);
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

/** Width and height from a PNG's IHDR chunk, which the format requires first. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString("latin1", 12, 16) !== "IHDR") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Reads a logo the brand's checks have found inside the pack with an .svg or
 * .png name. Returns the image, or what is wrong with the file; `removed`
 * lists what sanitising took out of an SVG.
 */
export function readLogo(source: string): { image?: LogoImage; removed: string[]; problem?: string } {
  const bytes = readFileSync(source);
  if (source.toLowerCase().endsWith(".png")) {
    const size = pngSize(bytes);
    if (!size) return { removed: [], problem: "is not a PNG image (the file does not start like one); export it again as PNG" };
    return { image: { source, format: "png", ...size }, removed: [] };
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
