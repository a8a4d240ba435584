import { readFileSync, statSync } from "node:fs";
import { relative } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import type { z } from "zod";
import { formatPath, type Problem } from "../infra/problems.ts";
import { closestMatch, fieldsAt } from "./suggest.ts";

/**
 * A parsed YAML file that remembers where each value came from, so schema
 * problems can name the line as well as the field path.
 */
export interface YamlFile {
  file: string;
  data: unknown;
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined;
  /** The text as written in the file for the value at `path` (before YAML read it), when it is a plain value. */
  writtenAs(path: ReadonlyArray<PropertyKey>): string | undefined;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

/** Data files are short text: anything bigger is a mistake (or an attack), refused before it is read. */
export const MAX_DATA_FILE_BYTES = 1024 * 1024;
/** Real files nest about five levels deep; far deeper nesting only exhausts the parser and checks. */
export const MAX_NESTING = 32;
const NESTING_MESSAGE = `nests values more than ${MAX_NESTING} levels deep; data files need only a few levels: check the indentation and brackets`;
/** YAML aliases (*name) a file may use: more can expand to billions of values (a "billion laughs" file). */
export const MAX_ALIASES = 100;

/** The file's text, or why it cannot be read as a data file: checked before it is parsed. */
function readText(absolutePath: string): { text?: string; problem?: string; line?: number } {
  let stat;
  try {
    stat = statSync(absolutePath);
  } catch (error) {
    return {
      problem: `cannot read the file (${(error as NodeJS.ErrnoException).code === "ENOENT" ? "it does not exist" : (error as Error).message})`,
    };
  }
  if (stat.isDirectory()) return { problem: "is a folder, not a file" };
  if (!stat.isFile()) return { problem: "is not an ordinary file" };
  if (stat.size > MAX_DATA_FILE_BYTES) {
    return {
      problem: `is ${(stat.size / 1e6).toFixed(1)} MB; a data file may be at most ${MAX_DATA_FILE_BYTES / 1024 / 1024} MB: split it, or remove what is not needed`,
    };
  }
  const bytes = readFileSync(absolutePath);
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const line = bytes.subarray(0, offset).reduce((count, byte) => count + (byte === 0x0a ? 1 : 0), 1);
    return {
      line,
      problem: `is not UTF-8 text: byte ${offset} (line ${line}) is 0x${bytes[offset]!.toString(16).padStart(2, "0")}; save the file as UTF-8 in your editor`,
    };
  }
}

/** Offset of the first byte that is not valid UTF-8: the shortest prefix that fails to decode (a prefix ending inside a character is not a failure). */
function firstInvalidByte(bytes: Uint8Array): number {
  const failing = shortestFailingPrefix(bytes);
  // The byte that broke it may end a sequence its lead byte started: point at that lead byte.
  for (let back = 1; back <= 3 && failing - back >= 0; back++) {
    const byte = bytes[failing - back]!;
    if ((byte & 0xc0) !== 0x80) return byte >= 0xc0 ? failing - back : failing;
  }
  return failing;
}

function shortestFailingPrefix(bytes: Uint8Array): number {
  let [low, high] = [0, bytes.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, middle + 1), { stream: true });
      low = middle + 1;
    } catch {
      high = middle;
    }
  }
  return low;
}

/** Keys written twice in one mapping, found in one pass over every mapping (without recursion). */
function duplicateKeys(root: unknown, lineAt: (offset: number) => number): Array<{ key: string; line: number; first: number }> {
  const found: Array<{ key: string; line: number; first: number }> = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<unknown, number>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const offset = pair.key.range?.[0] ?? 0;
          const first = seen.get(pair.key.value);
          if (first !== undefined) found.push({ key: String(pair.key.value), line: lineAt(offset), first: lineAt(first) });
          else seen.set(pair.key.value, offset);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return found;
}

/** How deep the parsed value nests, measured without recursion (deep input must not overflow the stack). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_NESTING) return deepest;
    if (node !== null && typeof node === "object") for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * How deep `[` and `{` nest in the text (outside quotes and comments), with
 * the line where that depth is first passed: read before parsing, because the
 * YAML parser recurses once per level and thousands of levels exhaust its stack.
 */
function flowNesting(source: string): { depth: number; line: number } {
  let [depth, line, quote, comment] = [0, 1, "", false];
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === "\n") [line, comment] = [line + 1, false];
    if (comment) continue;
    if (quote) {
      if (char === quote) quote = "";
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === "#" && (i === 0 || /\s/.test(source[i - 1]!))) comment = true;
    else if (char === "[" || char === "{") {
      if (++depth > MAX_NESTING) return { depth, line };
    } else if ((char === "]" || char === "}") && depth > 0) depth--;
  }
  return { depth: 0, line };
}

export function readYamlFile(absolutePath: string): { yaml?: YamlFile; problems: Problem[] } {
  const file = displayPath(absolutePath);
  const fileProblem = (message: string, line?: number) => ({ problems: [{ severity: "error" as const, file, line, path: [], message }] });
  const read = readText(absolutePath);
  if (read.text === undefined) return fileProblem(read.problem!, read.line);
  const source = read.text;
  const flow = flowNesting(source);
  if (flow.depth > MAX_NESTING) return fileProblem(NESTING_MESSAGE, flow.line);
  const lineCounter = new LineCounter();
  // uniqueKeys compares every key with every other (minutes for a big file): duplicateKeys below does it in one pass.
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: false });
  if (doc.errors.length) {
    // One line per distinct error: the parser can report one fault many times over.
    const messages = new Map<string, Problem>();
    for (const error of doc.errors) {
      const line = error.linePos?.[0]?.line;
      const reason = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      messages.set(`${line}\0${reason}`, { severity: "error", file, line, path: [], message: `not valid YAML: ${reason}` });
    }
    return { problems: [...messages.values()] };
  }
  const duplicates = duplicateKeys(doc.contents, (offset) => lineCounter.linePos(offset).line);
  if (duplicates.length)
    return {
      problems: duplicates.map(({ key, line, first }) => ({
        severity: "error" as const,
        file,
        line,
        path: [],
        message: `not valid YAML: the key "${key}" is written twice in the same place (first on line ${first}); keep one`,
      })),
    };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return fileProblem(
      "is empty: it holds no data (only comments or blank lines); fill it in, or see the other files of its kind for what belongs here",
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (/alias/i.test((error as Error).message))
      return fileProblem(`uses its YAML aliases (*name) too often (more than ${MAX_ALIASES} expansions); write the values out instead`);
    return fileProblem(`cannot be read as data: ${(error as Error).message.split("\n")[0]}`);
  }
  if (depthOf(data) > MAX_NESTING) return fileProblem(NESTING_MESSAGE);
  // Each map's keys, indexed once: looking a key up is then constant time, however large the map.
  const keysOf = new WeakMap<YAMLMap, Map<unknown, Pair>>();
  const pairIn = (map: YAMLMap, key: PropertyKey) => {
    let index = keysOf.get(map);
    if (!index) {
      index = new Map(map.items.filter((item) => isScalar(item.key)).map((item) => [(item.key as { value: unknown }).value, item as Pair]));
      keysOf.set(map, index);
    }
    return index.get(key);
  };
  /** The node at `path`, or as deep as the document goes (a missing field is reported at its parent). */
  const nodeAt = (path: ReadonlyArray<PropertyKey>) => {
    let node: unknown = doc.contents;
    let found = doc.contents as Node | null;
    let complete = true;
    for (const key of path) {
      if (isMap(node)) {
        const pair = pairIn(node, key);
        if (!pair) {
          complete = false;
          break;
        }
        found = (isScalar(pair.value) ? pair.value : pair.key) as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number" && node.items[key]) {
        node = node.items[key];
        found = node as Node;
      } else {
        complete = false;
        break;
      }
    }
    return { found, complete };
  };
  const lineOf = (path: ReadonlyArray<PropertyKey>) => {
    const offset = nodeAt(path).found?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const writtenAs = (path: ReadonlyArray<PropertyKey>) => {
    const { found, complete } = nodeAt(path);
    return complete && isScalar(found) && found.range ? source.slice(found.range[0], found.range[1]) : undefined;
  };
  return { yaml: { file, data, lineOf, writtenAs }, problems: [] };
}

/** Unknown fields reported one by one, with a suggestion each; the rest in one line. */
const MAX_UNKNOWN_FIELDS = 20;

/** Parse a YAML file's data with a zod schema; one problem per zod issue. */
export function parseWithSchema<S extends z.ZodType>(yaml: YamlFile, schema: S): { value?: z.output<S>; problems: Problem[] } {
  const result = schema.safeParse(yaml.data);
  if (result.success) return { value: result.data, problems: [] };
  const problems: Problem[] = [];
  // A field reported as "did you mean X?" is not reported again as X missing: the suggestion is the fix.
  const suggested = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      // One message per unknown key, each pointing at the key itself, with what it may have meant;
      // past a few, one summary, so a file of thousands of stray keys is reported at once.
      const allowed = fieldsAt(schema, issue.path);
      const written = new Set(fieldsWritten(yaml.data, issue.path));
      const unwritten = allowed.filter((field) => !written.has(field));
      for (const key of issue.keys.slice(0, MAX_UNKNOWN_FIELDS)) {
        const meant = closestMatch(key, unwritten);
        if (meant) suggested.add(formatPath([...issue.path, meant].map(pathPart)));
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
      const more = issue.keys.length - MAX_UNKNOWN_FIELDS;
      if (more > 0) {
        problems.push({
          severity: "error",
          file: yaml.file,
          line: yaml.lineOf(issue.path),
          path: issue.path.map(pathPart),
          message: `and ${more} more unknown field(s); the fields allowed here are ${allowed.join(", ")}`,
        });
      }
      continue;
    }
    problems.push({
      severity: "error",
      file: yaml.file,
      line: yaml.lineOf(issue.path),
      path: issue.path.map(pathPart),
      message: isMissing(yaml.data, issue.path)
        ? `required field is missing (${issue.message})`
        : (numberForText(yaml, issue) ?? issue.message),
    });
  }
  return {
    problems: problems.filter(
      (problem) => !(problem.message.startsWith("required field is missing") && suggested.has(formatPath(problem.path))),
    ),
  };
}

/**
 * A number where text belongs (an unquoted phone number): YAML read it as a
 * number, dropping a leading 0 or a space, so say to quote what was written.
 */
function numberForText(yaml: YamlFile, issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== "invalid_type" || issue.expected !== "string") return undefined;
  const { value } = lookUp(yaml.data, issue.path);
  if (typeof value !== "number") return undefined;
  const written = yaml.writtenAs(issue.path) ?? String(value);
  return `must be text: put it in quotes, e.g. "${written}" (without quotes YAML reads it as the number ${value}${/^[+0]/.test(written) ? ", dropping its leading " + written[0] : ""})`;
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
