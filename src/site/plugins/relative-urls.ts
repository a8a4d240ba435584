/**
 * Templates link with root-relative URLs (/en/get-help/); this rewrites them
 * relative to each page (../get-help/) so a brand's folder works wherever it
 * is published: a domain root, a sub-folder, or a USB stick.
 * https://www.11ty.dev/docs/plugins/html-base/ (the same hook, the other way round)
 */
import { posix } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";

export function relativeUrl(fromPageUrl: string, target: string): string {
  if (!target.startsWith("/") || target.startsWith("//")) return target;
  const [path, suffix = ""] = target.split(/(?=[?#])/, 2);
  const fromDir = fromPageUrl.endsWith("/") ? fromPageUrl : posix.dirname(fromPageUrl);
  let relative = posix.relative(fromDir, path!) || ".";
  if (path!.endsWith("/") && !relative.endsWith("/")) relative += "/";
  return relative + suffix;
}

export function relativeUrlsPlugin(eleventyConfig: UserConfig) {
  eleventyConfig.htmlTransformer.addUrlTransform("html", function (url) {
    return relativeUrl(this.url, url);
  });
}
