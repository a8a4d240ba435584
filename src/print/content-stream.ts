/**
 * Reading a page's content stream as operations, and the marked-content
 * rules PDF/UA sets on them: every piece of content is either real content
 * (inside a marked-content sequence with an MCID that the structure tree
 * points to) or an artifact (inside /Artifact), never neither, and the two
 * never nest inside each other (Matterhorn Protocol 01-003, 01-004, 01-005).
 * The lexer follows ISO 32000-1 section 7.2 (lexical conventions) and 8.2
 * (content streams); only operators and their byte ranges are kept.
 * https://pdfa.org/resource/the-matterhorn-protocol/
 */

export interface Operation {
  operator: string;
  /** Byte offset of the first operand (or of the operator when it has none). */
  start: number;
  /** Byte offset just past the operator. */
  end: number;
  /** For BDC: the MCID in its property list, if any. */
  mcid?: number;
  /** For BMC and BDC: the tag. */
  tag?: string;
}

/**
 * The tokens of a content stream, each with its exact text, so unchanged
 * parts can be written back byte for byte (the press step rewrites colours
 * this way). Read as latin1, one character per byte: offsets in the text are
 * offsets in the stream.
 */
export interface Token {
  text: string;
  kind: "operand" | "operator" | "other";
}

export function* contentTokens(text: string): Generator<Token> {
  let at = 0;
  while (at < text.length) {
    const end = tokenEnd(text, at);
    const token = text.slice(at, end.at);
    yield { text: token, kind: end.kind };
    at = end.at;
    if (end.kind === "operator" && token === "ID") {
      const dataEnd = inlineImageEnd(text, at);
      yield { text: text.slice(at, dataEnd), kind: "other" };
      at = dataEnd;
    }
  }
}

/** Where an inline image's data, starting at `at` (just after ID), ends: it is binary, and runs to EI between white space. */
function inlineImageEnd(text: string, at: number): number {
  const close = /\sEI(?=[\s]|$)/g;
  close.lastIndex = at + 1;
  const found = close.exec(text);
  return found ? found.index + found[0].length : text.length;
}

/**
 * Each character's class: white space, a delimiter, or (0) a regular
 * character. Node decodes "latin1" as ISO-8859-1, one character below 256
 * per byte; the WHATWG Encoding standard makes that label windows-1252,
 * whose characters above 255 (0x80 as the euro sign) are regular here too.
 */
const WHITE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const char of "\0\t\n\f\r ") CLASS[char.charCodeAt(0)] = WHITE;
for (const char of "()<>[]{}/%") CLASS[char.charCodeAt(0)] = DELIMITER;
export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/*
 * Scanned by character code with a class table, in plain loops: a page's
 * content stream runs to tens of thousands of tokens, and a regular
 * expression or a closure per character made this lexer most of the print
 * step's time (measured with node --cpu-prof on 80 of the default brand's PDFs).
 */
function tokenEnd(text: string, at: number): { at: number; kind: Token["kind"] } {
  const code = text.charCodeAt(at);
  let i = at + 1;
  if (CLASS[code] === WHITE) {
    while (i < text.length && CLASS[text.charCodeAt(i)] === WHITE) i++;
    return { at: i, kind: "other" };
  }
  switch (text[at]) {
    case "%":
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
      return { at: i, kind: "other" };
    case "(":
      return { at: literalStringEnd(text, at), kind: "operand" };
    case "<":
      if (text[i] === "<") return { at: i + 1, kind: "other" };
      while (i < text.length && text[i] !== ">") i++;
      return { at: i + 1, kind: "operand" };
    case ">":
      return { at: text[i] === ">" ? i + 1 : i, kind: "other" };
    case "[":
    case "]":
    case "{":
    case "}":
    case ")":
      return { at: i, kind: "other" };
    case "/":
      while (i < text.length && !CLASS[text.charCodeAt(i)]) i++;
      return { at: i, kind: "operand" };
  }
  while (i < text.length && !CLASS[text.charCodeAt(i)]) i++;
  return { at: i, kind: isNumber(text, at, i) || isConstant(text.slice(at, i)) ? "operand" : "operator" };
}

/** Whether text[start, end) is a number (NUMBER), read without cutting it out: most words in a stream are numbers. */
function isNumber(text: string, start: number, end: number): boolean {
  let i = start;
  const sign = text[i];
  if (sign === "+" || sign === "-") i++;
  let digits = 0;
  let dots = 0;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 46 && dots === 0) dots++;
    else return false;
  }
  return digits > 0;
}

const isConstant = (word: string) => word === "true" || word === "false" || word === "null";

function literalStringEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") i++;
    else if (char === "(") depth++;
    else if (char === ")" && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * The operations in a content stream, in order. Only operators are cut out
 * as strings: a page's stream holds tens of thousands of operands, and
 * making each a string was most of the time this took.
 */
export function operations(content: Uint8Array): Operation[] {
  const text = new TextDecoder("latin1").decode(content);
  const result: Operation[] = [];
  let operandsStart = -1;
  let at = 0;
  while (at < text.length) {
    const start = at;
    const { at: end, kind } = tokenEnd(text, at);
    at = end;
    if (kind === "operand" || (kind === "other" && isOperandPunctuation(text, start, end))) {
      if (operandsStart < 0) operandsStart = start;
      continue;
    }
    if (kind !== "operator") continue;
    const operator = text.slice(start, end);
    const operation: Operation = { operator, start: operandsStart < 0 ? start : operandsStart, end };
    if (operator === "BMC" || operator === "BDC") {
      const operands = [...contentTokens(text.slice(operation.start, start))]
        .filter((token) => token.kind === "operand")
        .map((token) => token.text);
      operation.tag = operands.find((operand) => operand.startsWith("/"))?.slice(1);
      const mcid = /\/MCID\s+(\d+)/.exec(operands.join(" "))?.[1];
      if (mcid !== undefined) operation.mcid = Number(mcid);
    }
    if (operator === "ID") {
      // The data after ID runs to its EI: the image ends there.
      operation.operator = "EI";
      at = operation.end = inlineImageEnd(text, at);
    }
    result.push(operation);
    operandsStart = -1;
  }
  return result;
}

/** Dictionary and array brackets (<< >> [ ]): part of an operation's operands. */
function isOperandPunctuation(text: string, start: number, end: number): boolean {
  const first = text[start];
  return first === "[" || first === "]" || ((first === "<" || first === ">") && end - start === 2);
}

const TEXT_SHOWING = new Set(["Tj", "TJ", "'", '"']);
const PATH_PAINTING = new Set(["f", "F", "f*", "S", "s", "B", "B*", "b", "b*"]);
/** Operators that put marks on the page. */
const PAINTING = new Set([...TEXT_SHOWING, ...PATH_PAINTING, "Do", "sh", "EI"]);
/** Operators that paint something other than a line or shape. */
const PAINTING_NOT_SHAPES = new Set([...TEXT_SHOWING, "Do", "sh", "EI"]);

/** A run of operations that paints one thing: a path up to its painting operator, a text object, an image or a shading. */
interface Unit {
  first: number;
  last: number;
  paints: boolean;
  /** Holds real content (a text object with a tagged sequence inside): it cannot be an artifact as a whole. */
  holdsTagged: boolean;
}

/** A marked-content sequence: its BMC/BDC and EMC operation indexes. */
interface Sequence {
  begin: number;
  end: number;
  tag?: string;
  mcid?: number;
  depth: number;
}

/** Marked-content sequences and the painting units outside every sequence, in one pass. */
function structure(ops: Operation[]): { sequences: Sequence[]; looseUnits: Unit[] } {
  const sequences: Sequence[] = [];
  const open: Sequence[] = [];
  const looseUnits: Unit[] = [];
  let unit: Unit | undefined;
  ops.forEach((op, index) => {
    if (op.operator === "BMC" || op.operator === "BDC") {
      open.push({ begin: index, end: -1, tag: op.tag, mcid: op.mcid, depth: open.length });
      if (unit && op.mcid !== undefined) unit.holdsTagged = true;
      return;
    }
    if (op.operator === "EMC") {
      const sequence = open.pop();
      if (sequence) sequences.push({ ...sequence, end: index });
      return;
    }
    if (open.length) return;
    if (!unit && (op.operator === "BT" || op.operator === "m" || op.operator === "re"))
      unit = { first: index, last: index, paints: false, holdsTagged: false };
    if (unit) {
      unit.last = index;
      unit.paints ||= PAINTING.has(op.operator);
      const ends =
        op.operator === "ET" ||
        (unit.paints && PATH_PAINTING.has(op.operator)) ||
        (op.operator === "n" && ops[unit.first]!.operator !== "BT");
      if (ends) {
        if (unit.paints) looseUnits.push(unit);
        unit = undefined;
      }
    } else if (PAINTING.has(op.operator)) looseUnits.push({ first: index, last: index, paints: true, holdsTagged: false });
  });
  return { sequences: sequences.sort((a, b) => a.begin - b.begin), looseUnits };
}

const paintsIn = (ops: Operation[], sequence: Sequence, kinds: Set<string>) =>
  ops.slice(sequence.begin + 1, sequence.end).some((op) => kinds.has(op.operator));

/** Which marked-content rules a page breaks: counts of each Matterhorn failure condition. */
export function markedContentFaults(content: Uint8Array): { untagged: number; taggedInArtifact: number; artifactInTagged: number } {
  const ops = operations(content);
  const { sequences, looseUnits } = structure(ops);
  const within = (outer: Sequence, inner: Sequence) => inner.begin > outer.begin && inner.end < outer.end;
  const artifacts = sequences.filter((s) => s.tag === "Artifact");
  const tagged = sequences.filter((s) => s.mcid !== undefined);
  // Painting inside a sequence that is neither tagged nor an artifact, nor inside one, is untagged too.
  const covered = (s: Sequence) =>
    s.tag === "Artifact" || s.mcid !== undefined || sequences.some((o) => (o.tag === "Artifact" || o.mcid !== undefined) && within(o, s));
  const untaggedSequences = sequences.filter((s) => s.depth === 0 && !covered(s) && paintsIn(ops, s, PAINTING));
  return {
    untagged: looseUnits.length + untaggedSequences.length,
    taggedInArtifact: tagged.filter((t) => artifacts.some((a) => within(a, t))).length,
    artifactInTagged: artifacts.filter((a) => tagged.some((t) => within(t, a))).length,
  };
}

/**
 * Marks as artifacts what Chromium leaves untagged (page backgrounds, the
 * masthead's band, page numbers in @page margin boxes, aria-hidden icons and
 * separators) and the tagged sequences that only draw lines and shapes
 * (rules, list bullets), except those `keep` names (a figure's drawing).
 * Returns the new content and the MCIDs that are no longer real content, for
 * the structure tree to drop.
 */
export function markArtifacts(content: Uint8Array, keep: (mcid: number) => boolean): { content: Uint8Array; dropped: number[] } {
  const ops = operations(content);
  const { sequences, looseUnits } = structure(ops);
  const inserts: Array<{ at: number; text: string }> = [];
  const replaces: Array<{ from: number; to: number; text: string }> = [];
  for (const unit of looseUnits) {
    if (unit.holdsTagged) continue;
    inserts.push({ at: ops[unit.first]!.start, text: "/Artifact BMC\n" }, { at: ops[unit.last]!.end, text: "\nEMC" });
  }
  const dropped: number[] = [];
  const insideUnit = (index: number) => looseUnits.some((unit) => !unit.holdsTagged && index > unit.first && index < unit.last);
  for (const sequence of sequences) {
    if (sequence.depth !== 0 || insideUnit(sequence.begin)) continue;
    const begin = ops[sequence.begin]!;
    const onlyShapes = paintsIn(ops, sequence, PATH_PAINTING) && !paintsIn(ops, sequence, PAINTING_NOT_SHAPES);
    const nested = sequences.some((inner) => inner.depth > 0 && inner.begin > sequence.begin && inner.end < sequence.end);
    if (sequence.mcid !== undefined && onlyShapes && !nested && !keep(sequence.mcid)) {
      replaces.push({ from: begin.start, to: begin.end, text: "/Artifact BMC" });
      dropped.push(sequence.mcid);
    } else if (sequence.mcid === undefined && sequence.tag !== "Artifact" && paintsIn(ops, sequence, PAINTING)) {
      inserts.push({ at: begin.start, text: "/Artifact BMC\n" }, { at: ops[sequence.end]!.end, text: "\nEMC" });
    }
  }
  const edits = [...inserts.map((insert) => ({ from: insert.at, to: insert.at, text: insert.text })), ...replaces].sort(
    (a, b) => a.from - b.from || a.to - b.to,
  );
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const edit of edits) {
    parts.push(content.subarray(at, edit.from), encoder.encode(edit.text));
    at = edit.to;
  }
  parts.push(content.subarray(at));
  return { content: joinBytes(parts), dropped };
}

/**
 * Moves what Chromium draws before the page's content and is only artifacts
 * with text (the page numbers of @page margin boxes, which it paints first)
 * to the end of the page, so tools that read a PDF in drawing order (copy
 * all, text-to-speech apps, `pdftotext -raw`) start with the title. Only a
 * self-contained group (q ... Q) moves, and only when nothing after it at
 * the outer level changes the graphics state it was drawn in.
 */
export function drawLeadingArtifactsLast(content: Uint8Array): Uint8Array {
  const ops = operations(content);
  const firstTagged = ops.findIndex((op) => op.mcid !== undefined);
  if (firstTagged < 0) return content;
  const groups: Array<{ first: number; last: number }> = [];
  let depth = 0;
  let groupStart = -1;
  for (let index = 0; index < firstTagged; index++) {
    const { operator } = ops[index]!;
    if (operator === "q" && depth++ === 0) groupStart = index;
    if (operator === "Q" && --depth === 0) groups.push({ first: groupStart, last: index });
  }
  const movable = groups.filter(({ first, last }) => {
    const inside = ops.slice(first, last + 1);
    const artifactsOnly = inside.every((op) => op.mcid === undefined);
    const hasText = inside.some((op) => TEXT_SHOWING.has(op.operator));
    return artifactsOnly && hasText && markedContentFaults(content.subarray(ops[first]!.start, ops[last]!.end)).untagged === 0;
  });
  if (!movable.length) return content;
  // After the groups, the outer level may only open and close groups and marked content.
  depth = 0;
  for (let index = movable[0]!.last + 1; index < ops.length; index++) {
    const { operator } = ops[index]!;
    if (operator === "q") depth++;
    else if (operator === "Q") depth--;
    else if (depth === 0 && !["BMC", "BDC", "EMC"].includes(operator)) return content;
  }
  const cut = (group: { first: number; last: number }) => content.subarray(ops[group.first]!.start, ops[group.last]!.end);
  const kept: Uint8Array[] = [];
  let at = 0;
  for (const group of movable) {
    kept.push(content.subarray(at, ops[group.first]!.start));
    at = ops[group.last]!.end;
  }
  kept.push(content.subarray(at), new Uint8Array([0x0a]));
  for (const group of movable) kept.push(cut(group), new Uint8Array([0x0a]));
  return joinBytes(kept);
}

export function joinBytes(parts: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}
