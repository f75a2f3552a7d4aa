/**
 * One model request of a turn: stream the response, collect its output items, and (opt-in)
 * stream agent-message and reasoning text as item.started / item.updated events. Items are
 * returned, not recorded, so that a retried stream never leaves half an attempt behind.
 */
import type { ResponsesRequestBody } from "../model/request-body.js";
import type { ResponseItem } from "../model/response-items.js";
import { tokenUsageFromResponses, type TokenUsage } from "../model/responses-usage.js";
import type { AgentMessageItem, ReasoningItem } from "../protocol/items.js";
import type { TurnContext } from "./turn-context.js";

/** An output item, with the thread item id it was streamed under (when `streamDeltas` is on). */
export type SampledItem = { item: ResponseItem; streamedId?: string };

export type SampleResult = {
  items: SampledItem[];
  usage: TokenUsage | undefined;
  responseId: string;
};

/** Thread items streamed before their output item is done, keyed by output index. */
type StreamingItem = { item: AgentMessageItem | ReasoningItem; summaryParts: string[] };

export async function sample(turn: TurnContext, body: ResponsesRequestBody): Promise<SampleResult> {
  const items: SampledItem[] = [];
  // Kept across retries: a re-sent request reuses the ids of items already shown as started.
  const streaming = new Map<number, StreamingItem>();
  const events = turn.client.stream(body, { signal: turn.signal, headers: { ...turn.extraHeaders, session_id: turn.threadId } });
  for await (const event of events) {
    switch (event.type) {
      case "codex.stream_retry":
        items.length = 0;
        for (const entry of streaming.values()) {
          if (entry.item.type === "agent_message") entry.item.text = "";
          else entry.summaryParts = [];
        }
        break;
      case "response.output_item.added":
        if (turn.settings.streamDeltas) startStreamingItem(turn, streaming, event.output_index ?? 0, event.item);
        break;
      case "response.output_text.delta": {
        const entry = streaming.get(event.output_index ?? 0);
        if (entry?.item.type === "agent_message") {
          entry.item.text += event.delta;
          turn.items.updated(entry.item);
        }
        break;
      }
      case "response.reasoning_summary_text.delta": {
        const entry = streaming.get(event.output_index ?? 0);
        if (entry?.item.type === "reasoning") {
          entry.summaryParts[event.summary_index] = (entry.summaryParts[event.summary_index] ?? "") + event.delta;
          entry.item.text = entry.summaryParts.filter((part) => part !== undefined).join("\n\n");
          turn.items.updated(entry.item);
        }
        break;
      }
      case "response.output_item.done": {
        const streamedId = streaming.get(event.output_index ?? -1)?.item.id;
        items.push(streamedId ? { item: event.item, streamedId } : { item: event.item });
        break;
      }
      case "response.completed":
        return {
          items,
          usage: event.response.usage ? tokenUsageFromResponses(event.response.usage) : undefined,
          responseId: event.response.id,
        };
      default:
        break;
    }
  }
  // The client only returns after response.completed; reaching here means it ended early.
  throw new Error("model stream ended without response.completed");
}

function startStreamingItem(turn: TurnContext, streaming: Map<number, StreamingItem>, outputIndex: number, item: ResponseItem): void {
  if (streaming.has(outputIndex)) return;
  if (item.type === "message" && item.role === "assistant") {
    const threadItem: AgentMessageItem = { id: turn.items.nextId(), type: "agent_message", text: "" };
    streaming.set(outputIndex, { item: threadItem, summaryParts: [] });
    turn.items.started(threadItem);
  } else if (item.type === "reasoning" && !turn.settings.hideAgentReasoning) {
    const threadItem: ReasoningItem = { id: turn.items.nextId(), type: "reasoning", text: "" };
    streaming.set(outputIndex, { item: threadItem, summaryParts: [] });
    turn.items.started(threadItem);
  }
}
