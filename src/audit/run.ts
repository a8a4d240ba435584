/**
 * The whole audit over a built output folder (dist/ by default): every page
 * of every brand in Chromium (site-pages.ts), every page through the Nu HTML
 * Checker, every PDF in each manifest (pdf-checks.ts), and every print
 * page against the clear-print rules (clear-print.ts). Problems come back
 * one per line, grouped by check, with counts for the summary.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { launchBrowser } from "../infra/browser.ts";
import { fileProblem, type Problem } from "../infra/problems.ts";
import type { Manifest } from "../print/manifest.ts";
import { mapConcurrently } from "../infra/pool.ts";
import { serve } from "../infra/static-server.ts";
import type { BuildTarget } from "../site/target.ts";
import { auditPrintPages } from "./clear-print.ts";
import { validateHtml } from "./html-validator.ts";
import { checkPdf } from "../print/accessibility-checks.ts";
import { auditPage, type PageFindings } from "./site-pages.ts";

export const checkNames = {
  axe: "axe",
  html: "Nu HTML Checker",
  outside: "outside request",
  storage: "cookie or storage",
  csp: "Content-Security-Policy",
  keyboard: "keyboard",
  targets: "target size",
  motion: "reduced motion",
  reflow: "reflow",
  quickExit: "quick exit",
  focusObscured: "focus not obscured",
  pdf: "PDF",
  clearPrint: "clear print",
} as const;
export type CheckName = keyof typeof checkNames;

/** What a check found, before it takes the Problem shape every command reports in. */
interface Finding {
  line?: number;
  check: CheckName;
  /** File, relative to the audited folder. */
  where: string;
  message: string;
}

export interface AuditResult {
  pages: number;
  pdfs: number;
  /** In the shape every command reports (check: the check's name), with the check's key for counting. */
  problems: (Problem & { checkKey: CheckName })[];
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .sort()
    .map((file) => join(dir, file));
}

function readManifest(brandFolder: string): Manifest | undefined {
  const file = join(brandFolder, "manifest.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Manifest) : undefined;
}

const brandFolders = (dir: string) =>
  readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory() && existsSync(join(path, "index.html")));

/** Tabs open at once: measured on 2 cores, 4 did the work in about half the time of 1, and 8 no better than 4. */
const PAGES_AT_ONCE = 4;

export interface AuditOptions {
  /** The checked brands whose print pages to render for the clear-print rules, by id. */
  brands: ReadonlyMap<string, Pick<BuildTarget, "content" | "brand">>;
  onPage?: (where: string) => void;
  /** Run only these checks (npm run audit -- --only axe,keyboard); all when not given. */
  only?: ReadonlySet<CheckName>;
}

export async function runAudit(dir: string, { brands, onPage = () => {}, only }: AuditOptions): Promise<AuditResult> {
  const wanted = (check: CheckName) => !only || only.has(check);
  const problems: Finding[] = [];
  const pages = htmlFiles(dir);
  const manifests = brandFolders(dir).flatMap((folder) => {
    const manifest = readManifest(folder);
    return manifest ? [[folder, manifest] as const] : [];
  });
  // The Nu HTML Checker is a Java process of its own: it runs while the browser works.
  const htmlMessages = wanted("html") ? validateHtml(dir) : Promise.resolve([]);
  const server = await serve(dir);
  const browser = await launchBrowser();
  try {
    const found = await mapConcurrently(pages, PAGES_AT_ONCE, async (file) => {
      const where = relative(dir, file);
      onPage(where);
      return {
        where,
        findings: await auditPage(browser, `${server.url}/${where.split("\\").join("/")}`, readFileSync(file, "utf8"), wanted),
      };
    });
    for (const { where, findings } of found) {
      for (const check of Object.keys(findings) as (keyof PageFindings)[]) {
        for (const message of findings[check]) problems.push({ check, where, message });
      }
    }
    for (const [folder, manifest] of wanted("clearPrint") ? manifests : []) {
      const target = brands.get(basename(folder));
      if (!manifest.files.length) continue;
      if (!target) {
        problems.push({
          check: "clearPrint",
          where: relative(dir, folder),
          message: "no brand pack with this id to render its print pages from; pass --brand PATH",
        });
        continue;
      }
      onPage(`${relative(dir, folder)} print pages`);
      for (const [path, message] of await auditPrintPages(browser, target, manifest.files)) {
        problems.push({ check: "clearPrint", where: relative(dir, join(folder, path)).replace(/\.pdf$/, ""), message });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const message of await htmlMessages) {
    problems.push({ check: "html", where: relative(dir, message.file), line: message.line, message: message.message });
  }
  let pdfs = 0;
  for (const [brand, manifest] of manifests) {
    for (const file of manifest.files.filter((f) => f.path.endsWith(".pdf"))) {
      pdfs++;
      for (const message of wanted("pdf") ? await checkPdf(join(brand, file.path), file.locales) : [])
        problems.push({ check: "pdf", where: relative(dir, join(brand, file.path)), message });
    }
  }
  return {
    pages: pages.length,
    pdfs,
    problems: problems
      .filter((problem) => wanted(problem.check))
      .map(({ check, where, line, message }) => ({ ...fileProblem(checkNames[check], where, message, line), checkKey: check })),
  };
}
