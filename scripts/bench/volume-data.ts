/**
 * A data folder with many brand packs, for `npm run bench -- --volume`: the
 * repository's content, locales and schemas, and N brands made from the
 * three fixture packs in turn (tests/fixtures/brands/), each with its own id
 * and folder (upstander-01, puente-02, northshire-03, ...) and its number
 * after its name, so every brand's files differ and none is reused.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "../../src/infra/paths.ts";

export const FIXTURE_BRANDS = ["upstander", "puente", "northshire"] as const;

/** Writes the data folder at `dataDir` (which must not exist yet); returns the brands' ids. */
export function makeVolumeData(dataDir: string, count: number): string[] {
  for (const part of ["content", "locales", "schemas"]) cpSync(join(ROOT, "data", part), join(dataDir, part), { recursive: true });
  const width = String(count).length < 2 ? 2 : String(count).length;
  const ids: string[] = [];
  for (let n = 1; n <= count; n += 1) {
    const fixture = FIXTURE_BRANDS[(n - 1) % FIXTURE_BRANDS.length]!;
    const number = String(n).padStart(width, "0");
    const id = `${fixture}-${number}`;
    const dir = join(dataDir, "brands", id);
    cpSync(join(ROOT, "tests", "fixtures", "brands", fixture), dir, { recursive: true });
    const file = join(dir, "brand.yaml");
    // Only the two top-level lines change; the rest of the file stays as written, comments and all.
    const text = readFileSync(file, "utf8");
    const name = `${String(parse(text).name)} ${number}`;
    writeFileSync(file, text.replace(/^id: .*$/m, `id: ${id}`).replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`));
    ids.push(id);
  }
  return ids;
}
