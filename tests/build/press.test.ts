/**
 * `--press`, read back with tools the build does not use for it: pdfinfo
 * (PDF/X subtype, boxes), Ghostscript's own CMYK rendering (ink per pixel:
 * black text on K only, colours still colours) and the press check on the
 * tagged RGB PDF it was made from (an RGB file must fail it).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/print/manifest.ts";
import { checkPressPdf } from "../../src/print/press-check.ts";
import { DEFAULT_CMYK_PROFILE_NAME } from "../../src/print/press.ts";
import { run, tempDir } from "../helpers/cli.ts";
import { TEST_PRINT_CACHE } from "./shared-build.ts";

const brand = "upstander";
let out: string;
let manifest: Manifest;

beforeAll(async () => {
  out = join(tempDir("press"), "dist");
  const result = await run(
    "build",
    ["--brand", brand, "--locale", "en", "--material", "one-minute-guide,wallet-card", "--press", "--out", out],
    {
      UPSTANDER_CACHE: TEST_PRINT_CACHE,
    },
  );
  expect(result.code, result.stderr).toBe(0);
  manifest = JSON.parse(readFileSync(join(out, brand, "manifest.json"), "utf8")) as Manifest;
}, 120_000);

/** Page 1 as 8-bit CMYK pixels, rendered by Ghostscript at 50 dpi (PAM: a text header, then C, M, Y, K per pixel). */
function cmykPixels(path: string): Uint8Array {
  const pam = execFileSync(
    "gs",
    ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pamcmyk32", "-r50", "-dFirstPage=1", "-dLastPage=1", "-sOutputFile=-", path],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const header = pam.indexOf("ENDHDR\n") + "ENDHDR\n".length;
  return new Uint8Array(pam.subarray(header));
}

describe("--press", () => {
  it("lists a PDF/X press file for every PDF in the manifest, with its OutputIntent named honestly", () => {
    const pdfs = manifest.files.filter((file) => file.path.endsWith(".pdf")).map((file) => file.path);
    expect(manifest.press?.map((file) => file.source).sort()).toEqual(pdfs.sort());
    for (const file of manifest.press!) {
      expect(file.path).toBe(file.source.replace(/^print\//, "press/"));
      expect(file.pdfx).toBe("PDF/X-3:2002");
      expect(file.outputIntent).toBe(DEFAULT_CMYK_PROFILE_NAME);
      expect(file.maxInkPercent).toBeLessThanOrEqual(300);
    }
  });

  it("reads back as PDF/X-3 in pdfinfo, with the card's bleed kept around its trim", () => {
    const info = execFileSync("pdfinfo", ["-box", join(out, brand, "press", "wallet-card-en-id1.pdf")], { encoding: "utf8" });
    expect(info).toMatch(/PDF subtype:\s+PDF\/X-3:2002/);
    const box = (name: string) =>
      info
        .match(new RegExp(`${name}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`))!
        .slice(1)
        .map(Number);
    const [media, bleed, trim] = [box("MediaBox"), box("BleedBox"), box("TrimBox")];
    const mm3 = (3 * 72) / 25.4;
    expect(trim[0]! - bleed[0]!).toBeCloseTo(mm3, 1);
    expect(bleed[2]! - trim[2]!).toBeCloseTo(mm3, 1);
    expect(bleed[0]!).toBeGreaterThan(media[0]!);
    expect(trim[2]! - trim[0]!).toBeCloseTo((85.6 * 72) / 25.4, 0);
  });

  it("prints black text on the K plate only, while the brand's colour keeps its cyan", () => {
    const pixels = cmykPixels(join(out, brand, "press", "one-minute-guide-en-letter.pdf"));
    let darkOnK = 0;
    let richBlack = 0;
    let coloured = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [c, m, y, k] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
      if (k >= 128 && c + m + y === 0) darkOnK++;
      if (k >= 128 && c + m + y > 0) richBlack++;
      if (c >= 128 && k < 64) coloured++;
    }
    expect(darkOnK).toBeGreaterThan(1000);
    expect(richBlack).toBe(0);
    expect(coloured).toBeGreaterThan(1000);
  });

  it("the press check fails the tagged RGB PDF: RGB colour left and no OutputIntent", async () => {
    const report = await checkPressPdf(join(out, brand, "print", "one-minute-guide-en-letter.pdf"), {
      maxInkPercent: 300,
      minImagePpi: 150,
    });
    expect(report.problems.join("\n")).toMatch(/RGB/);
    expect(report.problems.join("\n")).toMatch(/OutputIntent/);
    expect(report.facts.pdfxVersion).toBeUndefined();
  });
});
