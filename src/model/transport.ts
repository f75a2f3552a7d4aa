/**
 * The seam between the Responses client and the network: one POST, a status, headers and a body
 * read chunk by chunk. Retries, SSE parsing and timeouts live above it, so the default node:http
 * transport and a caller's `fetch` share all of them.
 */

/** Case-insensitive response header lookup (a fetch `Headers` satisfies it as is). */
export interface HeaderLookup {
  /** The header's value, comma-joined when repeated; null when absent. */
  get(name: string): string | null;
}

/** One request of the client: always a POST with a JSON body. */
export interface TransportRequest {
  url: string;
  /** Lower-case names; the transport adds framing headers (content-length) itself. */
  headers: Record<string, string>;
  body: string;
  /** Aborting it closes the connection unless the body was already read to its end. */
  signal: AbortSignal;
}

/** A response whose headers arrived; its body is read on demand. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: HeaderLookup;
  /** The next chunk of the (decoded) body; undefined at its end. Rejects when the connection breaks. */
  read(): Promise<Uint8Array | undefined>;
  /** The whole remaining body as UTF-8 text (error answers). */
  text(): Promise<string>;
  /** Stops reading: closes the connection unless the body already ended. Safe to call twice. */
  cancel(): void;
  /**
   * Reads the rest of the body in the background and ignores it, so the connection can be reused;
   * closes it if the body does not end within `timeoutMs`. From then on the request's signal no
   * longer interrupts it. Used once the caller has all it needs (`response.completed`). Resolves
   * once the body ended or the connection was closed; never rejects.
   */
  discard(timeoutMs: number): Promise<void>;
}

/** Sends one request; resolves once the response headers arrived, rejects if none can arrive. */
export type ModelTransport = (request: TransportRequest) => Promise<TransportResponse>;

/** The background read behind `discard`: reads until the end, or calls `close` after `timeoutMs`. */
export function drainInBackground(read: () => Promise<Uint8Array | undefined>, close: () => void, timeoutMs: number): Promise<void> {
  const timer = setTimeout(close, timeoutMs);
  // A slow tail must not keep the process alive.
  timer.unref();
  return (async () => {
    try {
      while ((await read()) !== undefined);
    } catch {
      // The connection broke while we read what nobody needs: nothing is lost.
    } finally {
      clearTimeout(timer);
    }
  })();
}

/** 2xx, as fetch's `Response.ok`. */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}
