import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { z } from "zod";
import type { NativeToolDefinition, NativeToolInvocation, ThreadEvent } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

const threadOptions = () => ({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
const toolNames = (body: any): string[] => (body.tools as any[]).map((tool) => tool.name ?? tool.type);
const outputOf = (body: any, callId: string): string => (body.input as any[]).find((item) => item.call_id === callId && item.type.endsWith("_output"))?.output;
const plan = { plan: [{ step: "compute", status: "in_progress" }] };

function calculator(calls: NativeToolInvocation[]): NativeToolDefinition {
  return {
    name: "calculator",
    description: "Performs arithmetic operations",
    parameters: {
      type: "object",
      properties: { operation: { type: "string", enum: ["add", "multiply"] }, a: { type: "number" }, b: { type: "number" } },
      required: ["operation", "a", "b"],
      additionalProperties: false,
    },
    handler: (err, invocation) => {
      if (err) return { error: err.message };
      calls.push(invocation);
      const { operation, a, b } = JSON.parse(invocation.arguments!);
      return { output: `Result: ${operation === "add" ? a + b : a * b}`, success: true };
    },
  };
}

test("a registered tool is offered on every request of a turn and answers a call on the third", async () => {
  const calls: NativeToolInvocation[] = [];
  const codex = harness.codex();
  codex.registerTool(calculator(calls));
  harness.server.enqueue(
    mockTurn([functionCall("update_plan", plan, { callId: "call_plan_1" })]),
    mockTurn([functionCall("update_plan", plan, { callId: "call_plan_2" })]),
    mockTurn([functionCall("calculator", { operation: "multiply", a: 42, b: 17 }, { callId: "call_calc" })]),
    mockTurn([assistantMessage("42 times 17 is 714")]),
  );
  const before = harness.server.requests.length;
  const thread = codex.startThread(threadOptions());
  const { events } = await thread.runStreamed("Calculate 42 times 17");
  const seen: ThreadEvent[] = [];
  for await (const event of events) seen.push(event);

  const requests = harness.server.requests.slice(before);
  assert.equal(requests.length, 4);
  for (const request of requests) {
    const spec = (request.body.tools as any[]).find((tool) => tool.name === "calculator");
    assert.deepEqual(spec, {
      type: "function",
      name: "calculator",
      description: "Performs arithmetic operations",
      strict: false,
      parameters: calculator([]).parameters,
    });
  }
  assert.deepEqual(calls, [{ callId: "call_calc", toolName: "calculator", arguments: JSON.stringify({ operation: "multiply", a: 42, b: 17 }) }]);
  assert.equal(outputOf(requests[3]!.body, "call_calc"), "Result: 714");
  const toolItems = seen.filter((event) => event.type.startsWith("item.") && (event as any).item.type === "mcp_tool_call");
  assert.deepEqual(
    toolItems.map((event) => [event.type, (event as any).item.status]),
    [
      ["item.started", "in_progress"],
      ["item.completed", "completed"],
    ],
  );
  assert.deepEqual((toolItems[1] as any).item, {
    id: (toolItems[1] as any).item.id,
    type: "mcp_tool_call",
    server: "codex-native",
    tool: "calculator",
    arguments: { operation: "multiply", a: 42, b: 17 },
    status: "completed",
    result: { content: [{ type: "text", text: "Result: 714" }], structured_content: null },
  });
});

test("tools from the constructor, per-thread dynamic tools, list/unregister/clear", async () => {
  const codex = harness.codex({ tools: [calculator([])] });
  assert.deepEqual(codex.listRegisteredTools().map((tool) => tool.name), ["calculator"]);
  const lookups: string[] = [];
  const dynamic = codex.startThread({
    ...threadOptions(),
    dynamicTools: [
      {
        name: "lookup",
        description: "Looks a word up",
        inputSchema: { type: "object", properties: { word: { type: "string" } }, required: ["word"] },
        handler: async (_err, invocation) => {
          lookups.push(invocation.arguments!);
          return { output: "a small domesticated carnivore" };
        },
      },
    ],
  });
  harness.server.enqueue(
    mockTurn([functionCall("lookup", { word: "cat" }, { callId: "call_lookup" })]),
    mockTurn([assistantMessage("done")]),
    mockTurn([assistantMessage("plain")]),
  );
  const before = harness.server.requests.length;
  await dynamic.run("define cat");
  assert.deepEqual(lookups, [JSON.stringify({ word: "cat" })]);
  assert.equal(outputOf(harness.server.requests.at(-1)!.body, "call_lookup"), "a small domesticated carnivore");
  assert.ok(toolNames(harness.server.requests[before]!.body).includes("lookup"));
  assert.ok(toolNames(harness.server.requests[before]!.body).includes("calculator"));

  // Another thread of the same instance has the instance's tools, not the other thread's.
  await codex.startThread(threadOptions()).run("hi");
  const plain = toolNames(harness.server.requests.at(-1)!.body);
  assert.ok(plain.includes("calculator"));
  assert.ok(!plain.includes("lookup"));

  assert.equal(codex.unregisterTool("calculator"), true);
  assert.equal(codex.unregisterTool("calculator"), false);
  codex.registerTool({ name: "one", handler: () => ({ output: "1" }) });
  codex.registerTool({ name: "two", handler: () => ({ output: "2" }) });
  codex.clearTools();
  assert.deepEqual(codex.listRegisteredTools(), []);
  harness.server.enqueue(mockTurn([assistantMessage("after clear")]));
  await codex.startThread(threadOptions()).run("hi");
  const cleared = toolNames(harness.server.requests.at(-1)!.body);
  assert.ok(!cleared.includes("calculator") && !cleared.includes("one"));
});

test("a tool registered on one instance is not offered by another", async () => {
  const mine = harness.codex();
  mine.registerTool(calculator([]));
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  await harness.codex().startThread(threadOptions()).run("hi");
  assert.ok(!toolNames(harness.server.requests.at(-1)!.body).includes("calculator"));
});

test("bad arguments, throwing handlers, malformed results and timeouts reach the model; the turn goes on", async () => {
  const codex = harness.codex();
  codex.registerTool(calculator([]));
  codex.registerTool({ name: "explode", handler: () => { throw new Error("kaboom"); } });
  codex.registerTool({ name: "rejecting", handler: async () => Promise.reject(new Error("async kaboom")) });
  codex.registerTool({ name: "malformed", handler: () => 42 as never });
  codex.registerTool({ name: "slow", timeoutMs: 50, handler: () => new Promise(() => {}) });
  codex.registerTool({ name: "failing", handler: () => ({ error: "no such record", output: "ignored" }) });
  codex.registerTool({
    name: "zodded",
    parameters: z.object({ count: z.number().int(), label: z.string().optional() }),
    handler: (_err, invocation) => ({ output: `count=${JSON.parse(invocation.arguments!).count}` }),
  });
  harness.server.enqueue(
    mockTurn([
      functionCall("calculator", { operation: "divide", a: 1, b: 2 }, { callId: "call_enum" }),
      functionCall("calculator", { operation: "add", a: 1 }, { callId: "call_missing" }),
      functionCall("calculator", "{not json", { callId: "call_json" }),
      functionCall("explode", {}, { callId: "call_throw" }),
      functionCall("rejecting", {}, { callId: "call_reject" }),
      functionCall("malformed", {}, { callId: "call_malformed" }),
      functionCall("slow", {}, { callId: "call_slow" }),
      functionCall("failing", {}, { callId: "call_failing" }),
      functionCall("zodded", { count: 1.5 }, { callId: "call_zod_bad" }),
      functionCall("zodded", { count: 3 }, { callId: "call_zod_ok" }),
    ]),
    mockTurn([assistantMessage("recovered")]),
  );
  const turn = await codex.startThread(threadOptions()).run("go");
  assert.equal(turn.finalResponse, "recovered");
  const body = harness.server.requests.at(-1)!.body;
  assert.match(outputOf(body, "call_enum"), /^failed to parse function arguments: operation: must be one of "add", "multiply"/);
  assert.match(outputOf(body, "call_missing"), /^failed to parse function arguments: arguments: missing required property "b"/);
  assert.match(outputOf(body, "call_json"), /^failed to parse function arguments: /);
  assert.equal(outputOf(body, "call_throw"), "tool explode failed: kaboom");
  assert.equal(outputOf(body, "call_reject"), "tool rejecting failed: async kaboom");
  assert.match(outputOf(body, "call_malformed"), /^tool malformed returned an invalid result/);
  assert.equal(outputOf(body, "call_slow"), "tool slow timed out after 50 ms");
  assert.equal(outputOf(body, "call_failing"), "no such record");
  assert.match(outputOf(body, "call_zod_bad"), /^failed to parse function arguments: count: /);
  assert.equal(outputOf(body, "call_zod_ok"), "count=3");
  const zodSpec = (body.tools as any[]).find((tool) => tool.name === "zodded");
  assert.deepEqual(zodSpec.parameters.properties, { count: { type: "integer", minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }, label: { type: "string" } });
  assert.deepEqual(zodSpec.parameters.required, ["count"]);
  const failed = turn.items.filter((item) => item.type === "mcp_tool_call" && item.status === "failed");
  assert.equal(failed.length, 9);
});

test("malformed registrations and dynamic tools are rejected with InvalidArgumentError", () => {
  const codex = harness.codex();
  assert.throws(() => codex.registerTool({ name: "bad name!", handler: () => ({}) }), { name: "InvalidArgumentError" });
  assert.throws(() => codex.registerTool({ name: "nohandler" } as never), { name: "InvalidArgumentError" });
  assert.throws(() => codex.registerTool({ name: "x", parameters: "nope", handler: () => ({}) }), { name: "InvalidArgumentError" });
  assert.throws(() => harness.codex({ tools: [{ name: "x" } as never] }), { name: "InvalidArgumentError" });
  assert.throws(() => codex.startThread({ dynamicTools: [{ name: "a b" }] }), { name: "InvalidArgumentError" });
});
