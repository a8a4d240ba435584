/**
 * "Did you mean ...?" for misspelt field names: the fields a schema allows at
 * a path, and the one closest to what was written.
 */
import type { z } from "zod";

type AnySchema = z.core.$ZodType;

/** The schema that validates the value at `path`, looking through optional, default, array and record wrappers. */
function schemaAt(schema: AnySchema, path: ReadonlyArray<PropertyKey>): AnySchema | undefined {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
      return schemaAt(def.innerType as AnySchema, path);
    case "lazy":
      return schemaAt((def.getter as () => AnySchema)(), path);
  }
  if (!path.length) return schema;
  const [key, ...rest] = path;
  switch (def.type) {
    case "object": {
      const field = (def.shape as Record<string, AnySchema>)[String(key)];
      return field && schemaAt(field, rest);
    }
    case "array":
      return schemaAt(def.element as AnySchema, rest);
    case "record":
      return schemaAt(def.valueType as AnySchema, rest);
    default:
      return undefined;
  }
}

/** The field names an object schema allows at `path`, or none if it is not an object there. */
export function fieldsAt(schema: AnySchema, path: ReadonlyArray<PropertyKey>): string[] {
  const target = schemaAt(schema, path);
  const def = target?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** Levenshtein distance, case-insensitive. */
function distance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** The candidate a typo most likely meant: close in spelling (colour -> colors), or one containing the other (phone-number -> phone). */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const ranked = candidates.map((candidate) => ({ candidate, score: distance(word, candidate) })).sort((a, b) => a.score - b.score);
  const best = ranked[0];
  if (!best) return undefined;
  const close = best.score <= Math.max(2, Math.floor(word.length / 3));
  const contains = word.toLowerCase().includes(best.candidate.toLowerCase()) || best.candidate.toLowerCase().includes(word.toLowerCase());
  return close || contains ? best.candidate : undefined;
}
