import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ResponsesClient } from "../../src/model/responses-client.js";
import { tokenUsageFromResponses } from "../../src/model/responses-usage.js";
import {
  assistantMessage,
  customToolCall,
  functionCall,
  localShellCall,
  malformedEvent,
  mockTurn,
  rawTurn,
  reasoning,
  startMockResponsesServer,
  usage,
  webSearchCall,
  type MockResponsesServer,
} from "../../src/testing/index.js";
import { collect, requestBody, types } from "./helpers.js";

let server: MockResponsesServer;
before(async () => {
  server = await startMockResponsesServer();
});
after(async () => {
  await server.close();
});

function client(options: ConstructorParameters<typeof ResponsesClient>[0] = {}): ResponsesClient {
  return new ResponsesClient({ baseUrl: server.url, apiKey: "sk-test-stream", env: {}, retryBaseDelayMs: 1, ...options });
}

test("a plain turn yields the consumed events in order, ending with response.completed", async () => {
  server.enqueue(
    mockTurn([reasoning(["Look", "Done"], { encryptedContent: "opaque" }), assistantMessage("Hello there!", { phase: "final_answer" })], {
      responseId: "resp_plain",
      textChunkSize: 5,
    }),
  );
  const events = await collect(client().stream(requestBody));
  assert.deepEqual(types(events), [
    "response.created",
    "response.output_item.added",
    "response.reasoning_summary_part.added",
    "response.reasoning_summary_text.delta",
    "response.reasoning_summary_part.added",
    "response.reasoning_summary_text.delta",
    "response.output_item.done",
    "response.output_item.added",
    "response.output_text.delta",
    "response.output_text.delta",
    "response.output_text.delta",
    "response.output_item.done",
    "response.completed",
  ]);
  const deltas = events.flatMap((event) => (event.type === "response.output_text.delta" ? [event.delta] : []));
  assert.deepEqual(deltas, ["Hello", " ther", "e!"]);
  const doneItems = events.flatMap((event) => (event.type === "response.output_item.done" ? [event.item] : []));
  assert.equal(doneItems[0]?.type, "reasoning");
  assert.equal(doneItems[0]?.type === "reasoning" && doneItems[0].encrypted_content, "opaque");
  assert.equal(doneItems[1]?.type === "message" && doneItems[1].phase, "final_answer");
  const completed = events.at(-1);
  assert.equal(completed?.type === "response.completed" && completed.response.id, "resp_plain");
});

test("tool call items arrive whole in output_item.done", async () => {
  server.enqueue(
    mockTurn([
      functionCall("shell", { command: ["ls"] }, { callId: "call_fn" }),
      customToolCall("apply_patch", "*** Begin Patch\n*** End Patch", { callId: "call_custom" }),
      localShellCall(["echo", "hi"], { callId: "call_shell", workdir: "/repo", timeoutMs: 1000 }),
      webSearchCall("weather"),
    ]),
  );
  const events = await collect(client().stream(requestBody));
  const doneItems = events.flatMap((event) => (event.type === "response.output_item.done" ? [event.item] : []));
  assert.deepEqual(
    doneItems.map((item) => item.type),
    ["function_call", "custom_tool_call", "local_shell_call", "web_search_call"],
  );
  const [call, custom, shell, search] = doneItems;
  assert.ok(call?.type === "function_call");
  assert.deepEqual(JSON.parse(call.arguments), { command: ["ls"] });
  assert.equal(call.call_id, "call_fn");
  assert.ok(custom?.type === "custom_tool_call");
  assert.equal(custom.input, "*** Begin Patch\n*** End Patch");
  assert.ok(shell?.type === "local_shell_call");
  assert.deepEqual(shell.action.command, ["echo", "hi"]);
  assert.equal(shell.action.working_directory, "/repo");
  assert.ok(search?.type === "web_search_call");
  assert.deepEqual(search.action, { type: "search", query: "weather" });
});

test("usage from response.completed maps to Codex's flat counters", async () => {
  server.enqueue(
    mockTurn([assistantMessage("ok")], {
      usage: usage({ inputTokens: 1200, cachedInputTokens: 1000, outputTokens: 80, reasoningOutputTokens: 64 }),
    }),
  );
  const events = await collect(client().stream(requestBody));
  const completed = events.at(-1);
  assert.ok(completed?.type === "response.completed" && completed.response.usage);
  assert.deepEqual(tokenUsageFromResponses(completed.response.usage), {
    input_tokens: 1200,
    cached_input_tokens: 1000,
    output_tokens: 80,
    reasoning_output_tokens: 64,
    total_tokens: 1280,
  });
});

test("a malformed SSE frame is skipped and the stream continues", async () => {
  server.enqueue(malformedEvent(mockTurn([assistantMessage("still here")], { textChunkSize: 100 }), { atIndex: 3 }));
  const requestsBefore = server.requests.length;
  const events = await collect(client().stream(requestBody));
  assert.equal(server.requests.length - requestsBefore, 1, "no retry for a malformed frame");
  assert.deepEqual(types(events), [
    "response.created",
    "response.output_item.added",
    "response.output_text.delta",
    "response.output_item.done",
    "response.completed",
  ]);
});

test("unknown and invalid events are skipped, not yielded", async () => {
  server.enqueue(
    rawTurn([
      { type: "response.created", response: { id: "resp_raw" } },
      { type: "response.something_new", payload: 1 },
      { type: "response.output_text.delta", delta: 42 },
      { type: "response.output_item.done", item: { type: "image_generation_call", id: "ig_1" } },
      { type: "codex.stream_retry", attempt: 1, maxRetries: 1, delayMs: 0, reason: "forged by the server" },
      { type: "response.output_text.delta", delta: "kept" },
      { type: "response.completed", response: { id: "resp_raw" } },
    ]),
  );
  const events = await collect(client().stream(requestBody));
  assert.deepEqual(types(events), ["response.created", "response.output_text.delta", "response.completed"]);
});

test("the request carries stream:true, the body, and the documented headers", async () => {
  server.enqueue(mockTurn([assistantMessage("ok")]));
  const configured = client({
    env: { OPENAI_ORGANIZATION: "org-123", OPENAI_PROJECT: "proj-456" },
    headers: { "x-client-header": "client" },
  });
  await collect(configured.stream({ ...requestBody, stream: false }, { headers: { session_id: "thread-1" } }));
  const recorded = server.requests.at(-1);
  assert.ok(recorded);
  assert.equal(recorded.method, "POST");
  assert.equal(recorded.path, "/v1/responses");
  assert.deepEqual(recorded.body, { ...requestBody, stream: true });
  assert.equal(recorded.headers["content-type"], "application/json");
  assert.equal(recorded.headers.accept, "text/event-stream");
  assert.equal(recorded.headers.originator, "codex_native_sdk");
  assert.match(recorded.headers["user-agent"] ?? "", /^codex_native_sdk\/\d+\.\d+\.\d+\S* \(\S+ \S+; \S+\) node\/\d+\.\d+\.\d+$/);
  assert.equal(recorded.headers["openai-organization"], "org-123");
  assert.equal(recorded.headers["openai-project"], "proj-456");
  assert.equal(recorded.headers["x-client-header"], "client");
  assert.equal(recorded.headers.session_id, "thread-1");
  assert.equal(recorded.headers.authorization, "[redacted]");
});

test("per-call headers override client headers", async () => {
  server.enqueue(mockTurn([assistantMessage("ok")]));
  const configured = client({ headers: { "x-tag": "client" } });
  await collect(configured.stream(requestBody, { headers: { "X-Tag": "call" } }));
  assert.equal(server.requests.at(-1)?.headers["x-tag"], "call");
});
