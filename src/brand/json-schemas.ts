/**
 * JSON Schemas for every data file and brand.yaml, generated from the same
 * zod schemas the checks use, so an editor with the YAML language server
 * (VS Code's YAML extension, for one) flags a wrong field as people type.
 * Each data file names its schema in a first-line comment:
 *   # yaml-language-server: $schema=../schemas/contacts.schema.json
 * https://zod.dev/json-schema
 */
import { join, relative } from "node:path";
import { z } from "zod";
import { brandSchema } from "./schema.ts";
import { contentFiles, localeFiles } from "../content/load.ts";

export const schemasDir = (dataDir: string) => join(dataDir, "schemas");

/** The schema file for a data file's name: contacts.yaml -> contacts.schema.json; per-locale files get a locale- prefix. */
export const schemaFileName = (yamlFile: string, perLocale = false) =>
  `${perLocale ? "locale-" : ""}${yamlFile.replace(/\.yaml$/, "")}.schema.json`;

/** Every schema file with the zod schema it is generated from. */
export function jsonSchemaFiles(): Record<string, z.ZodType> {
  return {
    ...Object.fromEntries(Object.values(contentFiles).map(([file, schema]) => [schemaFileName(file), schema])),
    ...Object.fromEntries(Object.values(localeFiles).map(([file, schema]) => [schemaFileName(file, true), schema])),
    [schemaFileName("brand.yaml")]: brandSchema,
  };
}

/** The JSON text of one schema: what a person may write (defaults make fields optional), stable for diffs. */
export function jsonSchemaText(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    // Every address Upstander accepts is https (schemas.ts httpsUrl); say so to the editor too.
    override: ({ zodSchema, jsonSchema }) => {
      if ((zodSchema._zod.def as { format?: string }).format === "url") jsonSchema.pattern = "^https://";
    },
  });
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** The first-line comment that points a YAML file at its schema. */
export function schemaComment(yamlFile: string, dataDir: string, schemaFile: string): string {
  const path = relative(join(yamlFile, ".."), join(schemasDir(dataDir), schemaFile))
    .split("\\")
    .join("/");
  return `# yaml-language-server: $schema=${path}`;
}
