/**
 * Hostile and mistaken brand packs are refused by `npm run check`, with the
 * file and field, before anything renders; plain-text fields stay plain
 * text in what is built; commands never show a stack trace.
 */
import { readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packWith, run, tempDir } from "../helpers/cli.ts";

const check = (dir: string) => run("check", ["--brand", dir]);
const withOverrides = (lines: string) => (yaml: string) => yaml.replace(/^overrides:\n {2}en:\n/m, `overrides:\n  en:\n${lines}`);

async function expectRefused(dir: string, ...messages: RegExp[]) {
  const result = await check(dir);
  expect(result.code).toBe(1);
  for (const message of messages) expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe("refused by check, with file and field", () => {
  it("a locked step blanked with zero-width and format characters", () =>
    expectRefused(
      packWith(
        withOverrides('    steps.young-people.report.title: "\\u200B"\n    steps.young-people.report.text: "\\u200B\\u2060\\uFEFF"\n'),
      ),
      /brand\.yaml:\d+: overrides\.en\.steps\.young-people\.report\.title: "steps\.young-people\.report\.title" is a locked safety step: it may be reworded but not emptied/,
      /overrides\.en\.steps\.young-people\.report\.text: .*locked safety step/,
    ));

  it("a locked step reduced to symbols, or to Markdown that draws nothing", () =>
    expectRefused(
      packWith(withOverrides('    steps.young-people.report.title: "!!! 123"\n    steps.young-people.report.text: "**  ** [](#)"\n')),
      /report\.title: .*needs words in the language's own script/,
      /report\.text: .*locked safety step: it may be reworded but not emptied/,
    ));

  it("placeholders an override adds or drops", () =>
    expectRefused(
      packWith(withOverrides('    site.tagline: "Help for {audience}"\n    print.version: "Version only"\n')),
      /overrides\.en\.site\.tagline: uses \{audience\}, which this text cannot fill \(it has none\)/,
      /overrides\.en\.print\.version: leaves out \{version\}, \{reviewed\}, \{next\}, which this text must show/,
    ));

  it("Markdown images and links to other hosts in an override", () =>
    expectRefused(
      packWith(withOverrides('    pages.home.lead: "See ![x](https://evil.example/i.png) and [this](https://evil.example/)"\n')),
      /overrides\.en\.pages\.home\.lead: holds an image/,
      /overrides\.en\.pages\.home\.lead: links to https:\/\/evil\.example\/; links may go only to your own website/,
    ));

  it("a duplicate locale", () =>
    expectRefused(
      packWith((y) => y.replace("locales: [en, es, pl, ur, ar]", "locales: [en, es, pl, ur, ar, en]")),
      /brand\.yaml:\d+: locales\[5\]: en is listed twice/,
    ));

  it("a 300-character id, and phones without digits or far too long", () =>
    expectRefused(
      packWith((y) =>
        y
          .replace("id: northshire\n", `id: ${"n".repeat(300)}\n`)
          .replace(/phone: "[^"]*"/, 'phone: "THE-LOST"')
          .replace(/(phone: "[^"]*"[\s\S]*?)phone: "[^"]*"/, `$1phone: "${"1".repeat(100_000)}"`),
      ),
      /\bid: must be at most 64 characters/,
      /contacts\[0\]\.phone: must be a phone number as the service publishes it, with its digits/,
      /contacts\[1\]\.phone: must be a phone number/,
    ));

  it("a logo that links to a file outside the pack, and a logo that is a folder", async () => {
    const linked = packWith();
    rmSync(join(linked, "logo.svg"));
    symlinkSync("/etc/hostname", join(linked, "logo.svg"));
    await expectRefused(linked, /logo: logo\.svg is a link to a file outside the brand folder/);
    const folder = packWith();
    rmSync(join(folder, "logo.svg"));
    await import("node:fs").then(({ mkdirSync }) => mkdirSync(join(folder, "logo.svg")));
    await expectRefused(folder, /logo: logo\.svg is a folder, not a file/);
  });
});

it("a brand name holding Markdown is printed as text, never as a link or image", async () => {
  const dir = packWith((y) => y.replace(/^name: .*$/m, 'name: "Evil [link](https://evil.example/) ![img](https://evil.example/i.png)"'));
  const out = join(tempDir("plain"), "dist");
  const result = await run("build", ["--brand", dir, "--no-pdf", "--out", out]);
  expect(result.code).toBe(0);
  const statement = readFileSync(join(out, "northshire", "en", "accessibility", "index.html"), "utf8");
  expect(statement).toContain("Evil [link](https://evil.example/)");
  expect(statement).not.toMatch(/<(a|img)\b[^>]*evil\.example/);
});

describe("commands never show a stack trace", () => {
  it.each([
    ["check", ["--bogus"], /check: Unknown option '--bogus'/],
    ["build", ["--bogus"], /build: Unknown option '--bogus'/],
    ["build", ["--locale", ",", "--no-pdf"], /build: --locale needs a value, e.g. --locale en,es/],
    ["build", ["--locale", "../x", "--no-pdf"], /build: --locale: "\.\.\/x" is not a language code/],
  ] as const)("%s %s", async (script, args, message) => {
    const result = await run(script, [...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
