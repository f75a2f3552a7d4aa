/**
 * The default node:http transport at its edges: connection reuse, broken connections, compressed
 * answers, request framing, and the caller's own fetch.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, test } from "node:test";
import { brotliCompressSync, constants as zlibConstants, createGzip } from "node:zlib";
import { AbortError, InvalidArgumentError, InvalidRequestError, StreamInterruptedError } from "../../src/errors.js";
import { ResponsesClient, type ResponsesClientOptions } from "../../src/model/responses-client.js";
import {
  assistantMessage,
  dropConnection,
  httpError,
  mockTurn,
  startMockResponsesServer,
  type MockResponsesServer,
} from "../../src/testing/index.js";
import { collect, requestBody, types } from "./helpers.js";
import { startTcpForwarder, type TcpForwarder } from "./tcp-forwarder.js";

let server: MockResponsesServer;
let forwarder: TcpForwarder;
beforeEach(async () => {
  server = await startMockResponsesServer();
  forwarder = await startTcpForwarder(server.url);
});
afterEach(async () => {
  await forwarder.close();
  await server.close();
});

function client(options: ResponsesClientOptions = {}): ResponsesClient {
  return new ResponsesClient({ baseUrl: forwarder.url, apiKey: "sk-test-transport", env: {}, retryBaseDelayMs: 1, ...options });
}

const completed = ["response.created", "response.output_item.added", "response.output_text.delta", "response.output_item.done", "response.completed"];

test("sequential streams reuse one kept-alive connection, also after an error answer was read", async () => {
  server.enqueue(mockTurn([assistantMessage("one")]), httpError(500), mockTurn([assistantMessage("two")]), mockTurn([assistantMessage("three")]));
  const shared = client();
  for (let stream = 0; stream < 3; stream += 1) assert.deepEqual(types(await collect(shared.stream(requestBody))), completed);
  assert.equal(server.requests.length, 4);
  assert.equal(forwarder.connections, 1, "every request went over the first connection");
  // Another client of the same process shares the pool.
  server.enqueue(mockTurn([assistantMessage("four")]));
  await collect(client().stream(requestBody));
  assert.equal(forwarder.connections, 1);
});

test("an abort mid-stream closes its connection; the next stream opens a fresh one", async () => {
  server.enqueue(mockTurn([assistantMessage("abcdef")], { textChunkSize: 1 }), mockTurn([assistantMessage("next")]));
  const shared = client();
  const controller = new AbortController();
  await assert.rejects(async () => {
    for await (const event of shared.stream(requestBody, { signal: controller.signal })) {
      if (event.type === "response.output_text.delta") controller.abort();
    }
  }, AbortError);
  assert.deepEqual(types(await collect(shared.stream(requestBody))), completed);
  assert.equal(forwarder.connections, 2);
});

test("a connection the server drops mid-body is a StreamInterruptedError that says so", async () => {
  server.enqueue(dropConnection(mockTurn([assistantMessage("cut")]), { afterEvents: 2 }));
  await assert.rejects(collect(client({ maxRetries: 0 }).stream(requestBody)), (error: unknown) => {
    assert.ok(error instanceof StreamInterruptedError, String(error));
    assert.match(error.message, /^stream disconnected before completion: the connection closed before the response body ended: aborted \(after 1 attempt/);
    assert.equal(error.status, 200);
    return true;
  });
});

test("a refused connection is a StreamInterruptedError naming ECONNREFUSED, after the request retries", async () => {
  const closed = await startMockResponsesServer();
  await closed.close();
  const refused = new ResponsesClient({ baseUrl: closed.url, apiKey: "k", env: {}, requestMaxRetries: 1, retryBaseDelayMs: 1 });
  await assert.rejects(collect(refused.stream(requestBody)), (error: unknown) => {
    assert.ok(error instanceof StreamInterruptedError, String(error));
    assert.match(error.message, /connect ECONNREFUSED 127\.0\.0\.1:\d+ \(after 2 attempts\)$/);
    assert.equal(error.status, undefined);
    return true;
  });
});

test("the request carries an exact content-length for a non-ASCII body, the query parameters and the headers", async () => {
  server.enqueue(mockTurn([assistantMessage("framed")]));
  const body = { ...requestBody, instructions: "Réponds en français ✓ — 日本語" };
  await collect(client({ queryParams: { "api-version": "2025-04-01" }, headers: { "X-Custom": "  spaced  " } }).stream(body, { headers: { session_id: "s-1" } }));
  const [recorded] = server.requests;
  assert.equal(recorded?.path, "/v1/responses?api-version=2025-04-01");
  assert.equal(recorded?.headers["content-length"], String(Buffer.byteLength(JSON.stringify({ ...body, stream: true }))));
  assert.equal(recorded?.body.instructions, body.instructions);
  assert.equal(recorded?.headers["x-custom"], "spaced");
  assert.equal(recorded?.headers.session_id, "s-1");
  assert.equal(recorded?.headers.accept, "text/event-stream");
  assert.equal(recorded?.headers["accept-encoding"], "gzip, deflate, br");
  assert.equal(recorded?.headers["transfer-encoding"], undefined);
});

test("a header HTTP cannot carry is an InvalidArgumentError before any request", async () => {
  await assert.rejects(collect(client({ headers: { "x-bad": "line\nbreak" } }).stream(requestBody)), InvalidArgumentError);
  await assert.rejects(collect(client({ headers: { "bad name": "x" } }).stream(requestBody)), InvalidArgumentError);
  assert.equal(server.requests.length, 0);
});

test("a caller's fetch is used exactly as given, with the same retries", async () => {
  server.enqueue(httpError(503), mockTurn([assistantMessage("via fetch")]));
  const calls: Array<{ url: string; method: string | undefined }> = [];
  const spy: typeof fetch = (input, init) => {
    calls.push({ url: String(input), method: init?.method });
    return fetch(input, init);
  };
  assert.deepEqual(types(await collect(client({ fetch: spy }).stream(requestBody))), completed);
  assert.deepEqual(calls, [
    { url: `${forwarder.url}/responses`, method: "POST" },
    { url: `${forwarder.url}/responses`, method: "POST" },
  ]);
});

/** A server that answers with compressed bodies (the mock server never compresses). */
async function startCompressingServer(
  respond: (request: { headers: IncomingHttpHeaders }, response: import("node:http").ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const compressing = createServer((request, response) => {
    request.resume();
    request.on("end", () => respond(request, response));
  });
  await new Promise<void>((resolve) => compressing.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(compressing.address() as AddressInfo).port}/v1`,
    close: () => new Promise<void>((resolve) => compressing.close(() => resolve())).then(() => compressing.closeAllConnections()),
  };
}

test("gzip SSE is decoded as it arrives: the first event is read before the server sends the rest", async () => {
  const frames = mockTurn([assistantMessage("zipped")]).frames.map((frame) => `event: ${frame.event}\ndata: ${frame.data}\n\n`);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let acceptEncoding: string | undefined;
  const compressing = await startCompressingServer((request, response) => {
    acceptEncoding = request.headers["accept-encoding"];
    response.writeHead(200, { "content-type": "text/event-stream", "content-encoding": "gzip" });
    const gzip = createGzip();
    gzip.pipe(response);
    gzip.write(frames[0]);
    gzip.flush(zlibConstants.Z_SYNC_FLUSH);
    void released.then(() => gzip.end(frames.slice(1).join("")));
  });
  try {
    const seen: string[] = [];
    for await (const event of client({ baseUrl: compressing.url, streamIdleTimeoutMs: 5000 }).stream(requestBody)) {
      seen.push(event.type);
      release();
    }
    assert.deepEqual(seen, completed);
    assert.equal(acceptEncoding, "gzip, deflate, br");
  } finally {
    await compressing.close();
  }
});

test("a brotli-compressed error body is decoded into the typed error's message", async () => {
  const compressing = await startCompressingServer((_request, response) => {
    const body = JSON.stringify({ error: { message: "Unsupported parameter: 'zzz'.", type: "invalid_request_error", code: null } });
    response.writeHead(400, { "content-type": "application/json", "content-encoding": "br", "x-request-id": "req_br" });
    response.end(brotliCompressSync(body));
  });
  try {
    await assert.rejects(collect(client({ baseUrl: compressing.url }).stream(requestBody)), (error: unknown) => {
      assert.ok(error instanceof InvalidRequestError, String(error));
      assert.match(error.message, /^unexpected status 400 Bad Request: Unsupported parameter: 'zzz'\. \(after 1 attempt, request id req_br\)$/);
      return true;
    });
  } finally {
    await compressing.close();
  }
});

test("a kept-alive connection the server reset while idle is replaced without spending a retry", async () => {
  const frames = mockTurn([assistantMessage("again")]).frames.map((frame) => `event: ${frame.event}\ndata: ${frame.data}\n\n`).join("");
  const requestsPerSocket = new Map<unknown, number>();
  let sockets = 0;
  // Answers the first request of every connection and resets the connection on its second one.
  const resetting = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const seen = (requestsPerSocket.get(request.socket) ?? 0) + 1;
      requestsPerSocket.set(request.socket, seen);
      if (seen > 1) return void request.socket.destroy();
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.end(frames);
    });
  });
  resetting.on("connection", () => (sockets += 1));
  await new Promise<void>((resolve) => resetting.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(resetting.address() as AddressInfo).port}/v1`;
  try {
    const noRetries = client({ baseUrl, maxRetries: 0, requestMaxRetries: 0 });
    assert.deepEqual(types(await collect(noRetries.stream(requestBody))), completed);
    assert.deepEqual(types(await collect(noRetries.stream(requestBody))), completed);
    assert.equal(sockets, 2, "the second stream was sent again on a fresh connection");
  } finally {
    resetting.closeAllConnections();
    await new Promise<void>((resolve) => resetting.close(() => resolve()));
  }
});

test("a connection closed before any answer ('socket hang up') is retried from the request budget", async () => {
  const frames = mockTurn([assistantMessage("second try")]).frames.map((frame) => `event: ${frame.event}\ndata: ${frame.data}\n\n`).join("");
  let requests = 0;
  const hangingUp = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      requests += 1;
      if (requests === 1) return void request.socket.destroy();
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.end(frames);
    });
  });
  await new Promise<void>((resolve) => hangingUp.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(hangingUp.address() as AddressInfo).port}/v1`;
  const reasons: string[] = [];
  try {
    const retrying = client({ baseUrl, maxRetries: 0, requestMaxRetries: 1, onRetry: (notice) => reasons.push(notice.reason) });
    assert.deepEqual(types(await collect(retrying.stream(requestBody))), completed);
    assert.deepEqual(reasons, ["connection failed: socket hang up"]);
    assert.equal(requests, 2);
  } finally {
    hangingUp.closeAllConnections();
    await new Promise<void>((resolve) => hangingUp.close(() => resolve()));
  }
});
