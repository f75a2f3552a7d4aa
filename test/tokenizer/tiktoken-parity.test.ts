// Our tokenizer against Python tiktoken's output, committed in test/fixtures/tokenizer/corpus.json
// (regenerate with test/fixtures/tokenizer/generate.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { z } from "zod";
import { tokenizerCount, tokenizerDecode, tokenizerEncode, type TokenizerEncoding } from "../../src/index.js";

const TokenIds = z.array(z.number().int().nonnegative());
const EncodingFixture = z.object({
  ordinary: z.array(TokenIds),
  special: z.array(TokenIds),
  decode: z.array(z.object({ tokens: TokenIds, text: z.string() })),
});
const Corpus = z.object({
  generator: z.string(),
  cases: z.array(z.object({ name: z.string(), text: z.string() })),
  encodings: z.object({ o200k_base: EncodingFixture, cl100k_base: EncodingFixture }),
});
type Corpus = z.infer<typeof Corpus>;

const corpusFile = path.resolve(import.meta.dirname, "../fixtures/tokenizer/corpus.json");
const corpus: Corpus = Corpus.parse(JSON.parse(readFileSync(corpusFile, "utf8")));
const encodings: TokenizerEncoding[] = ["o200k_base", "cl100k_base"];

/** What a JS string with lone surrogates becomes in UTF-8 (and in tiktoken): U+FFFD each. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

test("the corpus covers every required kind of text", () => {
  const groups = new Set(corpus.cases.map((entry) => entry.name.split("/")[0]));
  for (const group of ["code", "prose", "cjk", "emoji", "whitespace", "numbers", "contractions", "special", "random_unicode"]) {
    assert.ok(groups.has(group), `missing ${group}`);
  }
  assert.match(corpus.generator, /^tiktoken /);
});

for (const encoding of encodings) {
  const expected = corpus.encodings[encoding];

  test(`${encoding}: encode and count match tiktoken's encode_ordinary`, () => {
    corpus.cases.forEach(({ name, text }, index) => {
      assert.deepEqual(tokenizerEncode(text, { encoding }), expected.ordinary[index], name);
      assert.equal(tokenizerCount(text, { encoding }), expected.ordinary[index]!.length, name);
    });
  });

  test(`${encoding}: withSpecialTokens matches tiktoken's encode(allowed_special="all")`, () => {
    corpus.cases.forEach(({ name, text }, index) => {
      assert.deepEqual(tokenizerEncode(text, { encoding, withSpecialTokens: true }), expected.special[index], name);
    });
  });

  test(`${encoding}: decode(encode(text)) gives the text back`, () => {
    for (const { name, text } of corpus.cases) {
      assert.equal(tokenizerDecode(tokenizerEncode(text, { encoding }), { encoding }), wellFormed(text), name);
      const special = tokenizerEncode(text, { encoding, withSpecialTokens: true });
      assert.equal(tokenizerDecode(special, { encoding }), wellFormed(text), name);
    }
  });

  test(`${encoding}: decoding split characters and random ids matches tiktoken's lossy decode`, () => {
    assert.ok(expected.decode.some(({ text }) => text.includes("\uFFFD")), "fixture exercises replacement");
    for (const { tokens, text } of expected.decode) {
      assert.equal(tokenizerDecode(tokens, { encoding }), text, JSON.stringify(tokens));
    }
  });
}

test("model names select the encoding Codex uses", () => {
  const index = corpus.cases.findIndex((entry) => entry.name === "mixed/0");
  const text = corpus.cases[index]!.text;
  assert.deepEqual(tokenizerEncode(text, { model: "gpt-5.1-codex" }), corpus.encodings.o200k_base.ordinary[index]);
  assert.deepEqual(tokenizerEncode(text, { model: "gpt-4" }), corpus.encodings.cl100k_base.ordinary[index]);
  assert.deepEqual(tokenizerEncode(text), corpus.encodings.o200k_base.ordinary[index]);
});
