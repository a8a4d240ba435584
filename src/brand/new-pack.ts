/**
 * A new brand pack that builds at once: brand.yaml with every field
 * explained in a comment (the text comes from the schema's descriptions, so
 * the comments, the editor's hover help and the checks never disagree), and
 * a placeholder logo to replace. Optional fields whose example would print
 * made-up details (a contact, an override, a footer) are written as
 * commented-out examples.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Document, isMap, isScalar, isSeq, type Node } from "yaml";
import { z } from "zod";
import { schemaComment, schemaFileName } from "./json-schemas.ts";
import type { Content } from "../content/load.ts";
import { printableIds } from "../materials/registry.ts";
import { brandContactSchema, brandSchema, type BrandFile } from "./schema.ts";

type ObjectSchema = z.ZodObject<z.ZodRawShape>;

const description = (schema: z.ZodType) => z.globalRegistry.get(schema)?.description;

/** The object schema inside optional, default and array wrappers, if there is one. */
function objectInside(schema: z.ZodType): ObjectSchema | undefined {
  const def = schema._zod.def as unknown as { type: string; innerType?: z.ZodType; element?: z.ZodType };
  if (def.type === "object") return schema as unknown as ObjectSchema;
  const inner = def.innerType ?? def.element;
  return inner ? objectInside(inner) : undefined;
}

/** Puts each field's description above it, all the way down. */
function annotate(node: unknown, schema: ObjectSchema) {
  if (isSeq(node)) return node.items.forEach((item) => annotate(item, schema));
  if (!isMap(node)) return;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const field = schema.shape[String(pair.key.value)] as z.ZodType | undefined;
    if (!field) continue;
    const text = description(field);
    if (text) pair.key.commentBefore = ` ${text}`;
    const inner = objectInside(field);
    if (inner) annotate(pair.value, inner);
    // Short lists of words read best on one line: locales: [en, es]
    else if (isSeq(pair.value) && pair.value.items.every(isScalar)) pair.value.flow = true;
  }
}

function commentedYaml(value: unknown, schema: ObjectSchema): string {
  const doc = new Document(value);
  annotate(doc.contents as Node, schema);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

const commentedOut = (yaml: string) =>
  yaml
    .trimEnd()
    .split("\n")
    .map((line) => (line.startsWith("#") ? `#${line}` : `# ${line}`))
    .join("\n");

/**
 * The example values new-brand writes: a pack still holding one of them is
 * not finished, and the checks say so rather than print it.
 */
export const PLACEHOLDERS = {
  description: "When to call it, in one sentence.",
  phone: "Copy the number exactly as published",
  headline: "Your own headline",
  footer: "Registered charity 000000",
  logoNote: "Placeholder logo written by npm run new-brand: replace this file with your logo",
} as const;

const titleCase = (id: string) =>
  id
    .split("-")
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");

export interface NewPackOptions {
  id: string;
  region: BrandFile["region"];
  dir: string;
  dataDir: string;
  content: Content;
  /** What to pass to `npm run build -- --brand` for this pack: its id, or its folder outside data/brands. */
  brandArgument: string;
}

export function writeNewPack({ id, region, dir, dataDir, content, brandArgument }: NewPackOptions): string[] {
  if (existsSync(join(dir, "brand.yaml"))) throw new Error(`${join(dir, "brand.yaml")} already exists; choose another id or folder`);
  const locales = Object.keys(content.locales).sort((a, b) => (a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b)));
  const name = titleCase(id);
  const pack = {
    id,
    name,
    shortName: name,
    region,
    locales,
    paper: content.regions[region]!.paper,
    logo: "logo.svg",
    colors: { primary: "#1d4f91", accent: "#f2b705", text: "#1a1a1a", background: "#ffffff" },
    font: "atkinson-hyperlegible",
    materials: [...printableIds],
  } satisfies Partial<BrandFile>;
  const contactExample = {
    contacts: [
      {
        id: `${id}-front-door`,
        name: Object.fromEntries(locales.map((l) => [l, `${name} front door`])),
        description: Object.fromEntries(locales.map((l) => [l, PLACEHOLDERS.description])),
        phone: PLACEHOLDERS.phone,
        email: "safeguarding@your-organisation.example",
        url: "https://www.your-organisation.example/safeguarding",
        hours: { open: [{ days: ["mon", "tue", "wed", "thu", "fri"], opens: "09:00", closes: "17:00" }] },
        audience: ["parents", "professionals"],
      },
    ],
  };
  const optionalExamples = {
    overrides: { [locales[0]!]: { "print.poster.headline": PLACEHOLDERS.headline } },
    footer: Object.fromEntries(locales.map((l) => [l, PLACEHOLDERS.footer])),
  };
  const shape = brandSchema.shape;
  const contactsShape = z.object({ contacts: z.array(brandContactSchema) });
  const optionalShape = z.object({ overrides: shape.overrides, footer: shape.footer });
  const brandYaml = join(dir, "brand.yaml");
  const text = [
    schemaComment(brandYaml, dataDir, schemaFileName("brand.yaml")),
    `# Brand pack made by npm run new-brand. Edit the values, replace logo.svg,`,
    `# then build it: npm run build -- --brand ${brandArgument}`,
    `# Every field is checked before anything renders; npm run check explains any problem.`,
    commentedYaml(pack, brandSchema as unknown as ObjectSchema).trimEnd(),
    "",
    `# ${description(shape.contacts)} Uncomment and fill in; leave out to use only your region's.`,
    commentedOut(commentedYaml(contactExample, contactsShape as unknown as ObjectSchema)),
    "",
    commentedOut(commentedYaml(optionalExamples, optionalShape as unknown as ObjectSchema)),
    "",
  ].join("\n");
  mkdirSync(dir, { recursive: true });
  writeFileSync(brandYaml, text);
  writeFileSync(join(dir, "logo.svg"), placeholderLogo(pack.colors.primary));
  return [brandYaml, join(dir, "logo.svg")];
}

/** A plain mark to replace with the real logo; no text, so it looks the same everywhere. */
function placeholderLogo(colour: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <desc>${PLACEHOLDERS.logoNote}</desc>
  <rect x="2" y="2" width="60" height="60" rx="12" fill="${colour}"/>
  <circle cx="32" cy="32" r="14" fill="none" stroke="#ffffff" stroke-width="6"/>
</svg>
`;
}
