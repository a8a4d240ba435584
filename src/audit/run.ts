/**
 * The whole audit over a built output folder (dist/ by default): every page
 * of every brand in Chromium (site-pages.ts), every page through the Nu HTML
 * Checker, every PDF in each manifest (pdf-checks.ts). Problems come back
 * one per line, grouped by check, with counts for the summary.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { launchBrowser } from "../print/browser.ts";
import type { Manifest } from "../print/manifest.ts";
import { serve } from "../print/static-server.ts";
import { validateHtml } from "./html-validator.ts";
import { checkPdf } from "./pdf-checks.ts";
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
  pdf: "PDF",
} as const;
export type CheckName = keyof typeof checkNames;

export interface AuditProblem {
  check: CheckName;
  /** File, relative to the audited folder. */
  where: string;
  message: string;
}

export interface AuditResult {
  pages: number;
  pdfs: number;
  problems: AuditProblem[];
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .sort()
    .map((file) => join(dir, file));
}

const brandFolders = (dir: string) =>
  readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory() && existsSync(join(path, "index.html")));

export async function runAudit(dir: string, onPage: (where: string) => void = () => {}): Promise<AuditResult> {
  const problems: AuditProblem[] = [];
  const pages = htmlFiles(dir);
  const server = await serve(dir);
  const browser = await launchBrowser();
  try {
    for (const file of pages) {
      const where = relative(dir, file);
      onPage(where);
      const findings = await auditPage(browser, `${server.url}/${where.split("\\").join("/")}`, readFileSync(file, "utf8"));
      for (const check of Object.keys(findings) as (keyof PageFindings)[]) {
        for (const message of findings[check]) problems.push({ check, where, message });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const message of await validateHtml(dir)) {
    problems.push({ check: "html", where: `${relative(dir, message.file)}${message.line ? `:${message.line}` : ""}`, message: message.message });
  }
  let pdfs = 0;
  for (const brand of brandFolders(dir)) {
    const manifestFile = join(brand, "manifest.json");
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
    for (const file of manifest.files) {
      pdfs++;
      for (const message of await checkPdf(join(brand, file.path), file.locales)) problems.push({ check: "pdf", where: relative(dir, join(brand, file.path)), message });
    }
  }
  return { pages: pages.length, pdfs, problems };
}
