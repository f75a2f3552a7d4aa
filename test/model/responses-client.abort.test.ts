import assert from "node:assert/strict";
import { createServer } from "node:http";
import { afterEach, beforeEach, test } from "node:test";
import { AbortError } from "../../src/errors.js";
import { ResponsesClient, type ResponsesClientOptions } from "../../src/model/responses-client.js";
import {
  assistantMessage,
  httpError,
  mockTurn,
  stall,
  startMockResponsesServer,
  type MockResponsesServer,
} from "../../src/testing/index.js";
import { collect, eventually, requestBody } from "./helpers.js";

let server: MockResponsesServer;
beforeEach(async () => {
  server = await startMockResponsesServer();
});
afterEach(async () => {
  await server.close();
});

function client(options: ResponsesClientOptions = {}): ResponsesClient {
  return new ResponsesClient({ baseUrl: server.url, apiKey: "sk-test-abort", env: {}, retryBaseDelayMs: 1, ...options });
}

test("an already aborted signal throws AbortError without sending a request", async () => {
  server.enqueue(mockTurn([assistantMessage("never")]));
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(collect(client().stream(requestBody, { signal: controller.signal })), AbortError);
  assert.equal(server.requests.length, 0);
  assert.equal(server.pendingTurns, 1);
});

test("aborting while the stream is stalled throws AbortError at once and closes the connection", async () => {
  // The idle timeout is far away: only the abort can end this wait.
  server.enqueue(stall(mockTurn([assistantMessage("stuck")]), { afterEvents: 3 }));
  const controller = new AbortController();
  const received: string[] = [];
  const consumed = (async () => {
    for await (const event of client().stream(requestBody, { signal: controller.signal })) received.push(event.type);
  })();
  await eventually(() => received.includes("response.output_item.added"), "the events before the stall arrived");
  controller.abort();
  await assert.rejects(consumed, AbortError);
  assert.deepEqual(received, ["response.created", "response.output_item.added"]);
  await eventually(() => server.openStreams === 0, "the client closed its socket");
  assert.equal(server.requests.length, 1, "an abort is not retried");
});

test("aborting inside the consumer's loop throws AbortError on the next read", async () => {
  server.enqueue(mockTurn([assistantMessage("abcdefgh")], { textChunkSize: 1 }));
  const controller = new AbortController();
  const deltas: string[] = [];
  await assert.rejects(async () => {
    for await (const event of client().stream(requestBody, { signal: controller.signal })) {
      if (event.type === "response.output_text.delta") {
        deltas.push(event.delta);
        controller.abort();
      }
    }
  }, AbortError);
  assert.deepEqual(deltas, ["a"]);
});

test("aborting during a backoff wait throws AbortError without another request", async () => {
  server.enqueue(httpError(500), mockTurn([assistantMessage("too late")]));
  const controller = new AbortController();
  // A long backoff: the test finishes only because the abort cuts the wait short.
  const slowRetries = client({ retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000, onRetry: () => controller.abort() });
  await assert.rejects(collect(slowRetries.stream(requestBody, { signal: controller.signal })), AbortError);
  assert.equal(server.requests.length, 1);
  assert.equal(server.pendingTurns, 1);
});

test("aborting while waiting for response headers throws AbortError", async () => {
  // A stall at 0 events still sends headers; block the headers instead with a request the server never answers.
  const hanging = createServer(() => undefined);
  await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", () => resolve()));
  const address = hanging.address();
  assert.ok(address && typeof address === "object");
  const controller = new AbortController();
  const pending = collect(client({ baseUrl: `http://127.0.0.1:${address.port}/v1` }).stream(requestBody, { signal: controller.signal }));
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, AbortError);
  hanging.closeAllConnections();
  await new Promise<void>((resolve) => hanging.close(() => resolve()));
});

test("breaking out of the loop cancels the underlying request (no leaked socket)", async () => {
  server.enqueue(stall(mockTurn([assistantMessage("never finished")]), { afterEvents: 3 }));
  for await (const event of client().stream(requestBody)) {
    if (event.type === "response.output_item.added") break;
  }
  await eventually(() => server.openStreams === 0, "the client closed its socket after break");
  assert.equal(server.requests.length, 1);
});
