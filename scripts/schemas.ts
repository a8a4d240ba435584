/**
 * npm run schemas: writes data/schemas/*.schema.json from the zod schemas.
 * Run it after changing a schema; a test fails while they differ.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { jsonSchemaFiles, jsonSchemaText, schemasDir } from "../src/brand/json-schemas.ts";
import { DATA_DIR } from "../src/infra/paths.ts";

const dir = schemasDir(DATA_DIR);
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries(jsonSchemaFiles())) writeFileSync(join(dir, file), jsonSchemaText(schema));
console.log(`schemas: ${Object.keys(jsonSchemaFiles()).length} JSON Schemas written to ${dir}`);
