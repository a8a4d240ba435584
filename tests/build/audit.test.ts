/**
 * npm run audit on a small build no layout was tuned on (the English-only
 * school pack, every page and one PDF): clean as built; and a copy of two
 * of its pages and the PDF, deliberately broken, that each check must
 * catch: an image without alt text, a low-contrast colour, a font from
 * another host, a CSP naming another host, a storage write, focus styles
 * removed, motion under reduced motion, a 12 px target, a page too wide for
 * 320 px, invalid HTML and an untagged PDF.
 */
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { clearPrintBreaches } from "../../src/audit/clear-print.ts";
import { launchBrowser } from "../../src/infra/browser.ts";
import { packWith, run, tempDir, type RunResult } from "../helpers/cli.ts";
import { SCHOOL_PACK, TEST_PRINT_CACHE } from "./shared-build.ts";

const BRAND = "oakfield-primary";

const audit = (dir: string) => run("audit", ["--dir", dir, "--brand", SCHOOL_PACK]);
let fixture: string;
let clean: RunResult;
let broken: RunResult;

/** The broken copy: each edit below breaks exactly one check. */
async function breakCopy(source: string): Promise<string> {
  const dir = join(tempDir("audit-broken"), "dist");
  cpSync(source, dir, { recursive: true });
  const site = join(dir, BRAND);
  // Only the two pages broken below are audited again, and the brand's root, which marks its folder.
  const keep = [join(site, "index.html"), join(site, "en", "index.html"), join(site, "en", "get-help", "index.html")];
  for (const file of readdirSync(site, { recursive: true, encoding: "utf8" }).map((f) => join(site, f)))
    if (file.endsWith(".html") && !keep.includes(file)) rmSync(file);
  const home = join(site, "en", "index.html");
  writeFileSync(
    home,
    readFileSync(home, "utf8").replace(
      '<main id="main" class="main" tabindex="-1">',
      '<main id="main" class="main" tabindex="-1"><img src="../assets/logo.svg" width="10" height="10"><span><div>block in inline</div></span>' +
        '<div><a class="tiny" href="../get-help/">?</a></div>',
    ),
  );
  const css = join(site, "assets", "site.css");
  writeFileSync(css, readFileSync(css, "utf8").replace(/@media \(prefers-reduced-motion: reduce\) \{[^}]*\}\s*\}/, ""));
  appendFileSync(
    css,
    [
      ".quick-exit__button { transition: background-color 0.4s; }",
      ".tiny { display: inline-block; inline-size: 12px; block-size: 12px; overflow: hidden; }",
      ".lead { color: #b0b0b0; }",
      '@font-face { font-family: "Outside"; src: url("https://fonts.example.com/outside.woff2") format("woff2"); }',
      'h1 { font-family: "Outside", sans-serif; }',
      "*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }",
      ".site-footer__inner { min-inline-size: 30rem; }",
    ].join("\n"),
  );
  const help = join(site, "en", "get-help", "index.html");
  writeFileSync(help, readFileSync(help, "utf8").replace("font-src 'self'", "font-src 'self' https://fonts.example.com"));
  appendFileSync(join(site, "assets", "site.js"), '\nlocalStorage.setItem("visited", "yes");\n');
  const untagged = await PDFDocument.create();
  untagged.addPage().drawText("Sextortion", { font: await untagged.embedFont(StandardFonts.Helvetica) });
  writeFileSync(join(site, "print", "one-minute-guide-en-a4.pdf"), await untagged.save());
  return dir;
}

beforeAll(async () => {
  fixture = join(tempDir("audit"), "dist");
  const built = await run("build", ["--brand", SCHOOL_PACK, "--material", "one-minute-guide", "--out", fixture], {
    UPSTANDER_CACHE: TEST_PRINT_CACHE,
  });
  expect(built.code).toBe(0);
  clean = await audit(fixture);
  broken = await audit(await breakCopy(fixture));
});

it("a text colour passing on white but not on the tinted boxes is refused, and the colour check suggests audits with no axe failure", async () => {
  const grey = packWith((y) => y.replace('text: "#1a1a1a"', 'text: "#767676"'));
  const checked = await run("check", ["--brand", grey]);
  expect(checked.code).toBe(1);
  expect(checked.stderr).toMatch(/colors\.text: contrast of text on the tinted boxes and footer \(#767676 on #f3f4f6\)/);
  const suggested = /such as "(#\w{6})"/.exec(checked.stderr)![1]!;
  // Another id than the fixture brand of the same name, which the audit also reads.
  const fixed = packWith((y) => y.replace('text: "#1a1a1a"', `text: "${suggested}"`).replace("id: northshire", "id: colour-test"));
  const out = join(tempDir("audit-colour"), "dist");
  expect((await run("build", ["--brand", fixed, "--no-pdf", "--locale", "en", "--out", out])).code).toBe(0);
  // The English pages are enough to show the colour: the Spanish ones use the same styles.
  rmSync(join(out, "colour-test", "es"), { recursive: true });
  // axe alone: the colour is what is in question here (the full audit runs on the fixture build above).
  const audited = await run("audit", ["--dir", out, "--brand", fixed, "--only", "axe"]);
  expect(audited.stdout).toMatch(/problems: axe 0$/m);
});

describe("npm run audit", () => {
  it("passes the fixture build, printing the counts of every check", () => {
    expect(clean.stderr).toBe("");
    expect(clean.code).toBe(0);
    const pages = readdirSync(fixture, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html")).length;
    expect(pages).toBeGreaterThan(10);
    expect(clean.stdout).toContain(`audit: ${pages} page(s), 1 PDF(s) in `);
    expect(clean.stdout).toMatch(
      /audit: \d+ page\(s\), 1 PDF\(s\) in [\d.]+ s; problems: axe 0, Nu HTML Checker 0, outside request 0, cookie or storage 0, Content-Security-Policy 0, keyboard 0, target size 0, reduced motion 0, reflow 0, quick exit 0, focus not obscured 0, PDF 0, clear print 0/,
    );
  });

  it("fails the broken copy", () => {
    expect(broken.code).toBe(1);
  });

  it("finds an image without alt text (axe)", () => {
    expect(broken.stderr).toMatch(/error: oakfield-primary\/en\/index\.html: axe: image-alt: Images must have alternative text/);
  });

  it("finds text below 4.5:1 against its background (axe)", () => {
    expect(broken.stderr).toMatch(/error: oakfield-primary\/en\/index\.html: axe: color-contrast: .*\.lead/);
  });

  it("finds a font requested from another host", () => {
    expect(broken.stderr).toMatch(
      /error: oakfield-primary\/en\/index\.html: outside request: https:\/\/fonts\.example\.com\/outside\.woff2/,
    );
  });

  it("finds interactive elements with no visible focus style", () => {
    expect(broken.stderr).toMatch(/error: oakfield-primary\/en\/index\.html: keyboard: <a\.skip-link> ".*" shows no focus style/);
  });

  it("finds movement that ignores prefers-reduced-motion", () => {
    expect(broken.stderr).toMatch(/error: oakfield-primary\/en\/index\.html: reduced motion: <a\.quick-exit__button> "Exit this page"/);
  });

  it("finds a target smaller than 24 x 24 px", () => {
    expect(broken.stderr).toMatch(/error: oakfield-primary\/en\/index\.html: target size: <a\.tiny> "\?" is 12 x 12 px/);
  });

  it("finds a page that scrolls sideways at 320 CSS px", () => {
    expect(broken.stderr).toMatch(/error: oakfield-primary\/en\/index\.html: reflow: scrolls sideways at 320 CSS px/);
  });

  it("finds invalid HTML (Nu HTML Checker)", () => {
    expect(broken.stderr).toMatch(
      /error: oakfield-primary\/en\/index\.html:\d+: Nu HTML Checker: Element “div” not allowed as child of element “span”/,
    );
  });

  it("finds an untagged PDF without a title", () => {
    expect(broken.stderr).toMatch(/error: oakfield-primary\/print\/one-minute-guide-en-a4\.pdf: PDF: is not tagged/);
    expect(broken.stderr).toMatch(/one-minute-guide-en-a4\.pdf: PDF: has no Title shown in the title bar/);
    expect(broken.stderr).toMatch(/one-minute-guide-en-a4\.pdf: PDF: declares \/Lang \(none\), not en/);
  });

  it("finds a Content-Security-Policy that allows another host", () => {
    expect(broken.stderr).toMatch(
      /error: oakfield-primary\/en\/get-help\/index\.html: Content-Security-Policy: Content-Security-Policy font-src allows https:\/\/fonts\.example\.com/,
    );
  });

  it("finds a page that writes to storage", () => {
    expect(broken.stderr).toMatch(/error: oakfield-primary\/en\/index\.html: cookie or storage: writes 1 storage entry/);
  });
});

describe("the clear-print rules", () => {
  it("name each breach: small, justified, italic, low-contrast text and over-long lines", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const long = "Words that run on across the whole width of a wide page without any break at all. ".repeat(6);
      await page.setContent(`<!doctype html><html lang="en"><body style="font: 12pt sans-serif; line-height: 1.25">
        <p class="ok">Twelve point, left aligned, dark on white.</p>
        <p class="small" style="font-size: 10pt">Ten point.</p>
        <p class="justified" style="text-align: justify">Justified.</p>
        <p class="italic" style="font-style: italic">Italic.</p>
        <div style="background: #1d4f91"><p class="faint" style="color: #2a5ea8">Blue on blue.</p></div>
        <p class="long" style="width: 250mm">${long}</p></body></html>`);
      await page.emulateMediaType("print");
      const breaches = await clearPrintBreaches(page);
      expect(breaches).toHaveLength(5);
      expect(breaches).toContainEqual('<p.small> "Ten point." is 10.0 pt; clear print needs at least 12 pt');
      expect(breaches).toContainEqual('<p.justified> "Justified." is justified');
      expect(breaches).toContainEqual('<p.italic> "Italic." is italic');
      expect(breaches.find((b) => b.startsWith("<p.faint>"))).toMatch(/has contrast 1\.\d\d:1 against its background; needs 4\.5:1/);
      expect(breaches.find((b) => b.startsWith("<p.long>"))).toMatch(/runs \d+ characters a line; keep body text within about 70/);
    } finally {
      await browser.close();
    }
  });
});
