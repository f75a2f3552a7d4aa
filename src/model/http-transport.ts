/**
 * The default transport: node:http / node:https with one keep-alive agent per protocol per process.
 * Node's `fetch` would load undici (a large JS bundle plus a WASM parser, ~10 MiB per process and
 * ~40 ms on first use); node:http is already part of the runtime. The modules and agents are created
 * at the first request, never at import.
 */
import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage } from "node:http";
import { pipeline, type Readable } from "node:stream";
import { drainInBackground, type HeaderLookup, type ModelTransport, type TransportRequest, type TransportResponse } from "./transport.js";

/**
 * Idle pooled connections close after this long (a turn's tool calls and approvals usually fit;
 * Node lowers it further when the server announces `keep-alive: timeout=N`).
 */
const idleSocketTimeoutMs = 30_000;

/** Content codings we ask for and decode, as fetch does transparently. */
const acceptEncoding = "gzip, deflate, br";

interface Protocol {
  request: (url: URL, options: { method: string; headers: Record<string, string>; agent: Agent }) => ClientRequest;
  agent: Agent;
}

// Shared by every client of the process: connections are pooled per origin anyway, so threads and
// Codex instances talking to the same API reuse the same warm (TLS) connections.
const protocols = new Map<string, Promise<Protocol>>();

function loadProtocol(scheme: "http:" | "https:"): Promise<Protocol> {
  let protocol = protocols.get(scheme);
  if (protocol === undefined) {
    const module = scheme === "https:" ? import("node:https") : import("node:http");
    protocol = module.then(({ request, Agent }) => ({
      request,
      // Idle sockets in the pool are unref'd by Node: they never keep the process alive.
      agent: new Agent({ keepAlive: true, scheduling: "lifo", timeout: idleSocketTimeoutMs }),
    }));
    protocols.set(scheme, protocol);
  }
  return protocol;
}

/** The node:http transport (no undici). */
export const httpTransport: ModelTransport = async (request) => {
  const url = new URL(request.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`unsupported protocol ${url.protocol} in ${url.origin}`);
  }
  const protocol = await loadProtocol(url.protocol);
  for (;;) {
    request.signal.throwIfAborted();
    try {
      return await send(protocol, url, request);
    } catch (error) {
      // A pooled connection the server closed while it sat idle fails before any answer: send again
      // (as Node's docs advise). Each such failure removes one stale socket, so this ends with a
      // fresh connection at the latest, and it costs none of the caller's retries.
      if (!(error instanceof StaleConnectionError)) throw error;
      if (request.signal.aborted) throw error.cause;
    }
  }
};

/** A reused keep-alive connection was reset before the response began. */
class StaleConnectionError extends Error {}

function send(protocol: Protocol, url: URL, request: TransportRequest): Promise<TransportResponse> {
  const body = Buffer.from(request.body, "utf8");
  // node:http sends what it is given: the length must be explicit (fetch computed it).
  const headers = { "accept-encoding": acceptEncoding, ...request.headers, "content-length": String(body.length) };
  return new Promise((resolve, reject) => {
    // Throws synchronously for invalid header names or values: the promise rejects with it.
    const outgoing = protocol.request(url, { method: "POST", headers, agent: protocol.agent });
    const { signal } = request;
    // Once the body was read to its end the socket is back in the pool and destroy() is a no-op.
    // Destroyed without an error: the pending read rejects with node's "aborted", and the client
    // reports why from the signal (caller abort or idle timeout).
    const onAbort = (): void => void outgoing.destroy();
    const detachSignal = (): void => signal.removeEventListener("abort", onAbort);
    signal.addEventListener("abort", onAbort, { once: true });
    outgoing.once("close", detachSignal);
    // Errors after the response arrived reach its body too; this listener only settles the wait.
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      const stale = outgoing.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE");
      reject(stale ? new StaleConnectionError("stale keep-alive connection", { cause: error }) : error);
    });
    outgoing.once("response", (incoming: IncomingMessage) => {
      decodedBody(incoming).then((source) => resolve(transportResponse(incoming, source, outgoing, detachSignal)), reject);
    });
    outgoing.end(body);
  });
}

function transportResponse(
  incoming: IncomingMessage,
  source: Readable,
  outgoing: ClientRequest,
  detachSignal: () => void,
): TransportResponse {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  const read = async (): Promise<Uint8Array | undefined> => {
    try {
      const next = await chunks.next();
      return next.done ? undefined : next.value;
    } catch (error) {
      throw new Error("the connection closed before the response body ended", { cause: error });
    }
  };
  return {
    status: incoming.statusCode ?? 0,
    headers: headerLookup(incoming.headers),
    read,
    async text() {
      const decoder = new TextDecoder();
      let text = "";
      for (let chunk = await read(); chunk !== undefined; chunk = await read()) text += decoder.decode(chunk, { stream: true });
      return text + decoder.decode();
    },
    cancel() {
      if (!incoming.complete || !source.readableEnded) outgoing.destroy();
    },
    discard(timeoutMs) {
      detachSignal();
      return drainInBackground(read, () => void outgoing.destroy(), timeoutMs);
    },
  };
}

function headerLookup(headers: IncomingHttpHeaders): HeaderLookup {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** The body with its content codings undone (node:zlib is loaded only for a compressed answer). */
async function decodedBody(incoming: IncomingMessage): Promise<Readable> {
  const codings = (incoming.headers["content-encoding"] ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  if (codings.length === 0) return incoming;
  const known = ["gzip", "x-gzip", "deflate", "br"];
  // Like fetch: a coding we cannot undo leaves the body as it came.
  if (!codings.every((coding) => known.includes(coding))) return incoming;
  const zlib = await import("node:zlib");
  const { Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH } = zlib.constants;
  // Sync flush: every chunk that arrives is decoded at once (SSE), and a cut-off tail is no error here.
  const decoders = codings.reverse().map((coding) =>
    coding === "br"
      ? zlib.createBrotliDecompress({ flush: BROTLI_OPERATION_FLUSH, finishFlush: BROTLI_OPERATION_FLUSH })
      : coding === "deflate"
        ? zlib.createInflate({ flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH })
        : zlib.createGunzip({ flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH }),
  );
  // Errors of the connection reach the last decoder, which is what the client reads.
  return pipeline([incoming, ...decoders], () => undefined) as unknown as Readable;
}
