/**
 * Turns a response body into SSE messages with eventsource-parser. Reading goes through the
 * attempt's `watch`, so the idle timeout and aborts apply to every chunk.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";

/** Reads `body` to its end, yielding each complete SSE message. Cancels the body if stopped early. */
export async function* readSseMessages(
  body: ReadableStream<Uint8Array>,
  watch: <T>(operation: Promise<T>) => Promise<T>,
): AsyncGenerator<EventSourceMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => pending.push(message) });
  try {
    for (;;) {
      const { done, value } = await watch(reader.read());
      parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));
      // A frame cut off by the end of the body is incomplete data, not an event: reset() drops it.
      if (done) parser.reset();
      while (pending.length > 0) yield pending.shift() as EventSourceMessage;
      if (done) return;
    }
  } finally {
    // Releases the connection when the consumer stops early; harmless once the body has ended.
    reader.cancel().catch(() => undefined);
  }
}
