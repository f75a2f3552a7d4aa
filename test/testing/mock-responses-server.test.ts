import assert from "node:assert/strict";
import { afterEach, beforeEach, test } from "node:test";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { InvalidArgumentError } from "../../src/errors.js";
import {
  assistantMessage,
  customToolCall,
  dropConnection,
  failedTurn,
  functionCall,
  httpError,
  localShellCall,
  malformedEvent,
  mockTurn,
  reasoning,
  sha256Hex,
  stall,
  startMockResponsesServer,
  usage,
  webSearchCall,
  type MockResponsesServer,
} from "../../src/testing/index.js";

let server: MockResponsesServer;
beforeEach(async () => {
  server = await startMockResponsesServer();
});
afterEach(async () => {
  await server.close();
});

function post(body: unknown = { model: "m" }, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-mock-test", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Reads an SSE body; `complete` is false when the connection broke before the end. */
async function readFrames(response: Response): Promise<{ frames: EventSourceMessage[]; complete: boolean }> {
  const frames: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => frames.push(message) });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
    return { frames, complete: true };
  } catch {
    return { frames, complete: false };
  }
}

function payloads(frames: EventSourceMessage[]): Array<Record<string, any>> {
  return frames.map((frame) => JSON.parse(frame.data) as Record<string, any>);
}

test("mockTurn streams the real API's event sequence with sequence numbers, indexes and item ids", async () => {
  const message = assistantMessage("Hi there", { id: "msg_1" });
  const call = functionCall("shell", { command: ["ls"] }, { id: "fc_1", callId: "call_1" });
  server.enqueue(mockTurn([message, call], { responseId: "resp_1", textChunkSize: 4, usage: usage({ inputTokens: 3, outputTokens: 4 }) }));
  const response = await post();
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/event-stream");
  assert.equal(response.headers.get("x-request-id"), "req_mock_1");
  const { frames, complete } = await readFrames(response);
  assert.ok(complete);
  const events = payloads(frames);
  assert.deepEqual(
    frames.map((frame) => frame.event),
    events.map((event) => event.type),
    "SSE event names match the payload types",
  );
  assert.deepEqual(
    events.map((event) => event.type),
    [
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.output_item.added",
      // '{"command":["ls"]}' is 18 characters: four 4-character deltas and one of 2.
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ],
  );
  assert.deepEqual(
    events.map((event) => event.sequence_number),
    events.map((_event, index) => index),
  );
  assert.deepEqual(events[2]?.item, { type: "message", id: "msg_1", status: "in_progress", role: "assistant", content: [] });
  assert.deepEqual(
    events.filter((event) => event.type === "response.output_text.delta").map((event) => [event.item_id, event.output_index, event.delta]),
    [
      ["msg_1", 0, "Hi t"],
      ["msg_1", 0, "here"],
    ],
  );
  const argumentDeltas = events.filter((event) => event.type === "response.function_call_arguments.delta");
  assert.equal(argumentDeltas.map((event) => event.delta).join(""), '{"command":["ls"]}');
  assert.ok(argumentDeltas.every((event) => event.item_id === "fc_1" && event.output_index === 1));
  assert.deepEqual(events[16]?.item, call);
  const completed = events.at(-1);
  assert.equal(completed?.response.id, "resp_1");
  assert.equal(completed?.response.object, "response");
  assert.equal(completed?.response.status, "completed");
  assert.deepEqual(completed?.response.output, [message, call]);
  assert.deepEqual(completed?.response.usage, {
    input_tokens: 3,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 4,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 7,
  });
});

test("reasoning, custom tool, local shell and web search items stream their own deltas", async () => {
  server.enqueue(
    mockTurn(
      [
        reasoning(["First", "Second"], { id: "rs_1", content: "raw", encryptedContent: "enc" }),
        customToolCall("apply_patch", "patch!", { id: "ctc_1" }),
        localShellCall(["ls"], { id: "lsh_1" }),
        webSearchCall("news", { id: "ws_1" }),
      ],
      { textChunkSize: 100 },
    ),
  );
  const events = payloads((await readFrames(await post())).frames);
  const typesOf = (itemId: string) => events.filter((event) => event.item_id === itemId || event.item?.id === itemId).map((event) => event.type);
  assert.deepEqual(typesOf("rs_1"), [
    "response.output_item.added",
    "response.reasoning_summary_part.added",
    "response.reasoning_summary_text.delta",
    "response.reasoning_summary_text.done",
    "response.reasoning_summary_part.done",
    "response.reasoning_summary_part.added",
    "response.reasoning_summary_text.delta",
    "response.reasoning_summary_text.done",
    "response.reasoning_summary_part.done",
    "response.reasoning_text.delta",
    "response.reasoning_text.done",
    "response.output_item.done",
  ]);
  assert.deepEqual(typesOf("ctc_1"), [
    "response.output_item.added",
    "response.custom_tool_call_input.delta",
    "response.custom_tool_call_input.done",
    "response.output_item.done",
  ]);
  assert.deepEqual(typesOf("lsh_1"), ["response.output_item.added", "response.output_item.done"]);
  assert.deepEqual(typesOf("ws_1"), [
    "response.output_item.added",
    "response.web_search_call.in_progress",
    "response.web_search_call.searching",
    "response.web_search_call.completed",
    "response.output_item.done",
  ]);
  const reasoningDone = events.find((event) => event.type === "response.output_item.done" && event.item.id === "rs_1");
  assert.deepEqual(reasoningDone?.item, {
    type: "reasoning",
    id: "rs_1",
    summary: [
      { type: "summary_text", text: "First" },
      { type: "summary_text", text: "Second" },
    ],
    content: [{ type: "reasoning_text", text: "raw" }],
    encrypted_content: "enc",
  });
});

test("functionCall keeps string arguments raw so tests can send malformed JSON", () => {
  assert.equal(functionCall("f", "{not json").arguments, "{not json");
  assert.equal(functionCall("f", { a: 1 }).arguments, '{"a":1}');
  assert.notEqual(functionCall("f", {}).call_id, functionCall("f", {}).call_id, "default call ids are unique");
});

test("failedTurn sends response.created then response.failed with the error", async () => {
  server.enqueue(failedTurn("server_error", "boom"));
  const events = payloads((await readFrames(await post())).frames);
  assert.deepEqual(
    events.map((event) => event.type),
    ["response.created", "response.failed"],
  );
  assert.deepEqual(events[1]?.response.error, { code: "server_error", message: "boom" });
  assert.equal(events[1]?.response.status, "failed");
});

test("an empty queue answers 500 with the documented body, and the request is still recorded", async () => {
  const response = await post({ model: "m" });
  assert.equal(response.status, 500);
  assert.equal(response.headers.get("x-request-id"), "req_mock_1");
  assert.deepEqual(await response.json(), {
    error: { message: "mock responses server: no scripted turn left for POST /v1/responses", type: "server_error" },
  });
  assert.equal(server.requests.length, 1);
});

test("unknown paths answer 404 and are recorded with their query string", async () => {
  const response = await fetch(`${server.url}/models?client_version=1`);
  assert.equal(response.status, 404);
  assert.equal(response.headers.get("x-request-id"), "req_mock_1");
  assert.equal(server.requests[0]?.method, "GET");
  assert.equal(server.requests[0]?.path, "/v1/models?client_version=1");
  assert.equal(server.requests[0]?.body, null);
});

test("requests are recorded with lower-cased headers, a redacted authorization and the token's sha256", async () => {
  server.enqueue(mockTurn([assistantMessage("a")]), mockTurn([assistantMessage("b")]));
  await (await post({ model: "m", input: [] }, { "X-Custom": "yes", session_id: "s-1" })).text();
  await (await post("not json at all")).text();
  const [first, second] = server.requests;
  assert.equal(first?.method, "POST");
  assert.equal(first?.path, "/v1/responses");
  assert.equal(first?.headers.authorization, "[redacted]");
  assert.equal(first?.headers["x-custom"], "yes");
  assert.equal(first?.headers.session_id, "s-1");
  assert.equal(first?.bearerTokenSha256, sha256Hex("sk-mock-test"));
  assert.deepEqual(first?.body, { model: "m", input: [] });
  assert.equal(second?.body, null);
  assert.ok(!JSON.stringify(server.requests).includes("sk-mock-test"));
  assert.equal(server.pendingTurns, 0);
});

test("a request without authorization has a null token hash", async () => {
  server.enqueue(mockTurn([assistantMessage("a")]));
  await (await fetch(`${server.url}/responses`, { method: "POST", body: "{}" })).text();
  assert.equal(server.requests[0]?.bearerTokenSha256, null);
  assert.equal(server.requests[0]?.headers.authorization, undefined);
});

test("httpError sets status, retry headers, request id and OpenAI's error envelope", async () => {
  server.enqueue(
    httpError(429, { retryAfterSeconds: 2, retryAfterMs: 1500, requestId: "req_custom" }),
    httpError(400, { body: "plain text body" }),
    httpError(503, { body: { detail: "custom json" } }),
  );
  const limited = await post();
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "2");
  assert.equal(limited.headers.get("retry-after-ms"), "1500");
  assert.equal(limited.headers.get("x-request-id"), "req_custom");
  const body = (await limited.json()) as { error: Record<string, unknown> };
  assert.equal(body.error.code, "rate_limit_exceeded");
  assert.equal(typeof body.error.message, "string");
  assert.equal(typeof body.error.type, "string");
  const plain = await post();
  assert.equal(await plain.text(), "plain text body");
  assert.equal(plain.headers.get("x-request-id"), "req_mock_2");
  assert.deepEqual(await (await post()).json(), { detail: "custom json" });
});

test("dropConnection sends that many events and then breaks the connection", async () => {
  server.enqueue(dropConnection(mockTurn([assistantMessage("abcdef")], { textChunkSize: 1 }), { afterEvents: 4 }));
  const { frames, complete } = await readFrames(await post());
  assert.equal(complete, false);
  assert.deepEqual(
    frames.map((frame) => frame.event),
    ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"],
  );
});

test("malformedEvent inserts a non-JSON data frame at the index", async () => {
  const turn = mockTurn([assistantMessage("x")]);
  server.enqueue(malformedEvent(turn, { atIndex: 1 }));
  const { frames } = await readFrames(await post());
  assert.equal(frames.length, turn.frames.length + 1);
  assert.throws(() => JSON.parse(frames[1]?.data ?? ""));
  assert.equal(JSON.parse(frames[0]?.data ?? "").type, "response.created");
  assert.equal(JSON.parse(frames[2]?.data ?? "").type, "response.in_progress");
});

test("stall with ms pauses and then finishes the stream", async () => {
  const turn = mockTurn([assistantMessage("late")]);
  server.enqueue(stall(turn, { afterEvents: 2, ms: 10 }));
  const { frames, complete } = await readFrames(await post());
  assert.ok(complete);
  assert.equal(frames.length, turn.frames.length);
});

test("a stall without ms lasts until close(), which also ends the stalled stream", async () => {
  server.enqueue(stall(mockTurn([assistantMessage("never")]), { afterEvents: 1 }));
  const response = await post();
  const reading = readFrames(response);
  await server.waitForRequests(1);
  assert.equal(server.openStreams, 1);
  await server.close();
  const { frames, complete } = await reading;
  assert.equal(complete, false);
  assert.deepEqual(
    frames.map((frame) => frame.event),
    ["response.created"],
  );
});

test("waitForRequests resolves once enough requests arrived and rejects on timeout", async () => {
  server.enqueue(mockTurn([assistantMessage("a")]));
  const waiting = server.waitForRequests(1);
  await (await post()).text();
  assert.equal((await waiting).length, 1);
  await assert.rejects(server.waitForRequests(2, 20), /expected 2 requests within 20 ms, got 1/);
});

test("turns are consumed in FIFO order", async () => {
  server.enqueue(mockTurn([assistantMessage("first")]), httpError(500));
  server.enqueue(mockTurn([assistantMessage("third")]));
  assert.equal(server.pendingTurns, 3);
  const texts: Array<string | number> = [];
  for (let index = 0; index < 3; index += 1) {
    const response = await post();
    if (response.status !== 200) {
      texts.push(response.status);
      await response.text();
      continue;
    }
    const events = payloads((await readFrames(response)).frames);
    texts.push(events.find((event) => event.type === "response.output_text.delta")?.delta);
  }
  assert.deepEqual(texts, ["first", 500, "third"]);
});

test("fault helpers reject invalid arguments", () => {
  const turn = mockTurn([assistantMessage("x")]);
  assert.throws(() => dropConnection(httpError(500), { afterEvents: 1 }), InvalidArgumentError);
  assert.throws(() => dropConnection(turn, { afterEvents: turn.frames.length + 1 }), InvalidArgumentError);
  assert.throws(() => stall(dropConnection(turn, { afterEvents: 1 }), { afterEvents: 1 }), InvalidArgumentError);
  assert.throws(() => malformedEvent(turn, { atIndex: -1 }), InvalidArgumentError);
  assert.throws(() => httpError(200), InvalidArgumentError);
  assert.throws(() => mockTurn([], { textChunkSize: 0 }), InvalidArgumentError);
});
