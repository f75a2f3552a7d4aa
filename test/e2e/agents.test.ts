import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { InvalidArgumentError, type AgentEvent } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness({ gitRepo: true });
});
after(() => harness.close());

test("agents of one Codex share the conversation: the second agent's request carries the first agent's history and its own instructions", async () => {
  const codex = harness.codex();
  const threadOptions = { workingDirectory: harness.workdir };
  const testAgent = codex.createAgent({ name: "test_writer", instructions: "You write comprehensive unit tests with high coverage.", threadOptions });
  const securityAgent = codex.createAgent({ name: "security_auditor", instructions: "You perform security audits and identify vulnerabilities." });
  harness.server.enqueue(mockTurn([assistantMessage("Wrote 12 tests for the auth module.")]), mockTurn([assistantMessage("Added 3 security test cases.")]));
  const start = harness.server.requests.length;

  const testResult = await testAgent.run("Write tests for the auth module");
  const securityResult = await securityAgent.run("Review the tests from the previous agent and add security-focused test cases");

  assert.equal(testResult.finalResponse, "Wrote 12 tests for the auth module.");
  assert.equal(testResult.agent, "test_writer");
  assert.equal(securityResult.agent, "security_auditor");
  const [first, second] = harness.server.requests.slice(start);
  assert.match(first!.body.instructions, /coding agent[\s\S]*\n\nYou write comprehensive unit tests with high coverage\.$/);
  assert.match(second!.body.instructions, /\n\nYou perform security audits and identify vulnerabilities\.$/);
  assert.doesNotMatch(second!.body.instructions, /unit tests/);
  const secondTexts = inputTexts(second!.body);
  assert.deepEqual(secondTexts.slice(0, inputTexts(first!.body).length), inputTexts(first!.body), "the first agent's request is a prefix");
  assert.deepEqual(secondTexts.slice(-3), [
    "user: Write tests for the auth module",
    "assistant: Wrote 12 tests for the auth module.",
    "user: Review the tests from the previous agent and add security-focused test cases",
  ]);
  assert.equal(second!.headers["session_id"], first!.headers["session_id"], "one thread");
});

test("a model-driven transfer switches the active agent mid-turn: instructions, model and tools change, and events name the agent", async () => {
  const codex = harness.codex();
  const triage = codex.createAgent({
    name: "triage",
    instructions: "You route requests to the right specialist.",
    handoffs: ["billing"],
    threadOptions: { workingDirectory: harness.workdir, model: "gpt-5.5" },
  });
  codex.createAgent({
    name: "billing",
    instructions: "You handle invoices and refunds.",
    model: "gpt-5.4",
    handoffDescription: "Invoices, refunds, payment problems.",
    tools: [{ name: "issue_refund", description: "Refund an order", parameters: { type: "object", properties: { order: { type: "string" } } }, handler: () => ({ output: "refunded" }) }],
  });
  harness.server.enqueue(
    mockTurn([assistantMessage("Let me get billing."), functionCall("transfer_to_billing", {}, { callId: "call_transfer" })]),
    mockTurn([assistantMessage("Your refund was issued.")]),
  );
  const start = harness.server.requests.length;
  const { events } = await triage.runStreamed("I was charged twice");
  const seen: AgentEvent[] = [];
  for await (const event of events) seen.push(event);

  const [first, second] = harness.server.requests.slice(start);
  assert.ok(first && second && harness.server.requests.length === start + 2, "one turn, two requests");
  assert.match(first.body.instructions, /You route requests to the right specialist\.$/);
  assert.equal(first.body.model, "gpt-5.5");
  const transfer = first.body.tools.find((tool: any) => tool.name === "transfer_to_billing");
  assert.deepEqual(transfer, {
    type: "function",
    name: "transfer_to_billing",
    description: "Handoff to the billing agent to handle the request. Invoices, refunds, payment problems.",
    strict: false,
    parameters: { type: "object", properties: {}, additionalProperties: false },
  });
  assert.ok(!first.body.tools.some((tool: any) => tool.name === "issue_refund"), "billing's own tool is not offered to triage");
  assert.match(second.body.instructions, /You handle invoices and refunds\.$/);
  assert.ok(second.body.tools.some((tool: any) => tool.name === "issue_refund"), "billing's own tool is offered once billing is active");
  assert.equal(second.body.model, "gpt-5.4");
  assert.ok(!second.body.tools.some((tool: any) => tool.name === "transfer_to_billing"), "billing has no handoffs");
  assert.deepEqual(inputTexts(second.body).slice(-3), [
    "assistant: Let me get billing.",
    "function_call(call_transfer): transfer_to_billing {}",
    'function_call_output(call_transfer): {"assistant":"billing"}',
  ]);
  const completed = seen.filter((event) => event.type === "item.completed");
  const describe = (event: AgentEvent) => {
    if (event.type !== "item.completed") return "";
    return event.item.type === "agent_message" ? event.item.text : event.item.type === "mcp_tool_call" ? `${event.item.tool} ${event.item.status}` : event.item.type;
  };
  assert.deepEqual(
    completed.map((event) => [event.agent, describe(event)]),
    [
      ["triage", "Let me get billing."],
      ["triage", "transfer_to_billing completed"],
      ["billing", "Your refund was issued."],
    ],
  );
  assert.equal(seen.find((event) => event.type === "turn.completed")?.agent, undefined, "only item events carry an agent");
});

test("run() reports the agent that ended the turn and who produced each item", async () => {
  const codex = harness.codex();
  const support = codex.createAgent({ name: "support", instructions: "Front desk.", threadOptions: { workingDirectory: harness.workdir } });
  const refunds = codex.createAgent({ name: "Refund Desk", instructions: "Refunds only.", handoffs: [support] });
  const front = codex.createAgent({ name: "front", instructions: "Route.", handoffs: [refunds] });
  harness.server.enqueue(mockTurn([functionCall("transfer_to_refund_desk", {}, { callId: "call_1" })]), mockTurn([assistantMessage("Refunded.")]));
  const start = harness.server.requests.length;
  const result = await front.run("refund please");
  assert.equal(result.agent, "Refund Desk");
  assert.equal(result.finalResponse, "Refunded.");
  assert.deepEqual(result.itemAgents, ["front", "Refund Desk"]);
  const second = harness.server.requests[start + 1]!;
  assert.ok(second.body.tools.some((tool: any) => tool.name === "transfer_to_support"), "the new agent's own handoffs are offered");
});

test("bad agent definitions fail with InvalidArgumentError before any request", async () => {
  const codex = harness.codex();
  const one = codex.createAgent({ name: "one", instructions: "x", threadOptions: { workingDirectory: harness.workdir } });
  harness.server.enqueue(mockTurn([assistantMessage("started")]));
  await one.run("start the conversation");
  const before = harness.server.requests.length;
  assert.throws(() => codex.createAgent({ name: "one", instructions: "y" }), InvalidArgumentError);
  assert.throws(() => codex.createAgent({ name: "", instructions: "y" }), InvalidArgumentError);
  assert.throws(() => codex.createAgent({ name: "two", instructions: "  " }), InvalidArgumentError);
  assert.throws(() => codex.createAgent({ name: "three", instructions: "z", handoffs: [42 as never] }), InvalidArgumentError);
  const dangling = codex.createAgent({ name: "dangling", instructions: "z", handoffs: ["nobody"] });
  await assert.rejects(dangling.run("hi"), (error: unknown) => error instanceof InvalidArgumentError && /not an agent of this Codex/.test(error.message));
  const other = codex.createAgent({ name: "other", instructions: "z", threadOptions: { workingDirectory: "/tmp" } });
  await assert.rejects(other.run("hi"), InvalidArgumentError);
  assert.equal(harness.server.requests.length, before);
});
