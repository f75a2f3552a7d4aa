import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { ThreadEvent } from "../../src/index.js";
import { assistantMessage, mockTurn, reasoning, usage } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness({ gitRepo: true });
});
after(() => harness.close());

async function collect(events: AsyncGenerator<ThreadEvent>): Promise<ThreadEvent[]> {
  const seen: ThreadEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

test("a plain reply yields exactly thread.started, turn.started, item.completed, turn.completed", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("Hello there")], { usage: usage({ inputTokens: 120, cachedInputTokens: 20, outputTokens: 7, reasoningOutputTokens: 3 }) }));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir });
  assert.equal(thread.id, null);
  const { events } = await thread.runStreamed("Say hello");
  const seen = await collect(events);
  assert.ok(thread.id);
  assert.deepEqual(seen, [
    { type: "thread.started", thread_id: thread.id },
    { type: "turn.started" },
    { type: "item.completed", item: { id: "item_0", type: "agent_message", text: "Hello there" } },
    {
      type: "turn.completed",
      usage: { input_tokens: 120, cached_input_tokens: 20, cache_write_input_tokens: 0, output_tokens: 7, reasoning_output_tokens: 3 },
    },
  ]);
});

test("the request carries Codex's body fields, context messages and session header", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, model: "gpt-5.5", modelReasoningEffort: "high" });
  await thread.run("fix the tests");
  const request = harness.server.requests.at(-1)!;
  assert.equal(request.path, "/v1/responses");
  assert.equal(request.headers["session_id"], thread.id);
  assert.equal(request.bearerTokenSha256 !== null, true);
  const body = request.body;
  assert.equal(body.model, "gpt-5.5");
  assert.equal(body.stream, true);
  assert.equal(body.store, false);
  assert.equal(body.tool_choice, "auto");
  assert.equal(body.parallel_tool_calls, true);
  assert.equal(body.prompt_cache_key, thread.id);
  assert.deepEqual(body.reasoning, { effort: "high", summary: "auto" });
  assert.deepEqual(body.include, ["reasoning.encrypted_content"]);
  assert.match(body.instructions, /coding agent/);
  assert.deepEqual(
    body.tools.map((tool: any) => tool.name ?? tool.type),
    ["exec_command", "write_stdin", "update_plan", "apply_patch", "web_search", "view_image"],
  );
  const texts = inputTexts(body);
  assert.match(texts[0]!, /^developer: <permissions instructions>\n.*`read-only`/s);
  assert.equal(texts[1], `user: <environment_context>\n  <cwd>${harness.workdir}</cwd>\n  <shell>bash</shell>\n</environment_context>`);
  assert.equal(texts[2], "user: fix the tests");
  assert.equal(texts.length, 3);
});

test("a second run replays the first answer and keeps the thread id", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("First answer")]), mockTurn([assistantMessage("Second answer")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir });
  const first = await thread.run("first question");
  const firstId = thread.id;
  const second = await thread.run("second question");
  assert.equal(first.finalResponse, "First answer");
  assert.equal(second.finalResponse, "Second answer");
  assert.equal(thread.id, firstId);
  const [firstRequest, secondRequest] = harness.server.requests.slice(-2).map((request) => inputTexts(request.body));
  assert.deepEqual(secondRequest!.slice(0, firstRequest!.length), firstRequest);
  assert.deepEqual(secondRequest!.slice(firstRequest!.length), ["assistant: First answer", "user: second question"]);
});

test("reasoning summaries become reasoning items and are echoed back with their encrypted content", async () => {
  harness.server.enqueue(
    mockTurn([reasoning(["Looking at the code", "Found it"], { encryptedContent: "opaque-blob" }), assistantMessage("Done")]),
    mockTurn([assistantMessage("Again")]),
  );
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir });
  const turn = await thread.run("think");
  assert.deepEqual(turn.items, [
    { id: "item_0", type: "reasoning", text: "Looking at the code\n\nFound it" },
    { id: "item_1", type: "agent_message", text: "Done" },
  ]);
  await thread.run("again");
  const replayed = (harness.server.requests.at(-1)!.body.input as any[]).find((item) => item.type === "reasoning");
  assert.equal(replayed.encrypted_content, "opaque-blob");
  assert.equal(replayed.id, undefined);
});

test("streamDeltas streams agent text as item.started and item.updated before item.completed", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("abcdefgh")], { textChunkSize: 3 }));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, streamDeltas: true });
  const { events } = await thread.runStreamed("stream please");
  const itemEvents = (await collect(events)).filter((event) => event.type.startsWith("item."));
  assert.deepEqual(itemEvents, [
    { type: "item.started", item: { id: "item_0", type: "agent_message", text: "" } },
    { type: "item.updated", item: { id: "item_0", type: "agent_message", text: "abc" } },
    { type: "item.updated", item: { id: "item_0", type: "agent_message", text: "abcdef" } },
    { type: "item.updated", item: { id: "item_0", type: "agent_message", text: "abcdefgh" } },
    { type: "item.completed", item: { id: "item_0", type: "agent_message", text: "abcdefgh" } },
  ]);
});

test("outputSchema is sent as a strict json_schema format", async () => {
  const schema = { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"], additionalProperties: false };
  harness.server.enqueue(mockTurn([assistantMessage('{"ok":true}')]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir });
  const turn = await thread.run("status?", { outputSchema: schema });
  assert.equal(turn.finalResponse, '{"ok":true}');
  assert.deepEqual(harness.server.requests.at(-1)!.body.text, {
    verbosity: "low",
    format: { type: "json_schema", strict: true, schema, name: "codex_output_schema" },
  });
});

test("an invalid outputSchema is rejected before any request", async () => {
  const before = harness.server.requests.length;
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir });
  await assert.rejects(thread.run("x", { outputSchema: [1, 2] }), { name: "InvalidArgumentError", message: /plain JSON object/ });
  await assert.rejects(thread.run("x", { outputSchema: { properties: {} } }), { name: "InvalidArgumentError", message: /"type"/ });
  assert.equal(harness.server.requests.length, before);
});

test("an unknown model (a compatible server's) gets no reasoning field and a JSON apply_patch", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("hi")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, model: "llama-3.3-70b" });
  await thread.run("hello");
  const body = harness.server.requests.at(-1)!.body;
  assert.equal("reasoning" in body, false);
  assert.deepEqual(body.include, []);
  assert.equal(body.tools.find((tool: any) => tool.name === "apply_patch").type, "function");
});
