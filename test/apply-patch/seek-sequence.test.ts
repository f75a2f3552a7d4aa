import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { normalisePunctuation, seekSequence } from "../../src/tools/builtin/apply-patch/index.js";

describe("seekSequence", () => {
  test("finds an exact run of lines", () => {
    assert.equal(seekSequence(["foo", "bar", "baz"], ["bar", "baz"], 0, false), 1);
  });

  test("ignores trailing whitespace, then surrounding whitespace", () => {
    assert.equal(seekSequence(["foo   ", "bar\t\t"], ["foo", "bar"], 0, false), 0);
    assert.equal(seekSequence(["    foo   ", "   bar\t"], ["foo", "bar"], 0, false), 0);
  });

  test("normalises typographic punctuation and spaces last", () => {
    assert.equal(seekSequence(["  \u201Cquoted\u201D \u2014 value\u00A0"], ['"quoted" - value'], 0, false), 0);
    assert.equal(normalisePunctuation(" a\u2212b \u2018c\u2019\u3000d "), "a-b 'c' d");
  });

  test("each pass scans the whole range before a looser pass runs", () => {
    assert.equal(seekSequence(["x  ", "x"], ["x"], 0, false), 1);
  });

  test("searches from the start index only", () => {
    assert.equal(seekSequence(["a", "b", "a"], ["a"], 1, false), 2);
    assert.equal(seekSequence(["a", "b"], ["a"], 1, false), undefined);
  });

  test("an empty pattern matches at the start index; a too-long pattern never matches", () => {
    assert.equal(seekSequence(["a"], [], 3, false), 3);
    assert.equal(seekSequence(["just one line"], ["too", "many", "lines"], 0, false), undefined);
  });

  test("end of file: prefers the last position, then falls back to the forward search", () => {
    assert.equal(seekSequence(["target", "middle", "target   "], ["target"], 0, true), 2);
    assert.equal(seekSequence(["before", "target", "not the target"], ["target"], 1, true), 1);
    assert.equal(seekSequence(["target"], ["target"], 1, true), undefined);
  });
});
