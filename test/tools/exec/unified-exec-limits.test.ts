import assert from "node:assert/strict";
import { test } from "node:test";
import { aggregateOutput } from "../../../src/tools/builtin/exec/captured-output.js";
import { HeadTailBuffer } from "../../../src/tools/builtin/exec/head-tail-buffer.js";
import { processToPrune, UnifiedExecManager } from "../../../src/tools/builtin/exec/unified-exec-manager.js";
import {
  execCommandYieldTime,
  generateChunkId,
  outputTokenBudget,
  unifiedExecResponseText,
  writeStdinYieldTime,
} from "../../../src/tools/builtin/exec/unified-exec-limits.js";

test("exec_command waits 10 s by default, clamped to [250 ms, 30 s]", () => {
  assert.equal(execCommandYieldTime(undefined), 10_000);
  assert.equal(execCommandYieldTime(10), 250);
  assert.equal(execCommandYieldTime(1_000), 1_000);
  assert.equal(execCommandYieldTime(120_000), 30_000);
});

test("write_stdin waits 250 ms after a write; an empty poll waits 5 s to 300 s", () => {
  assert.equal(writeStdinYieldTime(undefined, "x"), 250);
  assert.equal(writeStdinYieldTime(50_000, "x"), 30_000);
  assert.equal(writeStdinYieldTime(undefined, ""), 5_000);
  assert.equal(writeStdinYieldTime(20_000, ""), 20_000);
  assert.equal(writeStdinYieldTime(900_000, ""), 300_000);
});

test("the token budget is max_output_tokens (default 10 000) capped by the model's policy", () => {
  assert.equal(outputTokenBudget(undefined, { mode: "tokens", limit: 10_000 }), 10_000);
  assert.equal(outputTokenBudget(50_000, { mode: "tokens", limit: 10_000 }), 10_000);
  assert.equal(outputTokenBudget(100, { mode: "tokens", limit: 10_000 }), 100);
  assert.equal(outputTokenBudget(undefined, { mode: "bytes", limit: 10_000 }), 2_500);
});

test("chunk ids are six hex digits", () => {
  assert.match(generateChunkId(), /^[0-9a-f]{6}$/);
});

test("an answer reports the raw token count and truncates to the call's budget", () => {
  const text = unifiedExecResponseText({ collected: Buffer.from("x".repeat(100)), wallTimeMs: 0, exitCode: 0, maxTokens: 5 });
  assert.match(
    text,
    /^Chunk ID: [0-9a-f]{6}\nWall time: 0\.0000 seconds\nProcess exited with code 0\nOriginal token count: 25\nOutput:\nTotal output lines: 1\n\nx{10}…20 tokens truncated…x{10}$/,
  );
});

test("the head-tail buffer keeps the first and last halves and drops the middle", () => {
  const buffer = new HeadTailBuffer(10);
  buffer.push(Buffer.from("01"));
  buffer.push(Buffer.from("234"));
  buffer.push(Buffer.from("567"));
  buffer.push(Buffer.from("89"));
  assert.equal(buffer.toBuffer().toString(), "0123456789");
  buffer.push(Buffer.from("a"));
  assert.equal(buffer.toBuffer().toString(), "012346789a");
  assert.equal(buffer.omittedBytes(), 1);
  buffer.push(Buffer.from("ABCDEFGHIJK"));
  assert.equal(buffer.toBuffer().toString(), "01234GHIJK");
  assert.equal(buffer.drain().toString(), "01234GHIJK");
  assert.equal(buffer.retainedBytes(), 0);
});

test("aggregate output gives stdout a third of the cap under contention", () => {
  const stdout = Buffer.from("o".repeat(10));
  const stderr = Buffer.from("e".repeat(10));
  assert.equal(aggregateOutput(stdout, stderr, 30).toString(), `${"o".repeat(10)}${"e".repeat(10)}`);
  assert.equal(aggregateOutput(stdout, stderr, 9).toString(), "ooo" + "eeeeee");
  assert.equal(aggregateOutput(stdout, Buffer.from("ee"), 9).toString(), "ooooooo" + "ee");
});

test("pruning spares the 8 most recent and prefers exited processes", () => {
  const entries = Array.from({ length: 12 }, (_, index) => ({ id: 1000 + index, lastUsed: index, exited: false }));
  assert.equal(processToPrune(entries), 1000);
  entries[2]!.exited = true;
  assert.equal(processToPrune(entries), 1002);
  entries[11]!.exited = true; // among the 8 most recent: protected
  entries[2]!.exited = false;
  assert.equal(processToPrune(entries), 1000);
  assert.equal(processToPrune(entries.slice(4)), undefined);
});

test("process ids are random in 1000–99 999 and never handed out twice", () => {
  const manager = new UnifiedExecManager();
  const ids = new Set<number>();
  for (let index = 0; index < 500; index += 1) ids.add(manager.allocateId());
  assert.equal(ids.size, 500);
  for (const id of ids) assert.ok(id >= 1000 && id <= 99_999, String(id));
  manager.close();
});
