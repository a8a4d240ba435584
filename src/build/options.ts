/**
 * `npm run build -- FLAGS` (SPEC "Commands"). Parsed once, checked once:
 * an unknown flag or value is an error before anything is built.
 */
import { parseArgs } from "node:util";
import { printableIds, type PrintableId } from "../materials/registry.ts";
import { localeCodePattern } from "../content/schemas.ts";
import { UsageError } from "../infra/report.ts";
import { parseShard, type Shard } from "./shard.ts";

const examples = { brand: "--brand upstander", locale: "--locale en,es", material: "--material poster" };

export interface BuildOptions {
  brands: string[];
  locales?: string[];
  materials?: PrintableId[];
  pdf: boolean;
  bleed: boolean;
  /** A CMYK PDF/X press file beside each PDF (implies bleed). */
  press: boolean;
  /** Rebuild every selected brand, even one whose inputs did not change (after upgrading Chromium or Ghostscript). */
  force: boolean;
  /** Print only this share of the files, into its own output, for `npm run merge` (src/build/shard.ts). */
  shard?: Shard;
  out: string;
}

const list = (values: string[] | undefined) =>
  values
    ?.flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);

export function parseBuildArgs(args: string[]): BuildOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      brand: { type: "string", multiple: true },
      locale: { type: "string", multiple: true },
      material: { type: "string", multiple: true },
      "no-pdf": { type: "boolean", default: false },
      bleed: { type: "boolean", default: false },
      press: { type: "boolean", default: false },
      shard: { type: "string" },
      force: { type: "boolean", default: false },
      out: { type: "string", default: "dist" },
    },
  });
  for (const flag of ["brand", "locale", "material"] as const) {
    if (values[flag] && !list(values[flag])!.length) throw new UsageError(`--${flag} needs a value, e.g. ${examples[flag]}`);
  }
  const locales = list(values.locale);
  const badLocale = locales?.find((l) => !localeCodePattern.test(l));
  if (badLocale) throw new UsageError(`--locale: "${badLocale}" is not a language code; write codes such as en or es, separated by commas`);
  const materials = list(values.material);
  const unknown = materials?.filter((m) => !(printableIds as readonly string[]).includes(m));
  if (unknown?.length) throw new UsageError(`--material: unknown ${unknown.join(", ")}; expected any of ${printableIds.join(", ")}`);
  return {
    brands: values.brand ?? [],
    locales,
    materials: materials as PrintableId[] | undefined,
    pdf: !values["no-pdf"],
    // A print shop trims: press files always have bleed and crop marks.
    bleed: values.bleed || values.press,
    press: values.press,
    force: values.force,
    ...(values.shard !== undefined && { shard: parseShard(values.shard) }),
    out: values.out,
  };
}
