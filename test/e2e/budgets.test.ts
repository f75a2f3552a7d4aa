import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TurnBudgetExceededError, type ThreadEvent } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn, usage } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

const plan = (callId: string) => functionCall("update_plan", { plan: [{ step: callId, status: "pending" }] }, { callId });

async function collect(events: AsyncGenerator<ThreadEvent>): Promise<ThreadEvent[]> {
  const seen: ThreadEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

test("maxToolCalls stops the turn with turn.failed before running the call over budget", async () => {
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, maxToolCalls: 1 });
  harness.server.enqueue(mockTurn([plan("call_a")]), mockTurn([plan("call_b")]));
  const start = harness.server.requests.length;
  const { events } = await thread.runStreamed("plan twice");
  const seen = await collect(events);
  const failed = seen.at(-1)!;
  assert.equal(failed.type, "turn.failed");
  assert.equal((failed as any).error.name, "TurnBudgetExceededError");
  assert.equal((failed as any).error.message, "The turn was stopped: the model asked for 2 tool calls, over the maxToolCalls budget of 1");
  assert.equal(harness.server.requests.length, start + 2, "the first call ran and was answered; the second stopped the turn");
  const todoLists = seen.filter((event) => event.type === "item.completed" && event.item.type === "todo_list");
  assert.ok(todoLists.length <= 1);

  // The thread goes on: the unanswered call is reported as aborted.
  harness.server.enqueue(mockTurn([assistantMessage("fine")]));
  await thread.run("continue");
  const texts = inputTexts(harness.server.requests.at(-1)!.body);
  assert.ok(texts.includes("function_call_output(call_b): aborted"));
});

test("several calls in one response count together; run() rejects with the typed error", async () => {
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, maxToolCalls: 2 });
  harness.server.enqueue(mockTurn([plan("c1"), plan("c2"), plan("c3")]));
  const start = harness.server.requests.length;
  await assert.rejects(thread.run("plan thrice"), (error: unknown) => {
    assert.ok(error instanceof TurnBudgetExceededError);
    assert.equal(error.budget, "maxToolCalls");
    assert.equal(error.limit, 2);
    assert.equal(error.used, 3);
    return true;
  });
  assert.equal(harness.server.requests.length, start + 1);
});

test("tokenBudget stops a turn that used more tokens before its next request", async () => {
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, tokenBudget: 1000 });
  harness.server.enqueue(
    mockTurn([plan("t1")], { usage: usage({ inputTokens: 700, outputTokens: 100 }) }),
    mockTurn([plan("t2")], { usage: usage({ inputTokens: 900, outputTokens: 100 }) }),
  );
  const start = harness.server.requests.length;
  const { events } = await thread.runStreamed("spend tokens");
  const failed = (await collect(events)).at(-1)! as any;
  assert.equal(failed.type, "turn.failed");
  assert.equal(failed.error.name, "TurnBudgetExceededError");
  assert.equal(failed.error.message, "The turn was stopped: it used 1800 tokens, over the tokenBudget of 1000");
  assert.equal(harness.server.requests.length, start + 2);
  const lines = await harness.sessionLines(thread.id!);
  assert.equal(lines.at(-1)!.payload.type, "error");
  assert.match(lines.at(-1)!.payload.message, /tokenBudget of 1000/);
});

test("a turn within its budgets completes; invalid budgets are rejected", async () => {
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, maxToolCalls: 1, tokenBudget: 10_000 });
  harness.server.enqueue(mockTurn([plan("ok1")], { usage: usage({ inputTokens: 100 }) }), mockTurn([assistantMessage("done")]));
  assert.equal((await thread.run("one call")).finalResponse, "done");
  assert.throws(() => harness.codex().startThread({ maxToolCalls: -1 }), /maxToolCalls/);
  assert.throws(() => harness.codex().startThread({ tokenBudget: 0 }), /tokenBudget/);
});
