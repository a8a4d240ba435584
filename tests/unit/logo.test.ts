/**
 * Logos are made safe before anything publishes them. Each SVG payload that
 * once reached a built site (processing instructions, CSS escapes,
 * unterminated values, image-set) and a few from public sanitiser bypass
 * lists come out with no outside reference and a warning naming what went;
 * opened in Chromium, no sanitised payload requests anything, while the
 * unsanitised ones do. Broken and oversized PNGs are refused by `check`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync, crc32 } from "node:zlib";
import type { Browser } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLogo, sanitizeSvg } from "../../src/brand/logo.ts";
import { launchBrowser } from "../../src/infra/browser.ts";
import { serve } from "../../src/infra/static-server.ts";
import { FIXTURE_BRANDS, packWith, run, tempDir } from "../helpers/cli.ts";

const svg = (inner: string, attributes = "") =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attributes}>${inner}<rect width="10" height="10" fill="#0b3d91"/></svg>`;
const OUTSIDE = "http://127.0.0.2:9";

const payloads: Record<string, string> = {
  "xml-stylesheet instruction": `<?xml-stylesheet href="${OUTSIDE}/a.css"?>${svg("")}`,
  "escaped @import": svg(`<style>@\\69mport "${OUTSIDE}/b.css"; rect { fill: red }</style>`),
  "escaped url()": svg(`<rect style="fill: \\75rl(${OUTSIDE}/c.svg#x)" width="5" height="5"/>`),
  "unterminated url()": svg(`<rect style="fill:url(${OUTSIDE}/d.svg#x" width="5" height="5"/>`),
  "image-set()": svg(`<rect style="fill: image-set('${OUTSIDE}/e.png' 1x)" width="5" height="5"/>`),
  "-webkit-image-set()": svg(`<style>rect { fill: -webkit-image-set(url(${OUTSIDE}/f.png) 1x) }</style>`),
  "@font-face": svg(
    `<style>@font-face { font-family: x; src: url(${OUTSIDE}/g.woff) } text { font-family: x }</style><text y="5">a</text>`,
  ),
  "use of an outside file": svg(`<use href="${OUTSIDE}/h.svg#a"/>`),
  "image from outside": svg(`<image href="${OUTSIDE}/i.png" width="5" height="5"/>`),
  "xlink:href javascript:": svg(`<a xlink:href="javascript:alert(1)"><rect width="5" height="5"/></a>`),
  "entity-encoded javascript:": svg(`<a href="javascript&#58;alert(1)"><rect width="5" height="5"/></a>`),
  "animate rewriting a link": svg(`<a href="#x"><animate attributeName="href" to="javascript:alert(1)"/><rect width="5" height="5"/></a>`),
  "set element": svg(`<set attributeName="fill" to="url(${OUTSIDE}/j.svg#a)"/>`),
  "feImage from outside": svg(`<filter id="f"><feImage href="${OUTSIDE}/k.png"/></filter><rect filter="url(#f)" width="5" height="5"/>`),
  "filter attribute url()": svg(`<rect filter="url(${OUTSIDE}/l.svg#f)" width="5" height="5"/>`),
  "upper-case URL() with a comment inside": svg(`<rect style="fill: U/**/RL(${OUTSIDE}/m.svg#x)" width="5" height="5"/>`),
  "CDATA stylesheet": svg(`<style><![CDATA[ rect { fill: url(${OUTSIDE}/n.svg#x) } ]]></style>`),
  "script and foreignObject": svg(`<script>fetch("${OUTSIDE}/o")</script><foreignObject><iframe src="${OUTSIDE}/p"/></foreignObject>`),
  "event attribute": svg(``, ` onload="fetch('${OUTSIDE}/q')"`),
};

/** What a page asked for, by URL, while `open` ran: every request Chromium made. */
async function requestsWhile(browser: Browser, url: string): Promise<string[]> {
  const page = await browser.newPage();
  const requested: string[] = [];
  // Every request is recorded; those leaving the test server are refused at once, so a page never waits on them.
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    requested.push(request.url());
    if (request.url().startsWith(server.url) || request.url().startsWith("data:")) void request.continue();
    else void request.abort("blockedbyclient");
  });
  await page.goto(url, { waitUntil: "load" }).catch(() => undefined);
  await page.close();
  return requested.filter((address) => !address.startsWith(server.url) && !address.startsWith("data:"));
}

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
const served = tempDir("svg");

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serve(served)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("SVG payloads", () => {
  it.each(Object.entries(payloads))("%s: removed, with a warning", (_, payload) => {
    const { svg: clean, removed } = sanitizeSvg(payload);
    expect(removed.length).toBeGreaterThan(0);
    expect(clean).not.toMatch(/127\.0\.0\.2|javascript|@import|image-set|<script|<set|<animate|onload/i);
    expect(clean).toContain("<rect");
  });

  it("sanitised, none makes Chromium request anything; unsanitised, they do", async () => {
    const names = Object.keys(payloads);
    names.forEach((name, i) => {
      writeFileSync(join(served, `raw-${i}.svg`), payloads[name]!);
      writeFileSync(join(served, `clean-${i}.svg`), sanitizeSvg(payloads[name]!).svg);
    });
    const raw = (await Promise.all(names.map((_, i) => requestsWhile(browser, `${server.url}/raw-${i}.svg`)))).flat();
    expect(raw.some((address) => address.startsWith(OUTSIDE))).toBe(true);
    const clean = await Promise.all(
      names.map(async (name, i) => [name, await requestsWhile(browser, `${server.url}/clean-${i}.svg`)] as const),
    );
    expect(clean.filter(([, requested]) => requested.length)).toEqual([]);
  });

  it("the shipped logos lose nothing", () => {
    for (const brand of ["upstander", "northshire"])
      expect(sanitizeSvg(readFileSync(join(FIXTURE_BRANDS, brand, "logo.svg"), "utf8")).removed, brand).toEqual([]);
  });
});

/** A valid PNG chunk: length, type, data and CRC. */
const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
/** A PNG whose header says width x height, with `rows` of real image data behind it. */
function png(width: number, height: number, rows = height): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const raw = Buffer.alloc(rows * (1 + width * 3));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("PNG logos", () => {
  const pngProblem = (bytes: Buffer) => {
    const file = join(tempDir("png"), "logo.png");
    writeFileSync(file, bytes);
    return readLogo(file).problem;
  };

  it("a valid one reads, the shipped one too", () => {
    expect(pngProblem(png(600, 200))).toBeUndefined();
    expect(readLogo(join(FIXTURE_BRANDS, "puente", "logo.png")).problem).toBeUndefined();
  });

  it("truncated, lying about its size, or corrupted: damaged", () => {
    const shipped = readFileSync(join(FIXTURE_BRANDS, "puente", "logo.png"));
    expect(pngProblem(shipped.subarray(0, Math.floor(shipped.length * 0.6)))).toMatch(
      /^is damaged or incomplete \(.+\); export it again as PNG$/,
    );
    expect(pngProblem(png(600, 200, 100))).toMatch(
      /is damaged or incomplete \(its image data is \d+ bytes, not the 360200 its size needs\)/,
    );
    const flipped = Buffer.from(shipped);
    flipped[60] = flipped[60]! ^ 0xff;
    expect(pngProblem(flipped)).toMatch(/fails its checksum/);
  });

  it("20000 x 20000 px: refused by its header, before decoding", () => {
    const started = performance.now();
    expect(pngProblem(png(20_000, 20_000, 1))).toBe(
      "is 20000 × 20000 px (400 megapixels); a logo may have at most 40 megapixels, e.g. 8000 × 5000 px: export it smaller",
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("npm run check names the broken logo in the pack, in seconds", async () => {
    const pack = packWith((y) => y.replace("logo: logo.svg", "logo: logo.png"));
    writeFileSync(join(pack, "logo.png"), readFileSync(join(FIXTURE_BRANDS, "puente", "logo.png")).subarray(0, 2000));
    const result = await run("check", ["--brand", pack]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/brand\.yaml:\d+: logo: logo\.png is damaged or incomplete/);
  });
});
