/**
 * `--press`: beside each tagged RGB PDF, a CMYK PDF/X file for a print shop
 * (src/print/press.ts), read back by the press check (src/print/press-check.ts)
 * before the build keeps it. Two files rather than one, because PDF/X
 * conversion drops the tag tree: the tagged PDF is for reading and sharing,
 * the press file for the press. The profile is the brand's (`press:` in
 * brand.yaml) or Ghostscript's own CMYK profile, named honestly as such.
 */
import { readFile, mkdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Brand } from "../brand/load.ts";
import { MIN_PRINT_DPI } from "../brand/logo.ts";
import { fileProblem, type Problem } from "../infra/problems.ts";
import { mapConcurrently } from "../infra/pool.ts";
import { fileSha256 } from "../print/cache.ts";
import type { ManifestFile, ManifestPressFile } from "../print/manifest.ts";
import { checkPressPdf } from "../print/press-check.ts";
import { DEFAULT_CMYK_PROFILE, DEFAULT_CMYK_PROFILE_NAME, makePressPdf } from "../print/press.ts";

/** Ghostscript's default CMYK profile allows 300% (measured: its darkest colour, RGB black, is 295%). */
const DEFAULT_INK_LIMIT = 300;

export const pressPathFor = (file: Pick<ManifestFile, "path">) => file.path.replace(/^print\//, "press/");

export async function buildPressFiles(
  brand: Brand,
  files: ManifestFile[],
  brandDir: string,
): Promise<{ press: ManifestPressFile[]; problems: Problem[] }> {
  const profile = brand.press ? join(brand.dir, brand.press.profile) : DEFAULT_CMYK_PROFILE;
  const profileName = brand.press?.name ?? DEFAULT_CMYK_PROFILE_NAME;
  const maxInkPercent = brand.press?.inkLimit ?? DEFAULT_INK_LIMIT;
  await mkdir(join(brandDir, "press"), { recursive: true });
  const problems: Problem[] = [];
  const pdfs = files.filter((file) => file.path.endsWith(".pdf"));
  // Ghostscript is one process per file, busy on one core.
  const made = await mapConcurrently(pdfs, availableParallelism(), async (file) => {
    const path = pressPathFor(file);
    const output = join(brandDir, path);
    try {
      await makePressPdf(join(brandDir, file.path), output, { profile, profileName });
      const report = await checkPressPdf(output, { profileName, maxInkPercent, minImagePpi: MIN_PRINT_DPI });
      problems.push(...report.problems.map((message) => fileProblem("press", path, message)));
      const bytes = await readFile(output);
      return {
        path,
        source: file.path,
        pdfx: report.facts.pdfxVersion ?? "",
        outputIntent: report.facts.outputIntent ?? "",
        pages: report.facts.pages,
        bytes: bytes.byteLength,
        sha256: fileSha256(bytes),
        maxInkPercent: report.facts.maxInkPercent,
      };
    } catch (error) {
      problems.push(fileProblem("press", path, (error as Error).message));
      return undefined;
    }
  });
  return { press: made.filter((file) => file !== undefined), problems };
}
