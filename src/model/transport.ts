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
}

/** Sends one request; resolves once the response headers arrived, rejects if none can arrive. */
export type ModelTransport = (request: TransportRequest) => Promise<TransportResponse>;

/** 2xx, as fetch's `Response.ok`. */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}
