/**
 * The print step for one brand: Eleventy writes one HTML page per planned
 * PDF into a work folder, then each page is printed by the build's one
 * Chromium (or copied from the cache when nothing that went into it has
 * changed), finished with pdf-lib, checked for its page count, and given a
 * preview. Every problem is collected, so one run names every material
 * that does not fit.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Brand } from "../brand/load.ts";
import type { Content } from "../content/load.ts";
import type { Localized } from "../brand/localize.ts";
import type { BuildTarget } from "../site/target.ts";
import { fileSha256, hashFolder, printStepVersion, sha256, type PrintCache } from "../print/cache.ts";
import { finishPdf, type DocumentInfo } from "../print/finish.ts";
import type { ManifestFile } from "../print/manifest.ts";
import { imagePx, isImageSize } from "../materials/paper.ts";
import { expectedPages, geometryFor, htmlPathFor, type PlannedPrint } from "../materials/plan.ts";
import { PREVIEW_WIDTH_PX, previewImages, renderFirstPage, type RawImage } from "../print/preview.ts";
import { clearPrintInPdf, openWithMupdf } from "../print/printed-text.ts";
import { materialDeclaration } from "../materials/registry.ts";
import { minTextPtFor } from "../materials/variant.ts";
import type { Progress } from "../infra/progress.ts";
import type { PrintRenderer } from "../print/renderer.ts";
import { describeLayoutProblem, LayoutProblemsError } from "../print/layout-problems.ts";
import { BrowserGoneError } from "../print/browser-gone.ts";
import { serve } from "../infra/static-server.ts";
import { browserProfileDir, recordBrowser, stopBrowsersIn } from "./browser-pid.ts";
import { ReportedError } from "../infra/report.ts";
import { fileProblem, formatProblem, ProblemsError, type Problem } from "../infra/problems.ts";
import { bundledFamilies } from "../brand/fonts.ts";
import { renderWithEleventy } from "./site.ts";
import { StageTimes } from "../infra/stage-times.ts";

export interface PrintSessionOptions {
  bleed: boolean;
  progress: Progress;
  cache?: PrintCache;
  /**
   * The build's own working folder: print pages and the browser's profile
   * go in it, and the browser's process id is recorded there so that a
   * later build can stop a browser this one left running when killed.
   */
  buildDir: string;
  /** Extra browser switches (the network test routes the browser through a recording proxy). */
  browserArgs?: string[];
}

/** What every brand's print step in one build shares: one browser, launched only when a file must be printed. */
export class PrintSession {
  rendered = 0;
  reused = 0;
  pages = 0;
  /** Where the print step's time went, stage by stage (`npm run bench` reports it). */
  readonly stages = new StageTimes();
  private renderer?: Promise<PrintRenderer>;
  private version?: Promise<string>;
  private browserPid?: number;

  constructor(readonly options: PrintSessionOptions) {}

  /** Puppeteer loads only when something must be printed: a rebuild with nothing changed never starts it. */
  browser(): Promise<PrintRenderer> {
    return (this.renderer ??= import("../print/renderer.ts").then(({ PrintRenderer }) =>
      PrintRenderer.launch({
        launch: { userDataDir: browserProfileDir(this.options.buildDir), extraArgs: this.options.browserArgs },
        stages: this.stages,
        // Each browser's process id, recorded so that a later build can stop one this build left running when killed.
        onLaunch: (pid) => {
          this.browserPid = pid;
          if (pid) recordBrowser(this.options.buildDir, pid);
        },
      }).catch((error: Error) => {
        throw new ReportedError(
          [],
          `could not start the browser (Chromium) that prints the PDFs: ${error.message.split("\n")[0]}; npm run setup installs it, or build the site alone with --no-pdf`,
        );
      }),
    ));
  }

  /** A folder for one brand's print pages, inside the build's own folder. */
  async scratch(name: string): Promise<string> {
    const dir = join(this.options.buildDir, "work", name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** Stops the browser at once (also one still starting), for a build that is exiting on a signal. */
  killNow(): void {
    stopBrowsersIn(this.options.buildDir, this.browserPid);
  }

  stepVersion(): Promise<string> {
    return (this.version ??= printStepVersion());
  }

  /** What the browser went through, when it died and was replaced; undefined when nothing happened. */
  async browserNote(): Promise<string | undefined> {
    const renderer = await this.renderer?.catch(() => undefined);
    if (!renderer?.relaunched) return undefined;
    return `browser: relaunched ${renderer.relaunched} time(s) after it stopped; ${renderer.retries} file(s) printed again`;
  }

  async close(): Promise<void> {
    if (this.renderer) await (await this.renderer.catch(() => undefined))?.close();
    await this.options.cache?.prune();
  }
}

/** Print files that could not be made as planned: for each, which file and what is wrong (one Problem each). */
export class PrintProblemsError extends ProblemsError {}

/** A problem with one planned file: the file, then what it is (material, languages, size) and what is wrong. */
const printProblem = (file: PlannedPrint, message: string) =>
  fileProblem(
    "print",
    file.path,
    `${file.material}${file.variant ? ` ${file.variant}` : ""} (${file.locales.join(" + ")}, ${file.size}): ${message}`,
  );

/** An image's alternative text, which its template writes on its page as data-alt (the text it shows, in reading order). */
function altText(html: string): string | undefined {
  const alt = /\bdata-alt="([^"]*)"/.exec(html)?.[1];
  return alt?.replace(/&(quot|#39|lt|gt|amp);/g, (_, entity: string) => ({ quot: '"', "#39": "'", lt: "<", gt: ">", amp: "&" })[entity]!);
}

/**
 * The date a PDF carries: SOURCE_DATE_EPOCH when set (the reproducible-builds
 * convention, https://reproducible-builds.org/specs/source-date-epoch/), else
 * the day the content was last reviewed; never the clock, so the same
 * inputs give the same bytes.
 */
function releaseDate(content: Content): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date(`${content.release.reviewed}T00:00:00Z`);
}

function documentInfo(file: PlannedPrint, brand: Brand, content: Content, sites: Record<string, Localized>): DocumentInfo {
  const [first, ...others] = file.locales.map((locale) => sites[locale]!);
  const title = [first!, ...others].map((site) => site.t(`print.${file.material}.title`)).join(" / ");
  return {
    title,
    author: brand.name,
    subject: first!.t("site.tagline"),
    keywords: [brand.shortName, first!.t(`materials.${file.material}`), file.size.toUpperCase(), ...file.locales],
    locales: file.locales,
    date: releaseDate(content),
    creator: `Upstander, content version ${content.release.version}`,
    fonts: bundledFamilies,
  };
}

export async function buildPrints(
  target: BuildTarget,
  files: PlannedPrint[],
  brandDir: string,
  session: PrintSession,
): Promise<ManifestFile[]> {
  const { bleed, progress, cache } = session.options;
  const { stages } = session;
  const work = await session.scratch(`print-${target.brand.id}`);
  const server = await serve(work);
  try {
    await renderWithEleventy({ ...target, print: { files, bleed } }, work);
    await mkdir(join(brandDir, "print"), { recursive: true });
    // Each locale localized once, for every file's document information.
    const inputs = sha256(await session.stepVersion(), await hashFolder(join(work, "assets")), String(bleed));
    const problems: Problem[] = [];
    let browserGone: BrowserGoneError | undefined;
    const made = await Promise.all(
      files.map(async (file) => {
        try {
          return await makePrint(file);
        } catch (error) {
          if (error instanceof BrowserGoneError) browserGone = error;
          else if (error instanceof LayoutProblemsError) {
            // One line per problem: the page's text as printed, with where it came from.
            for (const problem of error.problems) problems.push(printProblem(file, describeLayoutProblem(problem)));
          } else problems.push(printProblem(file, (error as Error).message));
          return undefined;
        }
      }),
    );
    // A dead browser is one problem, not one per file.
    if (browserGone) throw browserGone;
    if (problems.length) throw new PrintProblemsError(problems.sort((a, b) => formatProblem(a).localeCompare(formatProblem(b))));
    return made as ManifestFile[];

    async function makePrint(file: PlannedPrint): Promise<ManifestFile> {
      const started = performance.now();
      const html = htmlPathFor(file);
      const info = documentInfo(file, target.brand, target.content, target.sites);
      const page = await readFile(join(work, html), "utf8");
      const key = sha256(inputs, page, JSON.stringify(info));
      const out = join(brandDir, file.path.replace(/\.(pdf|png)$/, ""));
      const expected = expectedPages(file);
      const cached = await cache?.copyTo(key, out, expected);
      const pages = cached ?? (await printOne(file, html, info, key, out));
      if (expected !== undefined && pages !== expected) throw new Error(`came out as ${pages} pages; it must be exactly ${expected}`);
      if (cached === undefined) session.rendered += 1;
      else session.reused += 1;
      session.pages += pages;
      const made = await readFile(join(brandDir, file.path));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      progress.done(file.path, `${cached === undefined ? "printed" : "unchanged"}, ${pages} p, ${seconds} s`);
      const alt = altText(page);
      return {
        path: file.path,
        material: file.material,
        ...(file.variant && { variant: file.variant }),
        locales: file.locales,
        size: file.size,
        pages,
        bytes: made.byteLength,
        sha256: fileSha256(made),
        preview: file.path.replace(/\.pdf$/, ".png"),
        ...(alt !== undefined && { alt: { [file.locales[0]!]: alt } }),
      };
    }

    async function printOne(file: PlannedPrint, html: string, info: DocumentInfo, key: string, out: string): Promise<number> {
      const geometry = geometryFor(file, bleed);
      const renderer = await session.browser();
      const expected = expectedPages(file);
      const image = isImageSize(file.size) ? imagePx[file.size] : undefined;
      const rendered = await renderer.render({ url: `${server.url}/${html}`, geometry, fixedPages: expected !== undefined, image });
      const pdf = rendered.pdf;
      const finished =
        pdf && (await stages.time("finish: PDF/UA, document information, boxes", () => finishPdf(pdf, info, geometry, rendered.words)));
      const declaration = materialDeclaration(file.material);
      const minimum = minTextPtFor(file.variant, declaration.output === "pdf" ? declaration.minTextPt : undefined);
      // Read once with MuPDF for both: the text as printed, and the preview of page 1.
      const document = finished && openWithMupdf(finished.bytes);
      let preview: Uint8Array | RawImage;
      try {
        const breaches = document
          ? await stages.time("check: clear print, read from the PDF", () => clearPrintInPdf(document, minimum))
          : [];
        if (breaches.length) throw new Error(`the PDF as printed breaks clear print: ${breaches.join("; ")}`);
        preview = document ? await stages.time("preview: draw page 1", () => renderFirstPage(document, PREVIEW_WIDTH_PX)) : rendered.image!;
      } finally {
        document?.destroy();
      }
      const previews = await stages.time("preview: encode PNG and WebP", () => previewImages(preview));
      await stages.time("write files", () =>
        Promise.all([
          finished && writeFile(`${out}.pdf`, finished.bytes),
          writeFile(`${out}.png`, previews.png),
          writeFile(`${out}.webp`, previews.webp),
        ]),
      );
      const pages = finished?.pages ?? 1;
      // Only a file that passed its page check is kept for later builds.
      if (expected === undefined || pages === expected)
        await stages.time("write files", () => cache?.put(key, { pdf: finished?.bytes, png: previews.png, webp: previews.webp }));
      return pages;
    }
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}
