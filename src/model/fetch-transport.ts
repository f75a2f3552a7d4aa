/**
 * Adapts a caller-supplied `fetch` (proxies, tests) to the client's transport. Only used when the
 * caller passes one: the default transport is node:http, which does not load undici.
 */
import { drainInBackground, type ModelTransport, type TransportResponse } from "./transport.js";

/** A transport that sends every request through `fetchImplementation`, exactly as given. */
export function fetchTransport(fetchImplementation: typeof fetch): ModelTransport {
  return async (request) => {
    const response = await fetchImplementation(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    return adaptFetchResponse(response);
  };
}

function adaptFetchResponse(response: Response): TransportResponse {
  // A body-less response reads as an empty body: the client then reports an incomplete stream.
  const reader = response.body?.getReader();
  const read = async (): Promise<Uint8Array | undefined> => {
    if (reader === undefined) return undefined;
    const { done, value } = await reader.read();
    return done ? undefined : value;
  };
  return {
    status: response.status,
    headers: response.headers,
    read,
    async text() {
      if (reader === undefined) return "";
      const decoder = new TextDecoder();
      let text = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text + decoder.decode();
        text += decoder.decode(value, { stream: true });
      }
    },
    cancel() {
      reader?.cancel().catch(() => undefined);
    },
    discard(timeoutMs) {
      return drainInBackground(read, () => void reader?.cancel().catch(() => undefined), timeoutMs);
    },
  };
}
