/**
 * Every content and brand check, in one place, for `npm run check` and for
 * the build (which runs exactly these before rendering anything).
 */
import { loadBrand, shippedBrandDirs, type Brand } from "./brand/load.ts";
import { crossCheck } from "./content/cross-check.ts";
import { loadContent, type Content } from "./content/load.ts";
import { errorsIn, type Problem } from "./infra/problems.ts";

export interface CheckOptions {
  dataDir: string;
  /** Brand folders to check; all shipped brands when empty. */
  brandDirs?: string[];
  today?: Date;
}

export interface CheckResult {
  content?: Content;
  brands: Brand[];
  problems: Problem[];
}

export function runChecks({ dataDir, brandDirs = [], today = new Date() }: CheckOptions): CheckResult {
  const loaded = loadContent(dataDir);
  if (!loaded.value) return { brands: [], problems: loaded.problems };
  const content = loaded.value;
  const problems = crossCheck(content, today);
  const brands: Brand[] = [];
  // Brand checks need sound content (they look up locales and keys), but
  // warnings alone should not hide brand problems.
  if (errorsIn(problems).length) return { content, brands, problems };
  for (const dir of brandDirs.length ? brandDirs : shippedBrandDirs(dataDir)) {
    const brand = loadBrand(dir, content);
    problems.push(...brand.problems);
    if (brand.value) brands.push(brand.value);
  }
  const ids = brands.map((b) => b.id);
  brands.forEach((brand, i) => {
    if (ids.indexOf(brand.id) !== i) {
      problems.push({
        severity: "error",
        file: `${brand.dir}/brand.yaml`,
        path: ["id"],
        message: `another brand in this build already uses the id "${brand.id}"`,
      });
    }
  });
  return { content, brands, problems };
}
