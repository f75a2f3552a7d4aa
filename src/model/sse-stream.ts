/**
 * Turns a response body into SSE messages with eventsource-parser. Reading goes through the
 * attempt's `watch`, so the idle timeout and aborts apply to every chunk.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import type { TransportResponse } from "./transport.js";

/** Reads `body` to its end, yielding each complete SSE message. The caller cancels or discards the rest. */
export async function* readSseMessages(
  body: Pick<TransportResponse, "read">,
  watch: <T>(operation: Promise<T>) => Promise<T>,
): AsyncGenerator<EventSourceMessage> {
  const decoder = new TextDecoder();
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => pending.push(message) });
  for (;;) {
    const chunk = await watch(body.read());
    const done = chunk === undefined;
    parser.feed(done ? decoder.decode() : decoder.decode(chunk, { stream: true }));
    // A frame cut off by the end of the body is incomplete data, not an event: reset() drops it.
    if (done) parser.reset();
    while (pending.length > 0) yield pending.shift() as EventSourceMessage;
    if (done) return;
  }
}
