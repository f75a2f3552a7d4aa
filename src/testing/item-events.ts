/**
 * The events the real Responses API streams for one output item, between (and including)
 * `response.output_item.added` and `response.output_item.done`. `sequence_number` is added later.
 */
import type { OutputItem } from "./output-items.js";

/** An event payload before it gets its `sequence_number`. */
export type EventPayload = { type: string } & Record<string, unknown>;

/** Events for `item` at `outputIndex`, with text-like fields split into `chunkSize`-character deltas. */
export function itemEvents(item: OutputItem, outputIndex: number, chunkSize: number): EventPayload[] {
  const at = { item_id: item.id, output_index: outputIndex };
  const events: EventPayload[] = [
    { type: "response.output_item.added", output_index: outputIndex, item: inProgressItem(item) },
  ];
  switch (item.type) {
    case "message":
      item.content.forEach((part, contentIndex) => {
        const emptyPart = { type: "output_text", text: "", annotations: [] };
        events.push({ type: "response.content_part.added", ...at, content_index: contentIndex, part: emptyPart });
        for (const delta of chunks(part.text, chunkSize)) {
          events.push({ type: "response.output_text.delta", ...at, content_index: contentIndex, delta, logprobs: [] });
        }
        events.push({ type: "response.output_text.done", ...at, content_index: contentIndex, text: part.text, logprobs: [] });
        events.push({ type: "response.content_part.done", ...at, content_index: contentIndex, part });
      });
      break;
    case "reasoning":
      item.summary.forEach((part, summaryIndex) => {
        const emptyPart = { type: "summary_text", text: "" };
        events.push({ type: "response.reasoning_summary_part.added", ...at, summary_index: summaryIndex, part: emptyPart });
        for (const delta of chunks(part.text, chunkSize)) {
          events.push({ type: "response.reasoning_summary_text.delta", ...at, summary_index: summaryIndex, delta });
        }
        events.push({ type: "response.reasoning_summary_text.done", ...at, summary_index: summaryIndex, text: part.text });
        events.push({ type: "response.reasoning_summary_part.done", ...at, summary_index: summaryIndex, part });
      });
      (item.content ?? []).forEach((part, contentIndex) => {
        for (const delta of chunks(part.text, chunkSize)) {
          events.push({ type: "response.reasoning_text.delta", ...at, content_index: contentIndex, delta });
        }
        events.push({ type: "response.reasoning_text.done", ...at, content_index: contentIndex, text: part.text });
      });
      break;
    case "function_call":
      for (const delta of chunks(item.arguments, chunkSize)) {
        events.push({ type: "response.function_call_arguments.delta", ...at, delta });
      }
      events.push({ type: "response.function_call_arguments.done", ...at, name: item.name, arguments: item.arguments });
      break;
    case "custom_tool_call":
      for (const delta of chunks(item.input, chunkSize)) {
        events.push({ type: "response.custom_tool_call_input.delta", ...at, delta });
      }
      events.push({ type: "response.custom_tool_call_input.done", ...at, input: item.input });
      break;
    case "web_search_call":
      events.push({ type: "response.web_search_call.in_progress", ...at });
      events.push({ type: "response.web_search_call.searching", ...at });
      events.push({ type: "response.web_search_call.completed", ...at });
      break;
    case "local_shell_call":
      // The API streams no deltas for local_shell: the call arrives whole.
      break;
  }
  events.push({ type: "response.output_item.done", output_index: outputIndex, item });
  return events;
}

/** The item as `output_item.added` shows it: in progress, with its streamed fields still empty. */
function inProgressItem(item: OutputItem): Record<string, unknown> {
  switch (item.type) {
    case "message":
      return { ...item, status: "in_progress", content: [] };
    case "reasoning": {
      const { content: _content, encrypted_content: _encrypted, ...rest } = item;
      return { ...rest, summary: [] };
    }
    case "function_call":
      return { ...item, status: "in_progress", arguments: "" };
    case "custom_tool_call":
      return { ...item, status: "in_progress", input: "" };
    case "local_shell_call":
      return { ...item, status: "in_progress" };
    case "web_search_call": {
      const { action: _action, ...rest } = item;
      return { ...rest, status: "in_progress" };
    }
  }
}

/** Splits by code points so a delta never ends in half a surrogate pair; "" yields no deltas. */
function chunks(text: string, chunkSize: number): string[] {
  const codePoints = Array.from(text);
  const result: string[] = [];
  for (let start = 0; start < codePoints.length; start += chunkSize) {
    result.push(codePoints.slice(start, start + chunkSize).join(""));
  }
  return result;
}
