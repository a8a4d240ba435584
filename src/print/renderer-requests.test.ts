/**
 * A print page loads nothing from anywhere but the server it came from:
 * a stylesheet, image, background and iframe on another server
 * of this machine (another origin, as the open web would be) are never
 * requested, and the page still prints. Rendered by the real renderer.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { pageGeometry } from "../materials/paper.ts";
import { PrintRenderer } from "./renderer.ts";
import { serve } from "../infra/static-server.ts";
import { tempDir } from "../../tests/helpers/cli.ts";

let renderer: PrintRenderer;
let home: Awaited<ReturnType<typeof serve>>;
let elsewhere: Awaited<ReturnType<typeof serve>>;
const asked: string[] = [];

beforeAll(async () => {
  const other = tempDir("elsewhere");
  for (const name of ["style.css", "image.png", "frame.html", "background.png"]) writeFileSync(join(other, name), "");
  elsewhere = await serve(other, (path) => asked.push(path));
  const dir = tempDir("home");
  // The page's own text in a bundled font, from its own server, as print pages have it.
  const fonts = join(dirname(createRequire(import.meta.url).resolve("@fontsource/atkinson-hyperlegible/package.json")), "files");
  copyFileSync(join(fonts, "atkinson-hyperlegible-latin-400-normal.woff2"), join(dir, "atkinson.woff2"));
  writeFileSync(
    join(dir, "page.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page</title>
<link rel="stylesheet" href="${elsewhere.url}/style.css">
<style>
  @font-face { font-family: Atkinson; src: url("atkinson.woff2") format("woff2"); }
  body { font-family: Atkinson; background: url("${elsewhere.url}/background.png"); }
</style></head>
<body><p>Text.</p><img src="${elsewhere.url}/image.png" alt=""><iframe src="${elsewhere.url}/frame.html" title="frame"></iframe></body></html>`,
  );
  home = await serve(dir);
  renderer = await PrintRenderer.launch({ tabs: 1 });
});
afterAll(async () => {
  await renderer?.close();
  await Promise.all([home?.close(), elsewhere?.close()]);
});

it("requests nothing from another origin, and prints the page", async () => {
  const rendered = await renderer.render({ url: `${home.url}/page.html`, geometry: pageGeometry("a4", false), fixedPages: false });
  expect(rendered.pdf?.byteLength).toBeGreaterThan(0);
  expect(asked).toEqual([]);
});
