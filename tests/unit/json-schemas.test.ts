/**
 * The JSON Schemas editors use: generated from the zod schemas (never stale),
 * named by every data file's first line, and in agreement with the checks
 * (Ajv, a standard JSON Schema validator, accepts the shipped files and
 * rejects a misspelt field as npm run check does).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { jsonSchemaFiles, jsonSchemaText, schemaComment, schemaFileName, schemasDir } from "../../src/brand/json-schemas.ts";
import { contentFiles, localeFiles } from "../../src/content/load.ts";
import { fixtureData } from "../helpers/cli.ts";

/** The shipped content and locales with the fixture brand packs (never a user's own packs). */
const DATA_DIR = fixtureData();

/** Every YAML file under data/ with the schema it must name. */
function dataFiles(): { file: string; schema: string }[] {
  return [
    ...Object.values(contentFiles).map(([file]) => ({ file: join(DATA_DIR, "content", file), schema: schemaFileName(file) })),
    ...readdirSync(join(DATA_DIR, "locales")).flatMap((locale) =>
      Object.values(localeFiles)
        .map(([file]) => ({ file: join(DATA_DIR, "locales", locale, file), schema: schemaFileName(file, true) }))
        // review.yaml is there only once a fluent speaker has checked something.
        .filter(({ file }) => existsSync(file)),
    ),
    ...readdirSync(join(DATA_DIR, "brands")).map((brand) => ({
      file: join(DATA_DIR, "brands", brand, "brand.yaml"),
      schema: schemaFileName("brand.yaml"),
    })),
  ];
}

const committedSchema = (name: string) => JSON.parse(readFileSync(join(schemasDir(DATA_DIR), name), "utf8")) as object;

/** Ajv with the standard formats (uri, email, date), so a format an editor would flag is checked here too. */
function validator(schemaName: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(committedSchema(schemaName));
}

describe("JSON Schemas", () => {
  it("match the zod schemas (run npm run schemas after changing one)", () => {
    for (const [name, schema] of Object.entries(jsonSchemaFiles())) {
      expect(readFileSync(join(schemasDir(DATA_DIR), name), "utf8"), name).toBe(jsonSchemaText(schema));
    }
  });

  it("are named on the first line of every data file and brand pack", () => {
    for (const { file, schema } of dataFiles()) {
      expect(readFileSync(file, "utf8").split("\n")[0], file).toBe(schemaComment(file, DATA_DIR, schema));
    }
  });

  it("accept every shipped file", () => {
    for (const { file, schema } of dataFiles()) {
      const validate = validator(schema);
      expect(validate(parse(readFileSync(file, "utf8"))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("reject what the checks reject: a misspelt field, an http website, an unknown region", () => {
    const brand = parse(readFileSync(join(DATA_DIR, "brands", "northshire", "brand.yaml"), "utf8")) as Record<string, unknown>;
    const validate = validator("brand.schema.json");
    const { colors, ...withoutColors } = brand;
    expect(validate({ ...withoutColors, colours: colors })).toBe(false);
    expect(validate.errors!.map((e) => e.params)).toContainEqual({ additionalProperty: "colours" });
    expect(validate({ ...brand, website: "http://northshire.example" })).toBe(false);
    expect(validate({ ...brand, region: "fr" })).toBe(false);
  });

  it("check formats as the checks do: an e-mail address without @, a date that does not exist", () => {
    const contacts = parse(readFileSync(join(DATA_DIR, "content", "contacts.yaml"), "utf8")) as Record<string, unknown>[];
    const validate = validator("contacts.schema.json");
    expect(validate(contacts)).toBe(true);
    expect(validate([{ ...contacts[2], email: "gethelp.ncmec.org" }])).toBe(false);
    expect(validate.errors!.map((e) => e.params)).toContainEqual({ format: "email" });
    expect(validate([{ ...contacts[2], verified: "2026-13-45" }])).toBe(false);
    expect(validate.errors!.map((e) => e.params)).toContainEqual({ format: "date" });
  });
});
