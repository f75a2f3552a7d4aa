import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Agent, Runner, setTracingDisabled, tool, type ModelProvider } from "@openai/agents";
import { z } from "zod";
import { CodexProvider, codexTool } from "../../src/agents/openai-agents.js";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
const providers: CodexProvider[] = [];
before(async () => {
  setTracingDisabled(true);
  harness = await createHarness({ gitRepo: true });
});
after(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  await harness.close();
});

function provider(threadOptions = {}): CodexProvider {
  const created = new CodexProvider({ baseUrl: harness.server.url, apiKey: "test-api-key", env: harness.env, threadOptions: { workingDirectory: harness.workdir, ...threadOptions } });
  providers.push(created);
  return created;
}

test("a Runner completes a run through CodexProvider: the engine's tools and the Runner's tool are both offered, the Runner runs its tool", async () => {
  const calls: string[] = [];
  const weather = tool({
    name: "get_weather",
    description: "Weather of a city",
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      calls.push(city);
      return `sunny in ${city}`;
    },
  });
  const agent = new Agent({ name: "Forecaster", instructions: "You answer weather questions briefly.", tools: [weather] });
  harness.server.enqueue(mockTurn([functionCall("get_weather", { city: "Paris" }, { callId: "call_weather" })]), mockTurn([assistantMessage("It is sunny in Paris.")]));
  const start = harness.server.requests.length;
  const modelProvider: ModelProvider = provider();
  const result = await new Runner({ modelProvider }).run(agent, "What's the weather in Paris?");

  assert.equal(result.finalOutput, "It is sunny in Paris.");
  assert.deepEqual(calls, ["Paris"]);
  const [first, second] = harness.server.requests.slice(start);
  assert.ok(first && second, "two model requests, in one engine turn");
  assert.match(first.body.instructions, /coding agent/);
  assert.match(first.body.instructions, /\n\nYou answer weather questions briefly\.$/);
  const toolNames = first.body.tools.map((entry: any) => entry.name ?? entry.type);
  assert.ok(toolNames.includes("exec_command") && toolNames.includes("get_weather"), toolNames.join(","));
  assert.equal(inputTexts(first.body).at(-1), "user: What's the weather in Paris?");
  assert.deepEqual(inputTexts(second.body).slice(-2), ['function_call(call_weather): get_weather {"city":"Paris"}', "function_call_output(call_weather): sunny in Paris"]);
  assert.equal(second.headers["session_id"], first.headers["session_id"], "the same thread");
});

test("a Runner handoff requested by the model switches agents in the middle of the engine turn", async () => {
  const billing = new Agent({ name: "billing", instructions: "You handle invoices and refunds." });
  const triage = new Agent({ name: "triage", instructions: "You route the user to the right specialist.", handoffs: [billing] });
  harness.server.enqueue(mockTurn([functionCall("transfer_to_billing", {}, { callId: "call_handoff" })]), mockTurn([assistantMessage("Your refund is on its way.")]));
  const start = harness.server.requests.length;
  const result = await new Runner({ modelProvider: provider() }).run(triage, "I want a refund");

  assert.equal(result.finalOutput, "Your refund is on its way.");
  assert.equal(result.lastAgent?.name, "billing");
  const [first, second] = harness.server.requests.slice(start);
  assert.match(first!.body.instructions, /You route the user to the right specialist\.$/);
  assert.ok(first!.body.tools.some((entry: any) => entry.name === "transfer_to_billing"));
  assert.match(second!.body.instructions, /You handle invoices and refunds\.$/);
  assert.ok(!second!.body.tools.some((entry: any) => entry.name === "transfer_to_billing"));
  assert.deepEqual(inputTexts(second!.body).slice(-1), ['function_call_output(call_handoff): {"assistant":"billing"}']);
});

test("codexTool calls run inside the engine, through its approval policy, without a round trip to the Runner", async () => {
  let runs = 0;
  const lookup = codexTool({
    name: "lookup_invoice",
    description: "Find an invoice",
    parameters: z.object({ id: z.string() }),
    execute: async ({ id }) => {
      runs += 1;
      return `invoice ${id}: 42 EUR`;
    },
  });
  const agent = new Agent({ name: "accountant", instructions: "Answer with invoice totals.", tools: [lookup] });
  const chosen = provider({ approvalPolicy: "untrusted" });
  const asked: Array<{ kind: string; toolName?: string }> = [];
  chosen.codexInstance.setApprovalCallback(async (request) => {
    asked.push({ kind: request.kind, toolName: (request as { toolName?: string }).toolName });
    return { decision: "approved" };
  });
  harness.server.enqueue(mockTurn([functionCall("lookup_invoice", { id: "A7" }, { callId: "call_lookup" })]), mockTurn([assistantMessage("Invoice A7 is 42 EUR.")]));
  const start = harness.server.requests.length;
  const result = await new Runner({ modelProvider: chosen }).run(agent, "How much is invoice A7?");

  assert.equal(result.finalOutput, "Invoice A7 is 42 EUR.");
  assert.equal(runs, 1);
  assert.deepEqual(asked, [{ kind: "custom_tool", toolName: "lookup_invoice" }]);
  // The Runner saw one model response (the final one): the tool call never left the engine.
  assert.equal(result.rawResponses.length, 1);
  assert.deepEqual(inputTexts(harness.server.requests.slice(start)[1]!.body).at(-1), "function_call_output(call_lookup): invoice A7: 42 EUR");
});

test("a streamed Runner run receives the engine's text deltas", async () => {
  const agent = new Agent({ name: "poet", instructions: "Write short lines." });
  harness.server.enqueue(mockTurn([assistantMessage("Roses are red, tests are green.")], { textChunkSize: 8 }));
  const stream = await new Runner({ modelProvider: provider() }).run(agent, "A line please", { stream: true });
  const deltas: string[] = [];
  for await (const event of stream) {
    if (event.type === "raw_model_stream_event" && event.data.type === "output_text_delta") deltas.push(event.data.delta);
  }
  await stream.completed;
  assert.equal(stream.finalOutput, "Roses are red, tests are green.");
  assert.ok(deltas.length > 1, `several deltas, got ${deltas.length}`);
  assert.equal(deltas.join(""), "Roses are red, tests are green.");
});
