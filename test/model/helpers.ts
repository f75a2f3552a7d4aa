/**
 * Shared helpers for the ResponsesClient tests (not a test file itself).
 */
import type { ResponseStreamEvent } from "../../src/model/stream-events.js";
import type { ResponsesRequestBody } from "../../src/model/request-body.js";

/** A minimal valid request body. */
export const requestBody: ResponsesRequestBody = {
  model: "gpt-test",
  instructions: "You are a test.",
  input: [{ type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] }],
  tools: [],
  tool_choice: "auto",
  parallel_tool_calls: false,
  store: false,
  stream: true,
  include: [],
  prompt_cache_key: "thread-1",
};

/** Drains a stream into an array. */
export async function collect(stream: AsyncIterable<ResponseStreamEvent>): Promise<ResponseStreamEvent[]> {
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** Polls `condition` until it holds; fails with `description` after `timeoutMs`. */
export async function eventually(condition: () => boolean, description: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Event types only, for order assertions. */
export function types(events: ResponseStreamEvent[]): string[] {
  return events.map((event) => event.type);
}
