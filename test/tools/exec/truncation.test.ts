import assert from "node:assert/strict";
import { test } from "node:test";
import {
  approxTokenCount,
  countLines,
  formattedTruncateText,
  splitAtByteBudgets,
  truncateText,
} from "../../../src/tools/builtin/exec/truncation.js";

// Expected strings are Codex's own test vectors (core/src/truncate.rs).
const long = "this is an example of a long output that should be truncated";
const twoLines = `${long}\nalso some other line`;

test("bytes policy keeps half the budget on each side and counts removed characters", () => {
  assert.equal(
    formattedTruncateText(long, { mode: "bytes", limit: 30 }),
    "Total output lines: 1\n\nthis is an exam…30 chars truncated…ld be truncated",
  );
  assert.equal(
    formattedTruncateText(twoLines, { mode: "bytes", limit: 30 }),
    "Total output lines: 2\n\nthis is an exam…51 chars truncated…some other line",
  );
});

test("tokens policy budgets 4 bytes per token and reports removed bytes / 4 rounded up", () => {
  assert.equal(
    formattedTruncateText(long, { mode: "tokens", limit: 5 }),
    "Total output lines: 1\n\nthis is an…10 tokens truncated… truncated",
  );
  assert.equal(
    formattedTruncateText(twoLines, { mode: "tokens", limit: 10 }),
    "Total output lines: 2\n\nthis is an example o…11 tokens truncated…also some other line",
  );
});

test("budgets smaller than the marker still keep whole characters", () => {
  assert.equal(formattedTruncateText("example output", { mode: "bytes", limit: 1 }), "Total output lines: 1\n\n…13 chars truncated…t");
  assert.equal(formattedTruncateText("example output", { mode: "tokens", limit: 1 }), "Total output lines: 1\n\nex…3 tokens truncated…ut");
});

test("text within budget is returned unchanged", () => {
  assert.equal(formattedTruncateText("example output", { mode: "tokens", limit: 10 }), "example output");
  assert.equal(formattedTruncateText("example output", { mode: "bytes", limit: 20 }), "example output");
});

test("a zero budget leaves only the marker", () => {
  assert.equal(truncateText("abcdef", { mode: "tokens", limit: 0 }), "…2 tokens truncated…");
  assert.equal(truncateText("abcdef", { mode: "bytes", limit: 0 }), "…6 chars truncated…");
});

test("multi-byte characters are never split", () => {
  const emoji = "😀😀😀😀😀😀😀😀😀😀\nsecond line with text\n";
  assert.equal(truncateText(emoji, { mode: "tokens", limit: 8 }), "😀😀😀😀…8 tokens truncated… line with text\n");
  assert.deepEqual(splitAtByteBudgets("😀abc😀", 11, 5, 5), { removedChars: 1, head: "😀a", tail: "c😀" });
  assert.deepEqual(splitAtByteBudgets("😀😀😀😀😀", 20, 1, 1), { removedChars: 5, head: "", tail: "" });
  assert.deepEqual(splitAtByteBudgets("😀😀😀😀😀", 20, 8, 8), { removedChars: 1, head: "😀😀", tail: "😀😀" });
  assert.deepEqual(splitAtByteBudgets("abcdef", 6, 4, 4), { removedChars: 0, head: "abcd", tail: "ef" });
});

test("line and token counts follow Rust's str::lines and Codex's 4-byte estimate", () => {
  assert.equal(countLines(""), 0);
  assert.equal(countLines("a"), 1);
  assert.equal(countLines("a\n"), 1);
  assert.equal(countLines("a\nb"), 2);
  assert.equal(countLines("\n\n"), 2);
  assert.equal(approxTokenCount(""), 0);
  assert.equal(approxTokenCount("abcde"), 2);
  assert.equal(approxTokenCount("😀"), 1);
});
