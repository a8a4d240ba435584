/**
 * The content-stream lexer on any bytes, not only Chromium's: it reads the
 * same tokens as a plain reference lexer, its tokens put back together are
 * the stream, byte for byte (the press step rewrites streams from them), and
 * the operations it reads lie in order inside the stream. Bytes above 127 are regular characters, part of a word.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { contentTokens, operations, type Token } from "./content-stream.ts";

/**
 * The lexer as ISO 32000-1 7.2 reads, one regular expression per token
 * (the lexer before it was rewritten for speed): slow, plain, the reference.
 */
function referenceTokens(text: string): Token[] {
  const token = new RegExp(
    [
      /(?<other>[\0\t\n\f\r ]+|%[^\r\n]*|<<|>>|[[\]{}>)])/.source,
      /(?<operand>\/[^\0\t\n\f\r ()<>[\]{}/%]*|<[^>]*>?)/.source,
      /(?<word>[^\0\t\n\f\r ()<>[\]{}/%]+)/.source,
    ].join("|"),
    "y",
  );
  const tokens: Token[] = [];
  for (let at = 0; at < text.length;) {
    let kind: Token["kind"];
    let end: number;
    if (text[at] === "(") {
      let depth = 0;
      end = text.length;
      for (let i = at; i < text.length; i++) {
        if (text[i] === "\\") i++;
        else if (text[i] === "(") depth++;
        else if (text[i] === ")" && --depth === 0) {
          end = i + 1;
          break;
        }
      }
      kind = "operand";
    } else {
      token.lastIndex = at;
      const match = token.exec(text)!;
      const { other, operand, word } = match.groups!;
      end = at + match[0].length;
      kind =
        other !== undefined
          ? "other"
          : operand !== undefined || /^([+-]?(\d+\.?\d*|\.\d+)|true|false|null)$/.test(word!)
            ? "operand"
            : "operator";
    }
    tokens.push({ text: text.slice(at, end), kind });
    at = end;
    if (kind === "operator" && tokens.at(-1)!.text === "ID") {
      const close = /\sEI(?=\s|$)/g;
      close.lastIndex = at + 1;
      const found = close.exec(text);
      const dataEnd = found ? found.index + found[0].length : text.length;
      tokens.push({ text: text.slice(at, dataEnd), kind: "other" });
      at = dataEnd;
    }
  }
  return tokens;
}

const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);

/** Bytes weighted towards what content streams hold: operators, numbers, names, strings, brackets, white space. */
const streamBytes = fc
  .array(
    fc.oneof(
      fc.constantFrom(..."q Q BT ET Tj TJ re f BDC BMC EMC ID EI 1 -2.5 .5 /P /MCID true false null".split(" ")),
      fc.constantFrom("(", ")", "\\", "<", ">", "<<", ">>", "[", "]", "{", "}", "%", "/", " ", "\n", "\r", "\t"),
      fc.string({ unit: "binary-ascii", maxLength: 3 }),
      fc.stringMatching(/^[+-]?[0-9.]{0,4}$/),
      fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)),
    ),
    { maxLength: 60 },
  )
  .map((parts) => Uint8Array.from(parts.join(""), (char) => char.charCodeAt(0) & 0xff));

it("reads any stream into the reference lexer's tokens, which give back every byte in order", () => {
  fc.assert(
    fc.property(streamBytes, (bytes) => {
      const text = latin1(bytes);
      const tokens = [...contentTokens(text)];
      expect(tokens).toEqual(referenceTokens(text));
      expect(tokens.map((token) => token.text).join("")).toBe(text);
    }),
    { numRuns: 500 },
  );
});

it("reads operations that lie in order inside any stream", () => {
  fc.assert(
    fc.property(streamBytes, (bytes) => {
      let previousEnd = 0;
      for (const operation of operations(bytes)) {
        expect(operation.start).toBeGreaterThanOrEqual(previousEnd);
        expect(operation.end).toBeGreaterThan(operation.start);
        expect(operation.end).toBeLessThanOrEqual(bytes.length);
        previousEnd = operation.end;
      }
    }),
  );
});

it("reads a byte above 127 as part of a word", () => {
  // "q" then 0x80 is one unknown operator, not q and something else.
  const bytes = Uint8Array.from([0x71, 0x80, 0x20, 0x51, 0x20, 0x2f, 0x50, 0xe9]);
  expect(operations(bytes).map((operation) => operation.operator)).toEqual(["q\u0080", "Q"]);
  expect([...contentTokens(latin1(bytes))].at(-1)).toEqual({ text: "/P\u00e9", kind: "operand" });
});
