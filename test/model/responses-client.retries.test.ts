import assert from "node:assert/strict";
import { afterEach, beforeEach, test } from "node:test";
import {
  AuthenticationError,
  ContextWindowExceededError,
  InvalidRequestError,
  RateLimitError,
  ResponseFailedError,
  ServerError,
  StreamInterruptedError,
  TimeoutError,
} from "../../src/errors.js";
import { type ResponsesClientOptions, ResponsesClient, type RetryNotice } from "../../src/model/responses-client.js";
import {
  assistantMessage,
  dropConnection,
  failedTurn,
  httpError,
  mockTurn,
  rawTurn,
  stall,
  startMockResponsesServer,
  type MockResponsesServer,
} from "../../src/testing/index.js";
import { collect, requestBody, types } from "./helpers.js";

let server: MockResponsesServer;
let retries: RetryNotice[];
// A fresh server per test keeps request ids (req_mock_<n>) predictable.
beforeEach(async () => {
  server = await startMockResponsesServer();
  retries = [];
});
afterEach(async () => {
  assert.equal(server.pendingTurns, 0, "every scripted turn was consumed");
  await server.close();
});

function client(options: ResponsesClientOptions = {}): ResponsesClient {
  return new ResponsesClient({
    baseUrl: server.url,
    apiKey: "sk-test-retries",
    env: {},
    retryBaseDelayMs: 1,
    onRetry: (notice) => retries.push(notice),
    ...options,
  });
}

function finalText(events: Awaited<ReturnType<typeof collect>>): string | undefined {
  const done = events.filter((event) => event.type === "response.output_item.done").at(-1);
  if (done?.type !== "response.output_item.done" || done.item.type !== "message") return undefined;
  const part = done.item.content[0];
  return part?.type === "output_text" ? part.text : undefined;
}

test("429 with retry-after-ms is retried after exactly the requested delay, then succeeds", async () => {
  server.enqueue(httpError(429, { retryAfterMs: 7 }), mockTurn([assistantMessage("after rate limit")]));
  const events = await collect(client().stream(requestBody));
  assert.equal(server.requests.length, 2);
  assert.equal(finalText(events), "after rate limit");
  assert.deepEqual(retries.map((notice) => notice.delayMs), [7]);
  // Nothing had been yielded before the 429, so the retry is silent.
  assert.ok(!types(events).includes("codex.stream_retry"));
});

test("retry-after in seconds is honoured but capped by retryMaxDelayMs", async () => {
  server.enqueue(httpError(429, { retryAfterSeconds: 30 }), mockTurn([assistantMessage("ok")]));
  await collect(client({ retryMaxDelayMs: 3 }).stream(requestBody));
  assert.equal(server.requests.length, 2);
  assert.deepEqual(retries.map((notice) => notice.delayMs), [3]);
});

test("repeated 500s end in ServerError after maxRetries + 1 attempts", async () => {
  const maxRetries = 3;
  for (let index = 0; index <= maxRetries; index += 1) server.enqueue(httpError(500));
  const error = await collect(client({ maxRetries }).stream(requestBody)).then(
    () => assert.fail("expected ServerError"),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof ServerError);
  assert.equal(server.requests.length, maxRetries + 1);
  assert.equal(error.status, 500);
  assert.equal(error.requestId, "req_mock_4", "request id of the last attempt");
  assert.match(error.message, /after 4 attempts/);
  assert.match(error.message, /The server had an error/);
  assert.deepEqual(
    retries.map((notice) => notice.attempt),
    [1, 2, 3],
  );
});

test("the error carries the last attempt's x-request-id", async () => {
  server.enqueue(httpError(503, { requestId: "req_first" }), httpError(502, { requestId: "req_last" }));
  await assert.rejects(collect(client({ maxRetries: 1 }).stream(requestBody)), (error: unknown) => {
    assert.ok(error instanceof ServerError);
    assert.equal(error.status, 502);
    assert.equal(error.requestId, "req_last");
    return true;
  });
});

test("429 insufficient_quota fails at once with RateLimitError", async () => {
  server.enqueue(httpError(429, { code: "insufficient_quota", message: "You exceeded your current quota." }));
  await assert.rejects(collect(client().stream(requestBody)), (error: unknown) => {
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.code, "insufficient_quota");
    assert.equal(error.status, 429);
    assert.match(error.message, /exceeded your current quota/);
    return true;
  });
  assert.equal(server.requests.length, 1);
});

test("429 after the budget is a RateLimitError", async () => {
  server.enqueue(httpError(429, { retryAfterMs: 0 }), httpError(429, { retryAfterMs: 0 }));
  await assert.rejects(collect(client({ maxRetries: 1 }).stream(requestBody)), RateLimitError);
  assert.equal(server.requests.length, 2);
});

test("400/404/422 become InvalidRequestError with the server's message, 401/403 AuthenticationError, no retry", async () => {
  const cases = [
    { status: 400, expected: InvalidRequestError, message: "Unsupported parameter: 'foo'." },
    { status: 404, expected: InvalidRequestError, message: "The model does not exist." },
    { status: 422, expected: InvalidRequestError, message: "Unprocessable." },
    { status: 401, expected: AuthenticationError, message: "Incorrect API key provided." },
    { status: 403, expected: AuthenticationError, message: "Forbidden." },
  ];
  for (const { status, expected, message } of cases) {
    const requestsBefore = server.requests.length;
    server.enqueue(httpError(status, { message }));
    await assert.rejects(collect(client().stream(requestBody)), (error: unknown) => {
      assert.ok(error instanceof expected, `HTTP ${status} → ${expected.name}`);
      assert.equal(error.status, status);
      assert.ok(error.message.includes(message));
      assert.match(error.message, /after 1 attempt\b/);
      return true;
    });
    assert.equal(server.requests.length - requestsBefore, 1, `HTTP ${status} is not retried`);
  }
  assert.deepEqual(retries, []);
});

test("400 context_length_exceeded is a ContextWindowExceededError", async () => {
  server.enqueue(httpError(400, { code: "context_length_exceeded", message: "Input too long." }));
  await assert.rejects(collect(client().stream(requestBody)), ContextWindowExceededError);
});

test("a stream dropped mid-way is re-sent, with codex.stream_retry before the new attempt", async () => {
  server.enqueue(
    dropConnection(mockTurn([assistantMessage("partial answer")], { textChunkSize: 4 }), { afterEvents: 5 }),
    mockTurn([assistantMessage("full answer")], { textChunkSize: 100 }),
  );
  const events = await collect(client().stream(requestBody));
  assert.equal(server.requests.length, 2);
  assert.deepEqual(types(events), [
    "response.created",
    "response.output_item.added",
    "response.output_text.delta",
    "codex.stream_retry",
    "response.created",
    "response.output_item.added",
    "response.output_text.delta",
    "response.output_item.done",
    "response.completed",
  ]);
  const retry = events[3];
  assert.ok(retry?.type === "codex.stream_retry");
  assert.equal(retry.attempt, 1);
  assert.equal(retry.maxRetries, 5);
  assert.match(retry.reason, /connection failed/);
  assert.equal(finalText(events), "full answer");
});

test("a drop before any event retries silently", async () => {
  server.enqueue(dropConnection(mockTurn([assistantMessage("x")]), { afterEvents: 0 }), mockTurn([assistantMessage("y")]));
  const events = await collect(client().stream(requestBody));
  assert.equal(types(events)[0], "response.created");
  assert.ok(!types(events).includes("codex.stream_retry"));
  assert.equal(retries.length, 1);
});

test("a stream that ends cleanly without response.completed is retried, then StreamInterruptedError", async () => {
  const incomplete = () => rawTurn([{ type: "response.created", response: { id: "resp_cut" } }]);
  server.enqueue(incomplete(), incomplete());
  const events: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const event of client({ maxRetries: 1 }).stream(requestBody)) events.push(event.type);
    })(),
    (error: unknown) => {
      assert.ok(error instanceof StreamInterruptedError);
      assert.equal(error.requestId, "req_mock_2");
      assert.match(error.message, /closed before response.completed.*after 2 attempts/);
      return true;
    },
  );
  assert.deepEqual(events, ["response.created", "codex.stream_retry", "response.created"]);
});

test("a stall past streamIdleTimeoutMs is retried and the next attempt succeeds", async () => {
  server.enqueue(stall(mockTurn([assistantMessage("slow")]), { afterEvents: 2 }), mockTurn([assistantMessage("fast")]));
  // Generous enough that the healthy second attempt never trips it on a busy machine.
  const events = await collect(client({ streamIdleTimeoutMs: 400 }).stream(requestBody));
  assert.equal(server.requests.length, 2);
  assert.deepEqual(types(events).slice(0, 3), ["response.created", "codex.stream_retry", "response.created"]);
  assert.match(retries[0]?.reason ?? "", /idle timeout/);
  assert.equal(finalText(events), "fast");
});

test("a stall with no retry budget ends in TimeoutError", async () => {
  server.enqueue(stall(mockTurn([assistantMessage("slow")]), { afterEvents: 2 }));
  await assert.rejects(collect(client({ streamIdleTimeoutMs: 200, maxRetries: 0 }).stream(requestBody)), (error: unknown) => {
    assert.ok(error instanceof TimeoutError);
    assert.equal(error.requestId, "req_mock_1");
    assert.equal(error.status, 200);
    assert.match(error.message, /200 ms.*after 1 attempt/);
    return true;
  });
});

test("a short stall below the idle timeout is not an error", async () => {
  server.enqueue(stall(mockTurn([assistantMessage("patient")]), { afterEvents: 3, ms: 20 }));
  const events = await collect(client({ streamIdleTimeoutMs: 5000 }).stream(requestBody));
  assert.equal(finalText(events), "patient");
  assert.equal(server.requests.length, 1);
});

test("retryable response.failed is retried (after the delay the message names) and then succeeds", async () => {
  server.enqueue(
    failedTurn("rate_limit_exceeded", "Rate limit reached for gpt-test. Please try again in 12ms."),
    failedTurn("server_error", "Something went wrong."),
    failedTurn("some_future_code", "Unknown trouble."),
    mockTurn([assistantMessage("recovered")]),
  );
  const events = await collect(client().stream(requestBody));
  assert.equal(server.requests.length, 4);
  assert.equal(finalText(events), "recovered");
  assert.equal(retries[0]?.delayMs, 12);
  assert.match(retries[1]?.reason ?? "", /server_error.*Something went wrong/);
  // response.failed is never yielded; the consumer sees stream_retry for each attempt that had yielded response.created.
  assert.ok(!types(events).includes("response.failed"));
  assert.equal(types(events).filter((type) => type === "codex.stream_retry").length, 3);
});

test("response.failed after the budget is a ResponseFailedError with its code", async () => {
  server.enqueue(failedTurn("server_error", "boom"), failedTurn("server_error", "boom again"));
  await assert.rejects(collect(client({ maxRetries: 1 }).stream(requestBody)), (error: unknown) => {
    assert.ok(error instanceof ResponseFailedError);
    assert.equal(error.code, "server_error");
    assert.equal(error.requestId, "req_mock_2");
    assert.match(error.message, /boom again.*after 2 attempts/);
    return true;
  });
});

test("non-retryable response.failed codes map to their errors without a retry", async () => {
  const cases = [
    { code: "context_length_exceeded", expected: ContextWindowExceededError },
    { code: "insufficient_quota", expected: RateLimitError },
    { code: "invalid_prompt", expected: InvalidRequestError },
    { code: "usage_not_included", expected: InvalidRequestError },
  ];
  for (const { code, expected } of cases) {
    const requestsBefore = server.requests.length;
    server.enqueue(failedTurn(code, `failure ${code}`));
    await assert.rejects(collect(client().stream(requestBody)), (error: unknown) => {
      assert.ok(error instanceof expected, `${code} → ${expected.name}`);
      assert.equal(error.code, code);
      assert.ok(error.message.includes(`failure ${code}`));
      return true;
    });
    assert.equal(server.requests.length - requestsBefore, 1, `${code} is not retried`);
  }
});

test("connection refused is retried and ends in StreamInterruptedError", async () => {
  const closedServer = await startMockResponsesServer();
  const url = closedServer.url;
  await closedServer.close();
  await assert.rejects(collect(client({ baseUrl: url, maxRetries: 2 }).stream(requestBody)), (error: unknown) => {
    assert.ok(error instanceof StreamInterruptedError);
    assert.equal(error.status, undefined);
    assert.match(error.message, /^stream disconnected before completion: .*after 3 attempts/);
    return true;
  });
  assert.equal(retries.length, 2);
});
