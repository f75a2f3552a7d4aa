// Option handling and error reporting of the public tokenizer API.
import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidArgumentError, tokenizerCount, tokenizerDecode, tokenizerEncode } from "../../src/index.js";

const hello = { o200k_base: [24912, 2375], cl100k_base: [15339, 1917] };

test("no options means o200k_base, Codex's fallback", () => {
  assert.deepEqual(tokenizerEncode("hello world"), hello.o200k_base);
  assert.deepEqual(tokenizerEncode("hello world", {}), hello.o200k_base);
  assert.equal(tokenizerCount("hello world"), 2);
  assert.equal(tokenizerDecode(hello.o200k_base), "hello world");
});

test("an explicit encoding wins over the model", () => {
  assert.deepEqual(tokenizerEncode("hello world", { encoding: "cl100k_base", model: "gpt-5" }), hello.cl100k_base);
  assert.deepEqual(tokenizerEncode("hello world", { encoding: "o200k_base", model: "gpt-4" }), hello.o200k_base);
});

test("models map to encodings as in Codex", () => {
  for (const model of ["gpt-5", "gpt-5.1-codex-max", "gpt-4.1-mini", "gpt-4o", "o3", "o4-mini", "codex-mini-latest", "gpt-oss-20b"]) {
    assert.deepEqual(tokenizerEncode("hello world", { model }), hello.o200k_base, model);
  }
  for (const model of ["gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "text-embedding-3-large", "ft:gpt-3.5-turbo:acme::1"]) {
    assert.deepEqual(tokenizerEncode("hello world", { model }), hello.cl100k_base, model);
  }
  // Repeated lookups come from the cache and must stay right.
  assert.deepEqual(tokenizerEncode("hello world", { model: "gpt-4" }), hello.cl100k_base);
});

test("an unknown encoding is an InvalidArgumentError listing the valid encodings", () => {
  const bad = { encoding: "p50k_base" } as unknown as { encoding: "o200k_base" };
  assert.throws(() => tokenizerCount("x", bad), (error: unknown) => {
    assert.ok(error instanceof InvalidArgumentError);
    assert.match(error.message, /"p50k_base"/);
    assert.match(error.message, /o200k_base, cl100k_base/);
    return true;
  });
  // Not cached as a success: it fails every time.
  assert.throws(() => tokenizerEncode("x", bad), InvalidArgumentError);
});

test("an unknown model is an InvalidArgumentError listing known prefixes and encodings", () => {
  for (const model of ["claude-3-opus", "text-davinci-003", "GPT-5"]) {
    assert.throws(() => tokenizerEncode("x", { model }), (error: unknown) => {
      assert.ok(error instanceof InvalidArgumentError);
      assert.ok(error.message.includes(JSON.stringify(model)), error.message);
      assert.match(error.message, /gpt-5\*/);
      assert.match(error.message, /gpt-4o-\*/);
      assert.match(error.message, /o200k_base, cl100k_base/);
      return true;
    });
  }
});

test("options and text of the wrong type are InvalidArgumentError", () => {
  const call = (run: () => unknown, pattern: RegExp) =>
    assert.throws(run, (error: unknown) => error instanceof InvalidArgumentError && pattern.test(error.message));
  call(() => tokenizerCount(42 as unknown as string), /text must be a string/);
  call(() => tokenizerEncode(null as unknown as string), /text must be a string/);
  call(() => tokenizerCount("x", "o200k_base" as never), /options must be an object/);
  call(() => tokenizerCount("x", { encoding: 1 } as never), /`encoding` must be a string/);
  call(() => tokenizerCount("x", { model: ["gpt-5"] } as never), /`model` must be a string/);
  call(() => tokenizerEncode("x", { withSpecialTokens: "yes" } as never), /`withSpecialTokens` must be a boolean/);
  call(() => tokenizerDecode("1,2" as never), /tokens must be an array/);
});

test("special tokens are text unless withSpecialTokens is set", () => {
  const text = "Hi<|endoftext|> there<|endofprompt|>";
  assert.deepEqual(tokenizerEncode(text, { withSpecialTokens: true }), [12194, 199999, 1354, 200018]);
  assert.equal(tokenizerEncode(text).length, 16);
  assert.equal(tokenizerEncode(text, { withSpecialTokens: false }).length, 16);
  assert.equal(tokenizerCount(text), 16);
  assert.deepEqual(tokenizerEncode("<|fim_prefix|>", { encoding: "cl100k_base", withSpecialTokens: true }), [100258]);
  assert.equal(tokenizerDecode([12194, 199999, 1354, 200018]), text);
});

test("decode rejects ids that are not tokens, naming the index", () => {
  const cases: Array<[unknown[], RegExp, "o200k_base" | "cl100k_base"]> = [
    [[1, -1], /token at index 1 is -1/, "o200k_base"],
    [[1.5], /token at index 0 is 1\.5/, "o200k_base"],
    [[Number.NaN], /token at index 0 is NaN/, "o200k_base"],
    [[2 ** 32], /token at index 0 is 4294967296/, "o200k_base"],
    [[1, 2, "3"], /token at index 2 is string, but token ids are integers/, "o200k_base"],
    [[null], /token at index 0 is null/, "o200k_base"],
    [[199998], /token at index 0 is 199998, which is not a token of o200k_base/, "o200k_base"],
    [[200019], /not a token of o200k_base/, "o200k_base"],
    [[100256], /not a token of cl100k_base/, "cl100k_base"],
  ];
  for (const [tokens, pattern, encoding] of cases) {
    assert.throws(
      () => tokenizerDecode(tokens as number[], { encoding }),
      (error: unknown) => error instanceof InvalidArgumentError && pattern.test(error.message),
      JSON.stringify(tokens),
    );
  }
});

test("decoding part of a character gives U+FFFD like tiktoken", () => {
  // cl100k splits 🙂 (F0 9F 99 82) into F0 9F | 99 82.
  assert.deepEqual(tokenizerEncode("🙂", { encoding: "cl100k_base" }), [9468, 19044]);
  assert.equal(tokenizerDecode([9468], { encoding: "cl100k_base" }), "\uFFFD");
  assert.equal(tokenizerDecode([19044], { encoding: "cl100k_base" }), "\uFFFD\uFFFD");
  assert.equal(tokenizerDecode([], { encoding: "cl100k_base" }), "");
});

test("texts past the reusable buffer take the allocating path and agree with count and decode", () => {
  const line = "const value = compute(42); // 計算 🙂\n";
  const text = line.repeat(Math.ceil(70_000 / line.length));
  assert.ok(text.length > 65_536);
  const tokens = tokenizerEncode(text, { encoding: "cl100k_base" });
  assert.equal(tokens.length, tokenizerCount(text, { encoding: "cl100k_base" }));
  assert.equal(tokenizerDecode(tokens, { encoding: "cl100k_base" }), text);
  // The line ends in a newline that the next line's code does not merge with, so tokens repeat.
  const perLine = tokenizerEncode(line, { encoding: "cl100k_base" });
  assert.deepEqual(tokens.slice(0, perLine.length * 3), [...perLine, ...perLine, ...perLine]);
});

test("a short call after a long one still uses a correctly sized buffer", () => {
  tokenizerEncode("x".repeat(10_000));
  assert.deepEqual(tokenizerEncode("hello world"), hello.o200k_base);
});
