/**
 * The seeds' rule: facts carry over, sentences do not (../shared/seeds/README.md).
 * Every text in data/locales is compared with the reference documents word
 * by word: no run of 8 or more words may be shared, apart from the names of
 * services and the titles listed below.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../src/infra/paths.ts";

const SEEDS = join(ROOT, "..", "shared", "seeds");
const LOCALES = join(ROOT, "data", "locales");
const RUN = 8;

/** Names and titles that may be quoted whole: a run made only of one of these is not counted. */
const NAMES = ["professionals online safety helpline", "sextortion what parents should know", "it's called sextortion"];

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFC")
    .match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)
    ?.map((w) => w.replace("’", "'")) ?? [];

function strings(node: unknown, path: string, out: Array<[string, string]> = []) {
  if (typeof node === "string") out.push([path, node]);
  else if (Array.isArray(node)) node.forEach((item, i) => strings(item, `${path}[${i}]`, out));
  else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node)) strings(value, path ? `${path}.${key}` : key, out);
  return out;
}

/** The longest runs of RUN or more words a text shares with the references. */
export function sharedRuns(text: string, reference: Set<string>): string[] {
  const w = words(text);
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i + RUN <= w.length + 1; i++) {
    const hit = i + RUN <= w.length && reference.has(w.slice(i, i + RUN).join(" "));
    if (hit && start < 0) start = i;
    if (!hit && start >= 0) {
      runs.push(w.slice(start, i - 1 + RUN).join(" "));
      start = -1;
    }
  }
  return runs.filter((run) => !NAMES.some((name) => name.includes(run)));
}

// A clone without ../shared beside it has no references to compare with: the suite is skipped, and
// vitest still runs this describe's body to collect it, so the seeds are read in beforeAll.
describe.skipIf(!existsSync(SEEDS))("reference wording", () => {
  const reference = new Set<string>();
  beforeAll(() => {
    for (const file of readdirSync(SEEDS).filter((f) => f.endsWith(".txt"))) {
      const w = words(readFileSync(join(SEEDS, file), "utf8"));
      for (let i = 0; i + RUN <= w.length; i++) reference.add(w.slice(i, i + RUN).join(" "));
    }
  });

  it("finds a run it should find (the check itself works)", () => {
    expect(sharedRuns("Note: offenders use various tactics, such as offering something of value in exchange.", reference)).toEqual([
      "offenders use various tactics such as offering something of value",
    ]);
    expect(sharedRuns("Offenders try many tricks, for example offering something of value.", reference)).toEqual([]);
  });

  it("no text in data/locales shares a run of 8 or more words with the references", () => {
    const found: string[] = [];
    for (const locale of readdirSync(LOCALES)) {
      for (const file of readdirSync(join(LOCALES, locale)).filter((f) => f.endsWith(".yaml"))) {
        for (const [path, text] of strings(parse(readFileSync(join(LOCALES, locale, file), "utf8")), "")) {
          for (const run of sharedRuns(text, reference)) found.push(`${locale}/${file} ${path}: "${run}"`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
