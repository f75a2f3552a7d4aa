import assert from "node:assert/strict";
import { test } from "node:test";
import {
  durationSecondsText,
  formatFreeformOutput,
  formatStructuredOutput,
  formatUnifiedExecResponse,
} from "../../../src/tools/builtin/exec/exec-output-format.js";

const bytes10k = { mode: "bytes", limit: 10_000 } as const;

test("structured output is Codex's JSON, with serde's float rendering of the duration", () => {
  assert.equal(
    formatStructuredOutput({ exitCode: 0, aggregatedOutput: "hi\n", durationMs: 40 }, bytes10k),
    '{"output":"hi\\n","metadata":{"exit_code":0,"duration_seconds":0.0}}',
  );
  assert.equal(
    formatStructuredOutput({ exitCode: 3, aggregatedOutput: 'say "x"\u001b', durationMs: 1_260 }, bytes10k),
    '{"output":"say \\"x\\"\\u001b","metadata":{"exit_code":3,"duration_seconds":1.3}}',
  );
});

test("structured output puts the timeout note first and the line count header on truncation", () => {
  const output = formatStructuredOutput(
    { exitCode: 124, aggregatedOutput: "partial", durationMs: 300, timeoutMs: 300 },
    { mode: "bytes", limit: 20 },
  );
  assert.equal(
    output,
    '{"output":"Total output lines: 2\\n\\ncommand ti…28 chars truncated…ds\\npartial","metadata":{"exit_code":124,"duration_seconds":0.3}}',
  );
});

test("freeform output lists exit code, wall time and the output", () => {
  assert.equal(
    formatFreeformOutput({ exitCode: 0, aggregatedOutput: "hello\n", durationMs: 1_000 }, bytes10k),
    "Exit code: 0\nWall time: 1 seconds\nOutput:\nhello\n",
  );
  assert.equal(
    formatFreeformOutput({ exitCode: 1, aggregatedOutput: "", durationMs: 140 }, bytes10k),
    "Exit code: 1\nWall time: 0.1 seconds\nOutput:\n",
  );
});

test("freeform output adds Total output lines only when truncation dropped lines", () => {
  const lines = Array.from({ length: 10 }, (_, index) => `line ${index}`).join("\n");
  assert.equal(
    formatFreeformOutput({ exitCode: 0, aggregatedOutput: lines, durationMs: 0 }, { mode: "bytes", limit: 24 }),
    "Exit code: 0\nWall time: 0 seconds\nTotal output lines: 10\nOutput:\nline 0\nline …45 chars truncated…ine 8\nline 9",
  );
  // Truncated within a single line: the line count is unchanged, so no header.
  assert.equal(
    formatFreeformOutput({ exitCode: 0, aggregatedOutput: "x".repeat(40), durationMs: 0 }, { mode: "bytes", limit: 10 }),
    "Exit code: 0\nWall time: 0 seconds\nOutput:\nxxxxx…30 chars truncated…xxxxx",
  );
});

test("durations round to tenths like an f32, rendered by serde and by Display", () => {
  assert.deepEqual(durationSecondsText(0), { json: "0.0", display: "0" });
  assert.deepEqual(durationSecondsText(49), { json: "0.0", display: "0" });
  assert.deepEqual(durationSecondsText(50), { json: "0.1", display: "0.1" });
  assert.deepEqual(durationSecondsText(12_340), { json: "12.3", display: "12.3" });
  assert.deepEqual(durationSecondsText(2_000), { json: "2.0", display: "2" });
});

test("unified exec answers have Codex's line layout", () => {
  assert.equal(
    formatUnifiedExecResponse({ chunkId: "a1b2c3", wallTimeMs: 12.3456, exitCode: 0, originalTokenCount: 1, output: "hi\n" }),
    "Chunk ID: a1b2c3\nWall time: 0.0123 seconds\nProcess exited with code 0\nOriginal token count: 1\nOutput:\nhi\n",
  );
  assert.equal(
    formatUnifiedExecResponse({ chunkId: "ffffff", wallTimeMs: 250, processId: 4242, originalTokenCount: 0, output: "" }),
    "Chunk ID: ffffff\nWall time: 0.2500 seconds\nProcess running with session ID 4242\nOriginal token count: 0\nOutput:\n",
  );
});
