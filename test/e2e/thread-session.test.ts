import assert from "node:assert/strict";
import { appendFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { SessionFileCorruptError, SessionNotFoundError } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { findRolloutFile } from "../../src/sessions/rollout-paths.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

test("the session file is written in Codex's rollout format, line by line", async () => {
  harness.server.enqueue(
    mockTurn([functionCall("update_plan", { plan: [{ step: "s", status: "pending" }] }, { callId: "call_p" })]),
    mockTurn([assistantMessage("Finished")]),
  );
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, model: "gpt-5.5" });
  await thread.run("please plan");
  const lines = await harness.sessionLines(thread.id!);
  for (const [index, line] of lines.entries()) {
    assert.match(line.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(line.ordinal, index);
  }
  const shape = lines.map((line) => (line.type === "event_msg" || line.type === "response_item" ? `${line.type}:${line.payload.type}` : line.type));
  assert.deepEqual(shape, [
    "session_meta",
    "response_item:message", // permissions
    "response_item:message", // environment context
    "turn_context",
    "event_msg:task_started",
    "response_item:message", // the prompt
    "event_msg:user_message",
    "response_item:function_call",
    "event_msg:token_count",
    "response_item:function_call_output",
    "response_item:message",
    "event_msg:agent_message",
    "event_msg:token_count",
    "event_msg:task_complete",
  ]);
  const meta = lines[0]!.payload;
  assert.equal(meta.id, thread.id);
  assert.equal(meta.cwd, harness.workdir);
  assert.equal(meta.originator, "codex_native_sdk");
  assert.equal(typeof meta.base_instructions.text, "string");
  assert.equal(lines[3]!.payload.model, "gpt-5.5");
  assert.deepEqual(lines[3]!.payload.sandbox_policy, { type: "read-only" });
  assert.equal(lines[6]!.payload.message, "please plan");
  assert.equal(lines.at(-1)!.payload.last_agent_message, "Finished");
  assert.ok(!JSON.stringify(lines).includes("test-api-key"), "the API key never reaches the session file");
});

test("resumeThread in a new Codex instance replays the history and appends to the same file", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("Remembered: blue")]));
  const original = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  await original.run("My favourite colour is blue");
  const threadId = original.id!;
  const fileBefore = await findRolloutFile(harness.codexHome, threadId);
  const firstRequest = inputTexts(harness.server.requests.at(-1)!.body);

  harness.server.enqueue(mockTurn([assistantMessage("It is blue")]));
  const resumed = harness.codex().resumeThread(threadId, { workingDirectory: harness.workdir, skipGitRepoCheck: true });
  assert.equal(resumed.id, threadId);
  const turn = await resumed.run("What is my favourite colour?");
  assert.equal(turn.finalResponse, "It is blue");
  const resumedRequest = inputTexts(harness.server.requests.at(-1)!.body);
  assert.deepEqual(resumedRequest, [...firstRequest, "assistant: Remembered: blue", "user: What is my favourite colour?"]);
  assert.equal(harness.server.requests.at(-1)!.body.prompt_cache_key, threadId);
  assert.equal(await findRolloutFile(harness.codexHome, threadId), fileBefore);
  const lines = await harness.sessionLines(threadId);
  assert.equal(lines.filter((line) => line.type === "session_meta").length, 1);
  assert.equal(lines.filter((line) => line.type === "turn_context").length, 2);
  assert.deepEqual(lines.map((line) => line.ordinal), lines.map((_, index) => index));
});

test("a torn last line is tolerated on resume; a corrupt middle line is skipped with a warning", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("one")]), mockTurn([assistantMessage("two")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  await thread.run("first");
  const file = (await findRolloutFile(harness.codexHome, thread.id!))!;
  await appendFile(file, '{"timestamp":"2026-01-01T00:00:00.000Z","type":"event_m');
  const resumed = harness.codex().resumeThread(thread.id!, { workingDirectory: harness.workdir, skipGitRepoCheck: true });
  assert.equal((await resumed.run("second")).finalResponse, "two");
  const lines = await harness.sessionLines(thread.id!);
  assert.equal(lines.at(-1)!.payload.type, "task_complete");

  await appendFile(file, "this is not json\n{}\n");
  const warnings: string[] = [];
  const onWarning = (warning: Error & { code?: string }) => {
    if (warning.code === "CODEX_NATIVE_SESSION_LINES_SKIPPED") warnings.push(warning.message);
  };
  process.on("warning", onWarning);
  try {
    harness.server.enqueue(mockTurn([assistantMessage("three")]));
    const resumedAgain = harness.codex().resumeThread(thread.id!, { skipGitRepoCheck: true });
    assert.equal((await resumedAgain.run("third")).finalResponse, "three");
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, new RegExp(`line ${lines.length + 1}, ${lines.length + 2}\\)$`));
    const texts = inputTexts(harness.server.requests.at(-1)!.body);
    assert.ok(texts.includes("user: first") && texts.includes("user: second") && texts.includes("assistant: two"));
    assert.equal(texts.at(-1), "user: third");
  } finally {
    process.off("warning", onWarning);
  }

  // Only an unreadable session_meta makes the file unusable.
  const { readFile: read, writeFile: write } = await import("node:fs/promises");
  const text = await read(file, "utf8");
  await write(file, `{broken meta\n${text.split("\n").slice(1).join("\n")}`);
  const broken = harness.codex().resumeThread(thread.id!, { skipGitRepoCheck: true });
  await assert.rejects(broken.run("fourth"), (error: unknown) => {
    assert.ok(error instanceof SessionFileCorruptError);
    assert.equal(error.path, file);
    assert.equal(error.line, 1);
    return true;
  });
});

test("resuming an unknown thread id is a SessionNotFoundError", async () => {
  const thread = harness.codex().resumeThread("019a0000-0000-7000-8000-000000000000", { skipGitRepoCheck: true });
  await assert.rejects(thread.run("hello"), SessionNotFoundError);
});
