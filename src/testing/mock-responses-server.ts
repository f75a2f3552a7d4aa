/**
 * A local stand-in for the OpenAI Responses API: every `POST /v1/responses` consumes the next
 * scripted turn, and every request is recorded (with the bearer token hashed, never stored).
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { MockHttpErrorTurn, MockSseFrame, MockStreamTurn, MockTurn } from "./mock-turn.js";

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  /** Path including the query string. */
  path: string;
  /** Lower-cased names; `authorization` is replaced by "[redacted]". */
  headers: Record<string, string>;
  /** sha256 (hex) of the bearer token, so tests can check which key was sent without storing it. */
  bearerTokenSha256: string | null;
  /** The parsed JSON body, or null when the body is not JSON. */
  body: any;
}

/** A running mock server. */
export interface MockResponsesServer {
  /** Base URL ending in "/v1", e.g. "http://127.0.0.1:41234/v1". */
  readonly url: string;
  /** Queues turns; each `POST /v1/responses` consumes the next one (FIFO). */
  enqueue(...turns: MockTurn[]): void;
  /** Every request in arrival order, including unmatched and faulted ones. */
  readonly requests: RecordedRequest[];
  /** Turns not consumed yet. */
  readonly pendingTurns: number;
  /**
   * SSE responses still open: started, and neither finished nor closed by the client. A stalled stream
   * counts until the client disconnects, so tests can check that a client does not leak it.
   */
  readonly openStreams: number;
  /** Resolves with all requests once at least `count` arrived; rejects after `timeoutMs` (default 5000). */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Stops the server, destroying open sockets (including stalled streams). */
  close(): Promise<void>;
}

/** sha256 hex of a string; compare with `RecordedRequest.bearerTokenSha256`. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Starts a mock Responses API server on 127.0.0.1 (a random port unless `port` is given). */
export async function startMockResponsesServer(options: { port?: number } = {}): Promise<MockResponsesServer> {
  const turns: MockTurn[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  // Resolved by close(): ends every stall, including the "forever" ones.
  let signalClosed!: () => void;
  const closed = new Promise<void>((resolve) => (signalClosed = resolve));
  let requestCount = 0;
  let openStreams = 0;

  const server = createServer((request, response) => {
    requestCount += 1;
    const requestId = `req_mock_${requestCount}`;
    void handle(request, response, requestId).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> {
    const bodyText = await readBody(request);
    requests.push(record(request, bodyText));
    for (const wake of [...waiters]) wake();

    const pathname = new URL(request.url ?? "/", "http://mock").pathname.replace(/\/+$/, "");
    if (request.method !== "POST" || pathname !== "/v1/responses") {
      sendJson(response, 404, requestId, {
        error: { message: `mock responses server: no route for ${request.method} ${request.url}`, type: "not_found" },
      });
      return;
    }
    const turn = turns.shift();
    if (turn === undefined) {
      sendJson(response, 500, requestId, {
        error: { message: "mock responses server: no scripted turn left for POST /v1/responses", type: "server_error" },
      });
      return;
    }
    if (turn.kind === "http_error") sendHttpError(response, requestId, turn);
    else {
      openStreams += 1;
      response.once("close", () => (openStreams -= 1));
      await sendStream(response, requestId, turn, closed);
    }
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...newTurns) => void turns.push(...newTurns),
    get pendingTurns() {
      return turns.length;
    },
    get openStreams() {
      return openStreams;
    },
    waitForRequests(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (requests.length < count) return;
          cleanup();
          resolve([...requests]);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`mock responses server: expected ${count} requests within ${timeoutMs} ms, got ${requests.length}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      signalClosed();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function record(request: IncomingMessage, bodyText: string): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  let bearerTokenSha256: string | null = null;
  if (headers.authorization !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(headers.authorization);
    if (match?.[1]) bearerTokenSha256 = sha256Hex(match[1]);
    headers.authorization = "[redacted]";
  }
  let body: unknown = null;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = null;
  }
  return { method: request.method ?? "GET", path: request.url ?? "/", headers, bearerTokenSha256, body };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(response: ServerResponse, status: number, requestId: string, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json", "x-request-id": requestId });
  response.end(JSON.stringify(body));
}

function sendHttpError(response: ServerResponse, requestId: string, turn: MockHttpErrorTurn): void {
  response.writeHead(turn.status, { "content-type": "application/json", "x-request-id": requestId, ...turn.headers });
  response.end(turn.body);
}

async function sendStream(response: ServerResponse, requestId: string, turn: MockStreamTurn, closed: Promise<void>): Promise<void> {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-request-id": requestId });
  // Headers go out now, so a client sees the response even if the first event is delayed.
  response.flushHeaders();
  const interruption = turn.interruption;
  const cut = interruption?.afterEvents ?? turn.frames.length;
  await writeFrames(response, turn.frames.slice(0, cut));

  if (interruption?.type === "drop") {
    // The frames are flushed first (writeFrames waited), so the client sees them before the reset.
    response.socket?.destroy();
    return;
  }
  if (interruption?.type === "stall") {
    const clientGone = new Promise<void>((resolve) => response.once("close", () => resolve()));
    const waits = [closed, clientGone];
    let timer: NodeJS.Timeout | undefined;
    if (interruption.ms !== undefined) waits.push(new Promise((resolve) => (timer = setTimeout(resolve, interruption.ms))));
    await Promise.race(waits);
    clearTimeout(timer);
    if (response.destroyed || response.writableEnded) return;
    await writeFrames(response, turn.frames.slice(cut));
  }
  response.end();
}

function writeFrames(response: ServerResponse, frames: readonly MockSseFrame[]): Promise<void> {
  if (frames.length === 0 || response.destroyed) return Promise.resolve();
  const text = frames.map((frame) => `event: ${frame.event}\ndata: ${frame.data}\n\n`).join("");
  return new Promise((resolve) => {
    response.write(text, () => resolve());
  });
}
