import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { z } from "zod";
import type { Problem } from "./problems.ts";
import { closestMatch, fieldsAt } from "./suggest.ts";

/**
 * A parsed YAML file that remembers where each value came from, so schema
 * problems can name the line as well as the field path.
 */
export interface YamlFile {
  file: string;
  data: unknown;
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

export function readYamlFile(absolutePath: string): { yaml?: YamlFile; problems: Problem[] } {
  const file = displayPath(absolutePath);
  let source: string;
  try {
    source = readFileSync(absolutePath, "utf8");
  } catch (error) {
    return { problems: [{ severity: "error", file, path: [], message: `cannot read the file (${(error as Error).message})` }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((error) => ({
        severity: "error" as const,
        file,
        line: error.linePos?.[0]?.line,
        path: [],
        message: `not valid YAML: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
      })),
    };
  }
  const lineOf = (path: ReadonlyArray<PropertyKey>) => {
    // Walk as deep as the document goes: a missing field is reported at its parent.
    let node: unknown = doc.contents;
    let found = doc.contents as Node | null;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
        if (!pair) break;
        found = (isScalar(pair.value) ? pair.value : pair.key) as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number" && node.items[key]) {
        node = node.items[key];
        found = node as Node;
      } else break;
    }
    const offset = found?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { yaml: { file, data: doc.toJS({ maxAliasCount: 100 }), lineOf }, problems: [] };
}

/** Parse a YAML file's data with a zod schema; one problem per zod issue. */
export function parseWithSchema<S extends z.ZodType>(
  yaml: YamlFile,
  schema: S,
): { value?: z.output<S>; problems: Problem[] } {
  const result = schema.safeParse(yaml.data);
  if (result.success) return { value: result.data, problems: [] };
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      // One message per unknown key, each pointing at the key itself, with what it may have meant.
      const allowed = fieldsAt(schema, issue.path);
      const written = fieldsWritten(yaml.data, issue.path);
      for (const key of issue.keys) {
        const meant = closestMatch(key, allowed.filter((field) => !written.includes(field)));
        const path = [...issue.path, key];
        problems.push({
          severity: "error",
          file: yaml.file,
          line: yaml.lineOf(path),
          path: path.map(pathPart),
          message: meant
            ? `unknown field "${key}": did you mean "${meant}"?`
            : `unknown field "${key}"; the fields allowed here are ${allowed.join(", ")}`,
        });
      }
      continue;
    }
    problems.push({
      severity: "error",
      file: yaml.file,
      line: yaml.lineOf(issue.path),
      path: issue.path.map(pathPart),
      message: isMissing(yaml.data, issue.path) ? `required field is missing (${issue.message})` : issue.message,
    });
  }
  return { problems };
}

/** Follows a field path into parsed data; `found` is false when any part of it is absent. */
function lookUp(data: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value?: unknown } {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !(key in node)) return { found: false };
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: node };
}

/** True when the field itself is absent, as opposed to present with a wrong value. */
const isMissing = (data: unknown, path: ReadonlyArray<PropertyKey>) => !lookUp(data, path).found;

/** The field names already written at a path (an unknown key rarely means one of these). */
function fieldsWritten(data: unknown, path: ReadonlyArray<PropertyKey>): string[] {
  const { value } = lookUp(data, path);
  return value !== null && typeof value === "object" ? Object.keys(value) : [];
}

const pathPart = (key: PropertyKey): string | number => (typeof key === "number" ? key : String(key));
