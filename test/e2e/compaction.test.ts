import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assistantMessage, functionCall, mockTurn, usage } from "../../src/testing/index.js";
import { COMPACTION_SUMMARY_PREFIX } from "../../src/sessions/history-rebuild.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

const summaryText = (summary: string) => `user: ${COMPACTION_SUMMARY_PREFIX}\n${summary}`;

test("a usage figure over model_auto_compact_token_limit compacts before the next turn; resume restores the compacted history", async () => {
  const codex = harness.codex({ config: { model_auto_compact_token_limit: 1000 } });
  const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  harness.server.enqueue(
    mockTurn([assistantMessage("one")], { usage: usage({ inputTokens: 900, cachedInputTokens: 300, outputTokens: 200, reasoningOutputTokens: 50 }) }),
    mockTurn([assistantMessage("The user asked two things; answered the first.")], { usage: usage({ inputTokens: 1100, outputTokens: 40 }) }),
    mockTurn([assistantMessage("two")], { usage: usage({ inputTokens: 120, outputTokens: 10, reasoningOutputTokens: 5 }) }),
  );
  const first = await thread.run("first question");
  assert.deepEqual(first.usage, { input_tokens: 900, cached_input_tokens: 300, cache_write_input_tokens: 0, output_tokens: 200, reasoning_output_tokens: 50 });
  const initial = inputTexts(harness.server.requests.at(-1)!.body).slice(0, -1);
  const start = harness.server.requests.length;
  const second = await thread.run("second question");
  assert.equal(second.finalResponse, "two");
  assert.equal(harness.server.requests.length, start + 2, "a summarisation request, then the turn's");

  const summarise = harness.server.requests[start]!.body;
  assert.deepEqual(summarise.tools, []);
  const summariseTexts = inputTexts(summarise);
  assert.deepEqual(summariseTexts.slice(0, -1), [...initial, "user: first question", "assistant: one"]);
  assert.match(summariseTexts.at(-1)!, /^user: The conversation so far is about to be replaced by a summary/);

  const compactedHistory = [...initial, "user: first question", summaryText("The user asked two things; answered the first.")];
  assert.deepEqual(inputTexts(harness.server.requests[start + 1]!.body), [...compactedHistory, "user: second question"]);

  // Turn usage counts the turn's own request; the thread's counts every request, the summary included.
  assert.deepEqual(second.usage, { input_tokens: 120, cached_input_tokens: 0, cache_write_input_tokens: 0, output_tokens: 10, reasoning_output_tokens: 5 });
  assert.deepEqual(thread.usage, { input_tokens: 2120, cached_input_tokens: 300, cache_write_input_tokens: 0, output_tokens: 250, reasoning_output_tokens: 55 });

  // The session file holds the compaction as Codex writes it.
  const lines = await harness.sessionLines(thread.id!);
  const compacted = lines.filter((line) => line.type === "compacted");
  assert.equal(compacted.length, 1);
  assert.deepEqual(Object.keys(compacted[0]!.payload), ["message", "replacement_history"]);
  assert.equal(compacted[0]!.payload.message, `${COMPACTION_SUMMARY_PREFIX}\nThe user asked two things; answered the first.`);
  assert.deepEqual(inputTexts({ input: compacted[0]!.payload.replacement_history }), compactedHistory);
  const after = lines.indexOf(compacted[0]!);
  assert.equal(lines[after + 1]!.payload.type, "context_compacted");
  assert.equal(lines[after + 2]!.payload.content[0].text, "second question", "the prompt is recorded after the compaction");
  assert.equal(lines[after + 3]!.payload.type, "user_message");

  // A new instance resumes from the compacted history, not the original one.
  harness.server.enqueue(mockTurn([assistantMessage("three")]));
  const resumed = harness.codex({ config: { model_auto_compact_token_limit: 1000 } }).resumeThread(thread.id!, { skipGitRepoCheck: true });
  await resumed.run("third question");
  assert.deepEqual(inputTexts(harness.server.requests.at(-1)!.body), [
    ...compactedHistory,
    "user: second question",
    "assistant: two",
    "user: third question",
  ]);
  assert.equal(resumed.usage.input_tokens, 2120, "thread usage is restored from the session file");
});

test("compaction mid-turn: after tool outputs push the context over the limit, the follow-up carries the summary", async () => {
  const thread = harness.codex({ config: { model_auto_compact_token_limit: 500 } }).startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  harness.server.enqueue(
    mockTurn([functionCall("update_plan", { plan: [{ step: "look", status: "in_progress" }] }, { callId: "call_plan" })], {
      usage: usage({ inputTokens: 600, outputTokens: 20 }),
    }),
    mockTurn([assistantMessage("Planned a look.")]),
    mockTurn([assistantMessage("done")]),
  );
  const start = harness.server.requests.length;
  const turn = await thread.run("plan it");
  assert.equal(turn.finalResponse, "done");
  const followUp = inputTexts(harness.server.requests[start + 2]!.body);
  assert.deepEqual(followUp.slice(-2), ["user: plan it", summaryText("Planned a look.")]);
  assert.ok(!followUp.some((text) => text.startsWith("function_call")), "the old items were replaced");
});

test("thread.compact() runs a compaction on demand with our prompt (or config compact_prompt)", async () => {
  const codex = harness.codex({ config: { compact_prompt: "Summarise in one line." } });
  const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  harness.server.enqueue(mockTurn([assistantMessage("answer")]), mockTurn([assistantMessage("One line.")]), mockTurn([assistantMessage("next")]));
  await thread.run("question");
  await thread.compact();
  assert.equal(inputTexts(harness.server.requests.at(-1)!.body).at(-1), "user: Summarise in one line.");
  await thread.run("follow-up");
  assert.deepEqual(inputTexts(harness.server.requests.at(-1)!.body).slice(-3), ["user: question", summaryText("One line."), "user: follow-up"]);
  const lines = await harness.sessionLines(thread.id!);
  const compaction = lines.findIndex((line) => line.type === "compacted");
  assert.deepEqual(
    lines.slice(compaction - 3, compaction + 3).map((line) => (line.type === "event_msg" ? line.payload.type : line.type)),
    ["turn_context", "task_started", "token_count", "compacted", "context_compacted", "task_complete"],
  );
});

test("compact() on a thread that never ran is a clear error", async () => {
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  await assert.rejects(thread.compact(), /needs a thread that has run/);
});
