/**
 * Previews show what prints: each is rendered from the finished PDF, so a
 * rasterisation of the PDF's page 1 by another renderer (poppler's pdftoppm)
 * must match it pixel for pixel, within anti-aliasing; the discussion
 * guide's preview shows its page number, which a screenshot of the HTML
 * left out.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";
import type { Manifest } from "../../src/print/manifest.ts";
import { tempDir } from "../helpers/cli.ts";
import { hasPoppler, loadPdf } from "../helpers/pdf.ts";

const site = join(inject("sharedBuild").out, "upstander");
const manifest = JSON.parse(readFileSync(join(site, "manifest.json"), "utf8")) as Manifest;

/** Greyscale pixels of a PNG, resized to `width` x `height`. */
const grey = (png: Buffer | string, width: number, height: number) =>
  sharp(png).resize(width, height, { fit: "fill" }).greyscale().raw().toBuffer();

describe.runIf(hasPoppler)("previews", () => {
  it.each(manifest.files.filter((file) => file.path.endsWith(".pdf")).map((file) => file.path))(
    "%s: the preview is the PDF's page 1 as pdftoppm renders it",
    async (path) => {
      const file = manifest.files.find((f) => f.path === path)!;
      const preview = join(site, file.preview);
      const { width, height } = await sharp(preview).metadata();
      // The whole sheet at the preview's scale, then its TrimBox cut out (a card has bleed and a slug around it).
      const pdf = await loadPdf(join(site, path));
      const trim = pdf.getPage(0).getTrimBox();
      const media = pdf.getPage(0).getMediaBox();
      const scale = width! / trim.width;
      const root = join(tempDir("preview"), "page");
      execFileSync("pdftoppm", ["-png", "-f", "1", "-l", "1", "-r", String(72 * scale), "-singlefile", join(site, path), root]);
      const left = Math.round((trim.x - media.x) * scale);
      const top = Math.round((media.y + media.height - trim.y - trim.height) * scale);
      const rendered = await sharp(`${root}.png`).extract({ left, top, width: width!, height: height! }).png().toBuffer();
      // Compared at a quarter of the size, which evens out how two renderers anti-alias text.
      const [w, h] = [Math.round(width! / 4), Math.round(height! / 4)];
      const [a, b] = await Promise.all([grey(preview, w, h), grey(rendered, w, h)]);
      let difference = 0;
      for (let i = 0; i < a.length; i++) difference += Math.abs(a[i]! - b[i]!);
      // A mean difference of a few levels in 255; another page, or a block missing or moved, is far more.
      expect(difference / a.length, path).toBeLessThan(5);
    },
  );

  it("the discussion guide's preview shows its page number at the foot", async () => {
    const file = manifest.files.find((f) => f.path === "print/discussion-guide-en-letter.pdf")!;
    const image = sharp(join(site, file.preview));
    const { width, height } = await image.metadata();
    // The bottom 8% of the page, where "Page 1 of 4" prints: some dark pixels.
    const foot = await image
      .extract({ left: 0, top: Math.round(height! * 0.92), width: width!, height: Math.round(height! * 0.08) })
      .greyscale()
      .raw()
      .toBuffer();
    expect(foot.filter((level) => level < 100).length).toBeGreaterThan(50);
  });
});
