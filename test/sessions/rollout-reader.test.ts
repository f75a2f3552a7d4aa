import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { SessionFileCorruptError, SessionNotFoundError } from "../../src/errors.js";
import { COMPACTION_SUMMARY_PREFIX } from "../../src/sessions/history-rebuild.js";
import { readRollout } from "../../src/sessions/rollout-reader.js";
import { RolloutWriter } from "../../src/sessions/rollout-writer.js";
import { assistantMessage, makeTempDir, removeTempDir, userMessage } from "./session-test-helpers.js";

const fixtureDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/sessions/0.169");
const fixtureThreadId = "019a8f3c-5b2e-7d41-9c3a-2f6e8b1d4a70";
const fixtureName = `rollout-2026-11-14T10-21-07-${fixtureThreadId}.jsonl`;

let directory: string;
before(async () => {
  directory = await makeTempDir();
});
after(async () => {
  await removeTempDir(directory);
});

const metaLine = (id = randomUUID()): string =>
  JSON.stringify({
    timestamp: "2025-01-03T12:00:00.000Z",
    ordinal: 0,
    type: "session_meta",
    payload: { id, timestamp: "2025-01-03T12:00:00.000Z", cwd: "/w", originator: "o", cli_version: "1", source: "cli" },
  });
const itemLine = (payload: unknown, ordinal?: number): string =>
  JSON.stringify({ timestamp: "2025-01-03T12:00:01.000Z", ordinal, type: "response_item", payload });

async function writeRollout(name: string, lines: string[]): Promise<string> {
  const filePath = path.join(directory, name);
  await writeFile(filePath, lines.join("\n"));
  return filePath;
}

async function assertCorrupt(filePath: string, line: number): Promise<void> {
  await assert.rejects(readRollout(filePath), (error: unknown) => {
    assert.ok(error instanceof SessionFileCorruptError, `expected SessionFileCorruptError, got ${String(error)}`);
    assert.equal(error.path, filePath);
    assert.equal(error.line, line);
    assert.ok(error.message.includes(filePath) && error.message.includes(`line ${line}`));
    return true;
  });
}

test("a 0.169 CLI rollout reads back with its history, skipping the line types we do not know", async () => {
  const contents = await readRollout(path.join(fixtureDirectory, fixtureName));
  assert.equal(contents.meta.id, fixtureThreadId);
  assert.equal(contents.meta.cli_version, "0.169.0");
  assert.equal(contents.meta.originator, "codex_exec");
  assert.equal(contents.meta.thread_source, "user", "unmodelled meta fields are kept");
  assert.deepEqual(contents.meta.git, {
    commit_hash: "3f2c9e1b7a4d5c6e8f9a0b1c2d3e4f5a6b7c8d9e",
    branch: "main",
    repository_url: "git@github.com:example/hello.git",
  });
  assert.equal(contents.skippedUnknownLines, 6, "2 world_state + 4 token_usage_record");
  assert.equal(contents.lines.length, 24);
  assert.deepEqual(
    contents.lines.map((line) => line.ordinal),
    [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 16, 17, 18, 19, 21, 22, 24, 25, 26, 28, 29],
  );
  assert.equal(contents.tornTail, false);
  assert.deepEqual(
    contents.history.map((item) => (item.type === "message" ? `message:${String(item.role)}` : item.type)),
    [
      "additional_tools",
      "message:developer",
      "message:user",
      "message:user",
      "reasoning",
      "message:assistant",
      "message:user",
      "function_call",
      "function_call_output",
      "custom_tool_call",
      "custom_tool_call_output",
      "message:assistant",
    ],
  );
  assert.deepEqual(contents.history[5], {
    type: "message",
    id: "msg_0a1b2c3d4e60",
    role: "assistant",
    content: [{ type: "output_text", text: "Hello!" }],
    phase: "final_answer",
  });
  assert.equal(contents.history[7]?.call_id, "call_ls_1");
  assert.equal(contents.lastTurnContext?.turn_id, "019a8f3d-0a11-7b22-8c33-4d5e6f708192");
  assert.equal(contents.lastTurnContext?.model, "gpt-6.1-sol");
  const eventTypes = contents.lines.flatMap((line) => (line.type === "event_msg" ? [line.payload.type] : []));
  assert.deepEqual(eventTypes, [
    "task_started",
    "thread_settings_applied",
    "item_completed",
    "token_count",
    "task_complete",
    "task_started",
    "item_completed",
    "token_count",
    "task_complete",
  ]);
});

test("appending to a CLI rollout continues its ordinals and keeps it readable", async () => {
  const copy = path.join(directory, fixtureName);
  await copyFile(path.join(fixtureDirectory, fixtureName), copy);
  const writer = await RolloutWriter.openForAppend(copy);
  await writer.append([{ type: "response_item", payload: userMessage("And now?") }]);
  await writer.close();
  const contents = await readRollout(copy);
  assert.equal(contents.lines.at(-1)?.ordinal, 30);
  assert.deepEqual(contents.history.at(-1), userMessage("And now?"));
  assert.equal(contents.skippedUnknownLines, 6);
});

test("a torn last line is tolerated, with or without its newline", async () => {
  const complete = [metaLine(), itemLine(userMessage("kept"), 1)];
  for (const [name, tail] of [
    ["torn-no-newline.jsonl", '{"timestamp":"2025-01-03T12:00:02.000Z","ordinal":2,"type":"respo'],
    ["torn-newline.jsonl", '{"timestamp":"2025-01-03T12:00:02.000Z","ord\n'],
  ] as const) {
    const contents = await readRollout(await writeRollout(name, [...complete, tail]));
    assert.equal(contents.tornTail, true, name);
    assert.deepEqual(contents.history, [userMessage("kept")], name);
  }
  const intact = await readRollout(await writeRollout("intact.jsonl", [...complete, ""]));
  assert.equal(intact.tornTail, false);
});

test("blank lines are skipped but still counted in line numbers", async () => {
  const filePath = await writeRollout("blank.jsonl", [metaLine(), "", "  ", itemLine(userMessage("a")), "not json", itemLine(userMessage("b"))]);
  const contents = await readRollout(filePath);
  assert.deepEqual(contents.skippedCorruptLines, [5]);
  assert.equal(contents.history.length, 2);
});

test("a corrupt line before the end is skipped (as the CLI does) and reported by line number", async () => {
  const middle = await readRollout(
    await writeRollout("corrupt-middle.jsonl", [metaLine(), itemLine(userMessage("a")), "{oops", itemLine(userMessage("b")), ""]),
  );
  assert.deepEqual(middle.skippedCorruptLines, [3]);
  assert.deepEqual(
    middle.history.map((item) => (item as any).content[0].text),
    ["a", "b"],
  );
  // Valid JSON of the wrong shape is skipped too, even as the last line: it was written whole, not torn.
  const badShape = await readRollout(await writeRollout("bad-shape.jsonl", [metaLine(), itemLine(userMessage("a")), itemLine({ role: "user" })]));
  assert.deepEqual(badShape.skippedCorruptLines, [3]);
  assert.equal(badShape.tornTail, false);
  const badEnvelope = await readRollout(
    await writeRollout("bad-envelope.jsonl", [metaLine(), JSON.stringify({ type: "response_item", payload: userMessage("x") }), ""]),
  );
  assert.deepEqual(badEnvelope.skippedCorruptLines, [2]);
});

test("the first line must be session_meta", async () => {
  await assertCorrupt(await writeRollout("no-meta.jsonl", [itemLine(userMessage("a")), metaLine(), ""]), 1);
  await assertCorrupt(
    await writeRollout("unknown-first.jsonl", [JSON.stringify({ timestamp: "t", type: "world_state", payload: {} }), metaLine()]),
    1,
  );
  await assertCorrupt(await writeRollout("empty.jsonl", []), 1);
  await assertCorrupt(await writeRollout("torn-meta.jsonl", ['{"timestamp":"2025-01-03T12:00:00.000Z","type":"sess']), 1);
});

test("unknown line types are skipped and counted", async () => {
  const filePath = await writeRollout("unknown.jsonl", [
    metaLine(),
    JSON.stringify({ timestamp: "t", ordinal: 1, type: "world_state", payload: { full: true } }),
    itemLine(userMessage("a"), 2),
    JSON.stringify({ timestamp: "t", ordinal: 3, type: "token_usage_record", payload: { usage: {} } }),
    JSON.stringify({ timestamp: "t", ordinal: 4, type: "something_from_the_future" }),
    "",
  ]);
  const contents = await readRollout(filePath);
  assert.equal(contents.skippedUnknownLines, 3);
  assert.deepEqual(
    contents.lines.map((line) => line.type),
    ["session_meta", "response_item"],
  );
});

test("compacted.replacement_history replaces everything before it", async () => {
  const summary = userMessage("summary of the work so far");
  const filePath = await writeRollout("compacted.jsonl", [
    metaLine(),
    itemLine(userMessage("first")),
    itemLine(assistantMessage("first answer")),
    JSON.stringify({ timestamp: "t", type: "compacted", payload: { message: "", replacement_history: [summary] } }),
    itemLine(userMessage("after")),
    "",
  ]);
  const contents = await readRollout(filePath);
  assert.deepEqual(contents.history, [summary, userMessage("after")]);
  assert.equal(contents.historyRebuiltFromLegacyCompaction, false);
});

test("a summary-only compaction keeps the real user messages and the summary", async () => {
  const summaryText = `${COMPACTION_SUMMARY_PREFIX}\nWe listed the files.`;
  const filePath = await writeRollout("legacy-compacted.jsonl", [
    metaLine(),
    itemLine(userMessage("<environment_context>\n  <cwd>/w</cwd>\n</environment_context>")),
    itemLine(userMessage("list the files")),
    itemLine(assistantMessage("a.txt b.txt")),
    JSON.stringify({ timestamp: "t", type: "compacted", payload: { message: summaryText } }),
    itemLine(userMessage("now delete a.txt")),
    "",
  ]);
  const contents = await readRollout(filePath);
  assert.deepEqual(contents.history, [userMessage("list the files"), userMessage(summaryText), userMessage("now delete a.txt")]);
  assert.equal(contents.historyRebuiltFromLegacyCompaction, true);
});

test("a missing file is SessionNotFoundError carrying the thread id from its name", async () => {
  const threadId = randomUUID();
  const missing = path.join(directory, `rollout-2025-01-03T12-00-00-${threadId}.jsonl`);
  await assert.rejects(readRollout(missing), (error: unknown) => {
    assert.ok(error instanceof SessionNotFoundError);
    assert.equal(error.threadId, threadId);
    assert.equal(error.path, missing);
    return true;
  });
  await assert.rejects(RolloutWriter.openForAppend(missing), SessionNotFoundError);
});

test("corrupt-file errors do not quote line content", async () => {
  const secret = "sk-live-DO-NOT-LEAK";
  const filePath = await writeRollout("secret.jsonl", [`{"payload": "${secret}" broken`, metaLine(), itemLine(userMessage("b"))]);
  await assert.rejects(readRollout(filePath), (error: unknown) => {
    assert.ok(error instanceof SessionFileCorruptError);
    assert.ok(!error.message.includes(secret));
    return true;
  });
  const unchanged = await readFile(filePath, "utf8");
  assert.ok(unchanged.includes(secret), "reading never modifies the file");
});

test("openForAppend continues a file with a corrupt middle line, keeping that line as it is", async () => {
  const lines = [metaLine(), "{oops", itemLine(userMessage("b")), ""];
  const filePath = await writeRollout("corrupt-append.jsonl", lines);
  const writer = await RolloutWriter.openForAppend(filePath);
  await writer.append([{ type: "event_msg", payload: { type: "background_event", message: "after" } }]);
  await writer.close();
  const text = await readFile(filePath, "utf8");
  assert.ok(text.startsWith(lines.join("\n")));
  assert.match(text.split("\n").at(-2)!, /"after"/);
});

test("a file whose session_meta line is unreadable is corrupt", async () => {
  await assertCorrupt(await writeRollout("bad-meta.jsonl", ["{oops", metaLine(), itemLine(userMessage("b"))]), 1);
});
