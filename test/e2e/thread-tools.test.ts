import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { ThreadEvent } from "../../src/index.js";
import { assistantMessage, customToolCall, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

const plan = (statuses: Array<[string, string]>) => ({ plan: statuses.map(([step, status]) => ({ step, status })) });

test("update_plan drives a todo_list item that completes at the end of the turn", async () => {
  harness.server.enqueue(
    mockTurn([functionCall("update_plan", plan([["Read code", "in_progress"], ["Fix bug", "pending"]]), { callId: "call_plan_1" })]),
    mockTurn([functionCall("update_plan", plan([["Read code", "completed"], ["Fix bug", "in_progress"]]), { callId: "call_plan_2" })]),
    mockTurn([assistantMessage("All done")]),
  );
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  const { events } = await thread.runStreamed("do the work");
  const seen: ThreadEvent[] = [];
  for await (const event of events) seen.push(event);
  const itemEvents = seen.filter((event) => event.type.startsWith("item."));
  assert.deepEqual(itemEvents, [
    { type: "item.started", item: { id: "item_0", type: "todo_list", items: [{ text: "Read code", completed: false }, { text: "Fix bug", completed: false }] } },
    { type: "item.updated", item: { id: "item_0", type: "todo_list", items: [{ text: "Read code", completed: true }, { text: "Fix bug", completed: false }] } },
    { type: "item.completed", item: { id: "item_1", type: "agent_message", text: "All done" } },
    { type: "item.completed", item: { id: "item_0", type: "todo_list", items: [{ text: "Read code", completed: true }, { text: "Fix bug", completed: false }] } },
  ]);
  const requests = harness.server.requests.slice(-3).map((request) => inputTexts(request.body));
  assert.equal(requests[1]!.at(-1), "function_call_output(call_plan_1): Plan updated");
  assert.deepEqual(requests[2]!.slice(-2), [
    `function_call(call_plan_2): update_plan ${JSON.stringify(plan([["Read code", "completed"], ["Fix bug", "in_progress"]]))}`,
    "function_call_output(call_plan_2): Plan updated",
  ]);
});

test("bad tool input is reported back to the model and the turn goes on", async () => {
  harness.server.enqueue(
    mockTurn([
      functionCall("update_plan", "{not json", { callId: "call_bad_json" }),
      functionCall("update_plan", { plan: [{ step: "x", status: "bogus" }] }, { callId: "call_bad_schema" }),
      functionCall("no_such_tool", {}, { callId: "call_unknown" }),
      customToolCall("mystery", "raw input", { callId: "call_custom" }),
    ]),
    mockTurn([assistantMessage("recovered")]),
  );
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  const turn = await thread.run("try tools");
  assert.equal(turn.finalResponse, "recovered");
  const outputs = (harness.server.requests.at(-1)!.body.input as any[]).filter((item) => item.type.endsWith("_output"));
  assert.equal(outputs.length, 4);
  assert.match(outputs[0].output, /^failed to parse function arguments: /);
  assert.match(outputs[1].output, /^failed to parse function arguments: plan\.0\.status: /);
  assert.deepEqual(outputs[2], { type: "function_call_output", call_id: "call_unknown", output: "unsupported call: no_such_tool" });
  assert.deepEqual(outputs[3], { type: "custom_tool_call_output", call_id: "call_custom", output: "unsupported custom tool call: mystery" });
});

test("parallel tool calls in one response each get their output, in call order", async () => {
  harness.server.enqueue(
    mockTurn([
      functionCall("update_plan", plan([["a", "pending"]]), { callId: "call_a" }),
      functionCall("update_plan", plan([["a", "completed"]]), { callId: "call_b" }),
    ]),
    mockTurn([assistantMessage("ok")]),
  );
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  await thread.run("two plans");
  const texts = inputTexts(harness.server.requests.at(-1)!.body).slice(-4);
  assert.deepEqual(texts, [
    `function_call(call_a): update_plan ${JSON.stringify(plan([["a", "pending"]]))}`,
    `function_call(call_b): update_plan ${JSON.stringify(plan([["a", "completed"]]))}`,
    "function_call_output(call_a): Plan updated",
    "function_call_output(call_b): Plan updated",
  ]);
});
