/**
 * The built site of the default brand (the shared build), read back as HTML: every page in
 * every locale, languages marked, alternates paired, quick exit everywhere,
 * and nothing loaded from another host.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parse, type HTMLElement } from "node-html-parser";
import { describe, expect, inject, it } from "vitest";
import { sitePages, pageUrl } from "../../src/site/pages.ts";

const brand = "upstander";
const locales = ["en", "es"];
const site = join(inject("sharedBuild").out, brand);

const pageFile = (locale: string, page: (typeof sitePages)[number]) => join(site, pageUrl(locale, page), "index.html");
const load = (file: string) => parse(readFileSync(file, "utf8"));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return path.endsWith(".html") ? [path] : [];
  });
}

/** Resolve a relative link from a built page to the file it names. */
function targetFile(fromFile: string, href: string): string {
  const path = join(dirname(fromFile), href.split(/[?#]/)[0]!);
  return href.endsWith("/") || (existsSync(path) && statSync(path).isDirectory()) ? join(path, "index.html") : path;
}

describe("the static site", () => {
  it("has every page of SPEC 'The site' in every locale, plus the language chooser", () => {
    for (const locale of locales) for (const page of sitePages) expect(existsSync(pageFile(locale, page)), `${locale}/${page}`).toBe(true);
    const chooser = load(join(site, "index.html"));
    const links = chooser.querySelectorAll("a[hreflang]").map((a) => a.getAttribute("hreflang"));
    expect(links).toEqual(locales);
  });

  it("marks every page with its language", () => {
    for (const locale of locales) {
      for (const page of sitePages) {
        const html = load(pageFile(locale, page)).querySelector("html")!;
        expect(html.getAttribute("lang"), `${locale}/${page}`).toBe(locale);
        expect(html.getAttribute("dir")).toBe("ltr");
      }
    }
  });

  it("pairs every page with its translations through hreflang, both ways", () => {
    for (const locale of locales) {
      for (const page of sitePages) {
        const file = pageFile(locale, page);
        const alternates = load(file).querySelectorAll('link[rel="alternate"][hreflang]');
        const byLang = Object.fromEntries(alternates.map((link) => [link.getAttribute("hreflang"), link.getAttribute("href")!]));
        expect(Object.keys(byLang).sort()).toEqual([...locales, "x-default"].sort());
        for (const other of locales) {
          // The alternate for `other` is the same page in `other`, and it links back.
          expect(targetFile(file, byLang[other]!)).toBe(pageFile(other, page));
          const back = load(pageFile(other, page)).querySelector(`link[rel="alternate"][hreflang="${locale}"]`)!;
          expect(targetFile(pageFile(other, page), back.getAttribute("href")!)).toBe(file);
        }
      }
    }
  });

  it("offers a language switcher to the same page in the other language", () => {
    const switcher = load(pageFile("en", "get-help")).querySelector(".language-switcher a")!;
    expect(switcher.getAttribute("lang")).toBe("es");
    expect(switcher.text.trim()).toBe("Español");
    expect(targetFile(pageFile("en", "get-help"), switcher.getAttribute("href")!)).toBe(pageFile("es", "get-help"));
  });

  it("has landmarks, a skip link to main, and one h1 on every page", () => {
    for (const file of htmlFiles(site)) {
      const doc = load(file);
      expect(doc.querySelectorAll("main").length, file).toBe(1);
      expect(doc.querySelectorAll("h1").length, file).toBe(1);
      if (file === join(site, "index.html")) continue;
      expect(doc.querySelector("header"), file).not.toBeNull();
      expect(doc.querySelector("nav"), file).not.toBeNull();
      expect(doc.querySelector("footer"), file).not.toBeNull();
      const skip = doc.querySelector("a.skip-link")!;
      expect(skip.getAttribute("href")).toBe("#main");
      expect(doc.querySelector("main")!.getAttribute("id")).toBe("main");
    }
  });

  it("puts the quick exit first on every content page, as a plain link that works without JavaScript", () => {
    for (const locale of locales) {
      for (const page of sitePages) {
        const doc = load(pageFile(locale, page));
        const exit = doc.querySelector("[data-quick-exit] a.quick-exit__button");
        expect(exit, `${locale}/${page}`).not.toBeNull();
        expect(exit!.getAttribute("href")).toBe("https://www.weather.gov/");
        // Before the header: the first thing a keyboard reaches after the skip link.
        const body = doc.querySelector("body")!.childNodes.filter((n) => (n as HTMLElement).tagName) as HTMLElement[];
        expect(body[1]!.getAttribute("data-quick-exit")).not.toBeUndefined();
      }
    }
  });

  it("loads nothing from another host, and forbids it by Content-Security-Policy", () => {
    for (const file of htmlFiles(site)) {
      const doc = load(file);
      const resources = [
        ...doc
          .querySelectorAll("script[src], img[src], source[src], iframe[src], audio[src], video[src]")
          .map((e) => e.getAttribute("src")!),
        ...doc
          .querySelectorAll("link[href]")
          .filter((l) => l.getAttribute("rel") !== "alternate")
          .map((l) => l.getAttribute("href")!),
        ...doc.querySelectorAll("[srcset]").map((e) => e.getAttribute("srcset")!),
      ];
      expect(resources.length, file).toBeGreaterThan(0);
      for (const url of resources) {
        expect(url, `${relative(site, file)} loads ${url}`).not.toMatch(/^(https?:)?\/\//);
        expect(existsSync(targetFile(file, url)), `${relative(site, file)}: ${url} is missing`).toBe(true);
      }
      expect(doc.querySelectorAll("script:not([src])").length, "inline script").toBe(0);
      expect(doc.querySelectorAll("style, [style]").length, "inline style").toBe(0);
      const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")!;
      expect(csp).toContain("default-src 'none'");
      for (const directive of csp.split(";").map((d) => d.trim())) expect(directive, "CSP names another host").not.toMatch(/https?:|\*/);
    }
    const css = readFileSync(join(site, "assets", "site.css"), "utf8");
    const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url).not.toMatch(/^(https?:)?\/\//);
      expect(existsSync(join(site, "assets", url)), url).toBe(true);
    }
    expect(css).not.toMatch(/@import/);
  });

  it("links every page to pages that exist", () => {
    for (const file of htmlFiles(site)) {
      for (const a of load(file).querySelectorAll("a[href]")) {
        const href = a.getAttribute("href")!;
        if (/^(https:|mailto:|tel:|#)/.test(href)) continue;
        expect(href, `${relative(site, file)} has a non-https outside link`).not.toMatch(/^[a-z]+:/);
        expect(existsSync(targetFile(file, href)), `${relative(site, file)} → ${href}`).toBe(true);
      }
    }
  });

  it("writes Spanish pages in Spanish", () => {
    const home = load(pageFile("es", "home"));
    expect(home.querySelector("h1")!.text).toBe("La sextorsión es un delito, y nunca es culpa tuya");
    expect(home.querySelector(".quick-exit__button")!.text.trim()).toBe("Salir de esta página");
    const steps = load(pageFile("es", "what-to-do")).querySelector(".step-list")!.text;
    expect(steps).toContain("No pagues ni envíes más");
    expect(steps).not.toContain("Do not pay");
    // Numbers and dates follow the conventions of Spanish in the brand's region (es-US groups digits with a comma).
    expect(home.querySelector(".stat-list")!.text).toContain("262,573");
    expect(home.querySelector("footer")!.text).toContain("21 de noviembre de 2026");
  });

  it("prints every figure with its source and year", () => {
    const stats = load(pageFile("en", "for-professionals")).querySelectorAll(".stat-list__item");
    expect(stats.length).toBe(5);
    for (const stat of stats) {
      expect(stat.querySelector(".stat-list__source")!.text).toMatch(/^Source: .+, (19|20)\d\d$/);
      expect(stat.querySelector(".stat-list__source a")!.getAttribute("href")).toMatch(/^https:\/\//);
    }
  });

  it("shows the region's contacts exactly as published, with dialable numbers", () => {
    const help = load(pageFile("en", "get-help"));
    const phones = help.querySelectorAll('a[href^="tel:"]').map((a) => [a.getAttribute("href"), a.text]);
    // Links dial the number in E.164; the text stays as the service publishes it.
    expect(phones).toContainEqual(["tel:+18008435678", "1-800-THE-LOST (1-800-843-5678)"]);
    expect(phones).toContainEqual(["tel:911", "911"]);
    expect(help.querySelector('a[href="mailto:gethelp@ncmec.org"]')).not.toBeNull();
    expect(help.querySelector('a[href="https://takeitdown.ncmec.org/"]')).not.toBeNull();
  });

  it("writes relative links, so the folder works from any address", () => {
    for (const file of htmlFiles(site)) {
      for (const el of load(file).querySelectorAll("[href], [src]")) {
        const url = el.getAttribute("href") ?? el.getAttribute("src")!;
        expect(url, relative(site, file)).not.toMatch(/^\/(?!\/)/);
      }
    }
  });
});
