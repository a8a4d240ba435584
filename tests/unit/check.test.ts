/**
 * `npm run check` on broken data: exit 1, one message per problem naming the
 * file, the line where known, and the field path.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyOfData, run } from "../helpers/cli.ts";

function breakFile(data: string, file: string, edit: (text: string) => string) {
  const path = join(data, file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  expect(after, `the edit to ${file} changed nothing`).not.toBe(before);
  writeFileSync(path, after);
}

async function checkWith(file: string, edit: (text: string) => string) {
  const data = copyOfData();
  breakFile(data, file, edit);
  return run("check", [], { UPSTANDER_DATA: data });
}

describe("npm run check", () => {
  it("passes on the shipped data", async () => {
    const result = await run("check");
    expect(result.stderr).not.toMatch(/^error:/m);
    expect(result.code).toBe(0);
  });

  it("rejects a translation that drops or adds a {placeholder} of its English text", async () => {
    const data = copyOfData();
    breakFile(data, "locales/es/ui.yaml", (t) => t.replace(/(\n {2}print:[\s\S]*?\n {4}version: )[^\n]*/, "$1Versión {version}."));
    breakFile(data, "locales/es/content.yaml", (t) => t.replace(/(\n {2}[a-z-]+:\n {4}label: )([^\n]*)/, "$1$2 {count}"));
    const result = await run("check", [], { UPSTANDER_DATA: data });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: \S*data\/locales\/es\/ui\.yaml:\d+: strings\.print\.version: leaves out \{reviewed\}, \{next\}, which this text must show.* \(as the en text does\)/,
    );
    expect(result.stderr).toMatch(
      /error: \S*data\/locales\/es\/content\.yaml:\d+: stats\.[a-z-]+\.label: uses \{count\}, which this text cannot fill \(it has none\)/,
    );
  });

  it("rejects malformed YAML with the file and line", async () => {
    const result = await checkWith("content/stats.yaml", (t) => t.replace("  value: 79\n", "  value: [79\n"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: \S*data\/content\/stats\.yaml:\d+: not valid YAML/);
  });

  it("rejects a missing required field, naming the field path", async () => {
    const result = await checkWith("content/contacts.yaml", (t) => t.replace("  verified: 2026-11-21\n", ""));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: \S*data\/content\/contacts\.yaml:\d+: \[0\]\.verified:/);
  });

  it("rejects a wrong type", async () => {
    const result = await checkWith("content/stats.yaml", (t) => t.replace("  value: 79\n", '  value: "seventy-nine"\n'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data\/content\/stats\.yaml:\d+: \[0\]\.value: must be a number/);
  });

  it("rejects an unknown (misspelt) field", async () => {
    const result = await checkWith("content/contacts.yaml", (t) =>
      t.replace("  account: false\n  emergency: true", "  acount: false\n  emergency: true"),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/contacts\.yaml:\d+: \[0\]\.acount: unknown field "acount"/);
    // The suggestion is the fix: the field it names is not reported again as missing.
    expect(result.stderr).toMatch(/contacts\.yaml:\d+: \[0\]\.acount: unknown field "acount": did you mean "account"\?/);
    expect(result.stderr).not.toMatch(/\[0\]\.account: required field is missing/);
  });

  it("names a key that one locale lacks", async () => {
    const result = await checkWith("locales/es/ui.yaml", (t) => t.replace(/^ {4}tagline: .*\n/m, ""));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: \S*data\/locales\/es\/ui\.yaml:\d+: strings\.site\.tagline: missing: "site\.tagline" is in en but not in es/,
    );
  });

  it("names content text that a locale lacks", async () => {
    const result = await checkWith("locales/en/content.yaml", (t) => t.replace(/^ {2}money: .*\n/m, ""));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data\/locales\/en\/content\.yaml:\d+: signs\.money: missing: no en text for "money"/);
  });

  it("rejects a figure without a source", async () => {
    const result = await checkWith("content/stats.yaml", (t) =>
      t.replace(
        "  source: NCMEC CyberTipline\n  url: https://www.missingkids.org/theissues/sextortion\n  year: 2022\n",
        "  url: https://www.missingkids.org/theissues/sextortion\n  year: 2022\n",
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data\/content\/stats\.yaml:\d+: \[0\]\.source:/);
  });

  it("reports every problem at once, not just the first", async () => {
    const data = copyOfData();
    breakFile(data, "content/stats.yaml", (t) => t.replace("  value: 79\n", '  value: "x"\n'));
    breakFile(data, "content/contacts.yaml", (t) => t.replace("  anonymous: false\n", "  anonymous: maybe\n"));
    const result = await run("check", [], { UPSTANDER_DATA: data });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("stats.yaml");
    expect(result.stderr).toContain("contacts.yaml");
  });

  it("warns, without failing, about a contact verified over 12 months ago", async () => {
    const result = await checkWith("content/contacts.yaml", (t) => t.replace("  verified: 2026-11-21\n", "  verified: 2020-01-01\n"));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /warning: \S*data\/content\/contacts\.yaml:\d+: \[0\]\.verified: "us-emergency" was last verified on 2020-01-01/,
    );
  });

  it("rejects a reference to a contact that does not exist", async () => {
    const result = await checkWith("content/regions.yaml", (t) => t.replace("young-people: childline", "young-people: childlne"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/regions\.yaml:\d+: gb\.mainContacts\.young-people: "childlne" is not a contact of region gb/);
  });

  it("rejects a main contact that does not serve its audience, or has no address for the QR code", async () => {
    const result = await checkWith("content/regions.yaml", (t) =>
      t.replace("parents: nspcc-helpline", "parents: childline").replace("young-people: kids-helpline", "young-people: au-emergency"),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /regions\.yaml:\d+: gb\.mainContacts\.parents: "childline" does not serve parents \(its audience is young-people\)/,
    );
    expect(result.stderr).toMatch(/regions\.yaml:\d+: au\.mainContacts\.young-people: "au-emergency" has no url for the QR code/);
  });
});
