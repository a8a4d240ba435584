/**
 * Brand packs that are wrong in one way each, checked from a folder outside
 * the repository (as an NGO's would be): exit 1 and one message per problem,
 * naming brand.yaml, the field path, what is wrong and what would be right.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { packWith, run, tempDir } from "../helpers/cli.ts";

const check = (dir: string) => run("check", ["--brand", dir]);

async function expectError(edit: (yaml: string) => string, message: RegExp) {
  const result = await check(packWith(edit));
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
}

/** A PNG logo of the given size, written into a pack that uses it. */
async function packWithPngLogo(width: number, height: number): Promise<string> {
  const dir = packWith((y) => y.replace("logo: logo.svg", "logo: logo.png"));
  await sharp({ create: { width, height, channels: 3, background: "#0b3d91" } })
    .png()
    .toFile(join(dir, "logo.png"));
  return dir;
}

describe("brand checks", () => {
  it("accepts the shipped pack from a folder outside the repo", async () => {
    const result = await check(packWith());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("names an unknown field and the field it probably meant", () =>
    expectError(
      (y) => y.replace("colors:", "colours:"),
      /error: \S+brand\.yaml:\d+: colours: unknown field "colours": did you mean "colors"\?/,
    ));

  it("rejects a region Upstander has no contacts for, listing the ones it has", () =>
    expectError((y) => y.replace("region: gb", "region: fr"), /brand\.yaml:\d+: region: must be one of us, gb, ca, au$/m));

  it("names a footer too long for the foot of a page, before anything is built", () =>
    expectError(
      (y) => y.replace(/^ {2}en: "Example only: Northshire[^\n]*/m, `  en: "${"Registered charity. ".repeat(12)}"`),
      /footer\.en: must be at most 200 characters: it prints at the foot of every material/,
    ));

  it("suggests gb for uk", () =>
    expectError((y) => y.replace("region: gb", "region: uk"), /region: must be one of us, gb, ca, au: did you mean "gb"\?/));

  it("gives a website written without https:// its https form", () =>
    expectError(
      (y) => y.replace("website: https://northshire.example", "website: www.northshire.example"),
      /website: must start with https:\/\/: "https:\/\/www\.northshire\.example"/,
    ));

  it("rejects a language with no content, listing the available ones", () =>
    expectError(
      (y) => y.replace("locales: [en, es, pl, ur, ar]", "locales: [en, de]").replace(/^parentFlyer:\n.*\n/m, ""),
      /brand\.yaml:\d+: locales\[1\]: there is no content in "de"; available: ar, en, es, fr, pl, uk, ur/,
    ));

  it("rejects a website that is not https, giving the https form", () =>
    expectError(
      (y) => y.replace("website: https://northshire.example", "website: http://northshire.example"),
      /website: must use https, not http: "https:\/\/northshire\.example"/,
    ));

  it("rejects a logo outside the pack folder", () =>
    expectError(
      (y) => y.replace("logo: logo.svg", "logo: ../upstander/logo.svg"),
      /logo: must be a file inside the brand folder .*not "\.\.\/upstander\/logo\.svg"/,
    ));

  it("rejects a missing logo", () =>
    expectError((y) => y.replace("logo: logo.svg", "logo: crest.svg"), /logo: file not found: \S*crest\.svg/));

  it("rejects a logo that is neither SVG nor PNG", () =>
    expectError(
      (y) => y.replace("logo: logo.svg", "logo: logo.gif"),
      /logo: must be an \.svg or \.png file, not "logo\.gif": export the logo as SVG/,
    ));

  it("gives a JPEG logo the exact conversion to PNG", () =>
    expectError(
      (y) => y.replace("logo: logo.svg", "logo: logo.jpg"),
      /logo: logo\.jpg is a JPEG, .*node -e "require\('sharp'\)\('\S+logo\.jpg'\)\.png\(\)\.toFile\('\S+logo\.png'\)"\), then write logo: logo\.png/,
    ));

  it("warns about a PNG logo below 300 dpi at the A3 poster's logo size, and refuses one far below", async () => {
    // On the A3 poster the logo prints 16.97 mm tall (12 mm on A4): 201 px for 300 dpi, 101 px for 150.
    const soft = await check(await packWithPngLogo(600, 150));
    expect(soft.code).toBe(0);
    expect(soft.stderr).toMatch(
      /warning: \S+brand\.yaml:\d+: logo: logo\.png is 600 × 150 px: on the poster \(A3\) it prints 17\.0 mm tall, which is 224 dpi; sharp print needs 300 dpi: export it at least 804 × 201 px/,
    );
    const blurred = await check(await packWithPngLogo(240, 60));
    expect(blurred.code).toBe(1);
    expect(blurred.stderr).toMatch(
      /error: \S+brand\.yaml:\d+: logo: logo\.png is 240 × 60 px: .* which is 89 dpi; .* \(below 150 dpi it prints visibly blurred\)/,
    );
  });

  it("rejects a file named .png that is not a PNG", async () => {
    const dir = packWith((y) => y.replace("logo: logo.svg", "logo: logo.png"));
    writeFileSync(join(dir, "logo.png"), readFileSync(join(dir, "logo.svg")));
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/logo: logo\.png is not a PNG image/);
  });

  it("rejects text on background below 4.5:1, with the measured ratio and a colour that passes", () =>
    expectError(
      (y) => y.replace('text: "#1a1a1a"', 'text: "#999999"'),
      /colors\.text: contrast of text on the tinted boxes and footer \(#999999 on #f3f4f6\) is 2\.\d\d:1; WCAG AA needs at least 4\.5:1: try a text colour such as "#\w{6}", which passes on every background it is used on/,
    ));

  it("rejects text on primary below 4.5:1, with the measured ratio and a primary that passes", () =>
    expectError(
      (y) => y.replace('primary: "#0b3d91"', 'primary: "#66aaff"'),
      /colors\.primary: contrast of primary \(links, headings, and the header band behind the background colour\) on the tinted boxes and footer \(#66aaff on #f3f4f6\) is 2\.\d\d:1; .* try a primary colour such as "#\w{6}"/,
    ));

  it("reports the contrast, logo and region problems even when another field fails its schema", async () => {
    const result = await check(
      packWith((y) =>
        y
          .replace("region: gb", "region: uk")
          .replace('text: "#1a1a1a"', 'text: "#999999"')
          .replace("logo: logo.svg", "logo: missing.svg")
          .replace("colors:", "colours:"),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/region: must be one of us, gb, ca, au: did you mean "gb"/);
    expect(result.stderr).toMatch(/logo: file not found/);
    expect(result.stderr).toMatch(/colours: unknown field "colours": did you mean "colors"\?/);
    // The misspelt section's own problem is the suggestion, not also "required field is missing".
    expect(result.stderr).not.toMatch(/colors: required field is missing/);
  });

  it("rejects a phone number that does not dial in the region, showing the region's format", () =>
    expectError(
      (y) => y.replace('phone: "01632 960 123"', 'phone: "0123 456"'),
      /contacts\[0\]\.phone: "0123 456" is not a valid GB phone number \(it dials 0123456\); a GB number is written like 07\d{3} \d{6}: copy it exactly as the service publishes it/,
    ));

  it("warns that a number reserved for drama never connects, except in a pack marked as an example", async () => {
    const real = await check(packWith((y) => y.replace("example: true\n", "")));
    expect(real.stderr).toMatch(
      /warning: \S+brand\.yaml:\d+: contacts\[0\]\.phone: "01632 960 123" is in a range reserved for drama and fiction: it never connects/,
    );
    const example = await check(packWith());
    expect(example.stderr).not.toMatch(/reserved for drama/);
  });

  it("suggests a passing colour that really passes", async () => {
    const result = await check(packWith((y) => y.replace('text: "#1a1a1a"', 'text: "#999999"')));
    const suggested = /such as "(#\w{6})"/.exec(result.stderr)![1]!;
    const fixed = await check(packWith((y) => y.replace('text: "#1a1a1a"', `text: "${suggested}"`)));
    expect(fixed.code).toBe(0);
  });

  it("rejects an override key that does not exist, naming the closest one", () =>
    expectError(
      (y) => y.replace("    steps.professionals.escalate.text: Sextortion", "    steps.professionals.escalte.text: Sextortion"),
      /overrides\.en\.steps\.professionals\.escalte\.text: there is no text with the key "steps\.professionals\.escalte\.text": did you mean "steps\.professionals\.escalate\.text"\?/,
    ));

  it("rejects an override that empties a locked safety text", () =>
    expectError(
      (y) => y.replace(/ {4}steps\.professionals\.escalate\.text: Sextortion.*\n/, '    steps.professionals.escalate.text: ""\n'),
      /overrides\.en\.steps\.professionals\.escalate\.text: "steps\.professionals\.escalate\.text" is a locked safety step: it may be reworded but not emptied/,
    ));

  it("reports every problem in one run, one message each", async () => {
    const result = await check(
      packWith((y) =>
        y
          .replace('primary: "#0b3d91"', 'primary: "#66aaff"')
          .replace('text: "#1a1a1a"', 'text: "#999999"')
          .replace("logo: logo.svg", "logo: ../x.svg"),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.match(/^error: /gm)).toHaveLength(3);
  });
});

describe("SVG logos", () => {
  it("are sanitised before any page sees them: no script, no event attribute, no outside reference", async () => {
    const dir = packWith();
    const logo = join(dir, "logo.svg");
    writeFileSync(
      logo,
      readFileSync(logo, "utf8")
        .replace("<svg ", '<svg onload="alert(1)" ')
        .replace("</svg>", '<script>alert(2)</script><image href="https://tracker.example/pixel.png" width="1" height="1"/></svg>'),
    );
    const checked = await check(dir);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toMatch(/warning: \S+brand\.yaml:\d+: logo: removed the <script> element from logo\.svg/);
    expect(checked.stderr).toMatch(/removed an event attribute \(onload="alert\(1\)" on <svg>\)/);
    expect(checked.stderr).toMatch(/removed a link outside the file \(href="https:\/\/tracker\.example\/pixel\.png" on <image>\)/);

    const out = join(tempDir("sanitised"), "dist");
    const built = await run("build", ["--brand", dir, "--no-pdf", "--out", out]);
    expect(built.code).toBe(0);
    const served = readFileSync(join(out, "northshire", "assets", "logo.svg"), "utf8");
    expect(served).toContain("<path");
    expect(served).not.toMatch(/<script|onload|tracker\.example/);
  });
});
