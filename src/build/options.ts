/**
 * `npm run build -- FLAGS` (SPEC "Commands"). Parsed once, checked once:
 * an unknown flag or value is an error before anything is built.
 */
import { parseArgs } from "node:util";
import { materialIds, type MaterialId } from "../brand/schema.ts";

export interface BuildOptions {
  brands: string[];
  locales?: string[];
  materials?: MaterialId[];
  pdf: boolean;
  bleed: boolean;
  out: string;
}

const list = (values: string[] | undefined) => values?.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);

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
      out: { type: "string", default: "dist" },
    },
  });
  const materials = list(values.material);
  const unknown = materials?.filter((m) => !(materialIds as readonly string[]).includes(m));
  if (unknown?.length) throw new Error(`--material: unknown ${unknown.join(", ")}; expected ${materialIds.join(", ")}`);
  return {
    brands: values.brand ?? [],
    locales: list(values.locale),
    materials: materials as MaterialId[] | undefined,
    pdf: !values["no-pdf"],
    bleed: values.bleed,
    out: values.out,
  };
}
