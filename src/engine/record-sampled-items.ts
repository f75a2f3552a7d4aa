/**
 * Persists a model response's output items (with the event_msg lines Codex writes for them),
 * then announces the matching thread items: agent messages, reasoning summaries, web searches.
 * Tool calls are persisted here too; their thread items come from the tool handlers.
 */
import type { ResponseItem } from "../model/response-items.js";
import type { ThreadItem } from "../protocol/items.js";
import type { SampledItem } from "./sample.js";
import type { TurnContext } from "./turn-context.js";

type Entry = { item?: ResponseItem; event?: Record<string, unknown> & { type: string } };

/** `trailingEvent` (the response's token_count) goes in the same write. */
export async function recordSampledItems(
  turn: TurnContext,
  sampled: SampledItem[],
  trailingEvent: Record<string, unknown> & { type: string },
): Promise<ThreadItem[]> {
  const entries: Entry[] = [];
  const threadItems: ThreadItem[] = [];
  for (const { item, streamedId } of sampled) {
    // hide_agent_reasoning: the reasoning is recorded (the model needs it back) but not shown.
    const hidden = item.type === "reasoning" && turn.settings.hideAgentReasoning;
    const allocateId = () => (hidden ? "" : (streamedId ?? turn.items.nextId()));
    const threadItem = threadItemFor(item, allocateId, turn.settings.showRawAgentReasoning);
    entries.push({ item, ...(threadItem ? { event: eventMessageFor(threadItem, item) } : {}) });
    if (threadItem && !hidden) threadItems.push(threadItem);
  }
  await turn.recorder.record([...entries, { event: trailingEvent }]);
  for (const threadItem of threadItems) turn.items.completed(threadItem);
  return threadItems;
}

/** The text of an assistant message (refusals included, so the user sees why). */
export function assistantText(item: Extract<ResponseItem, { type: "message" }>): string {
  return item.content
    .map((part) => (part.type === "output_text" ? part.text : part.type === "refusal" ? part.refusal : ""))
    .join("");
}

function threadItemFor(item: ResponseItem, allocateId: () => string, showRawReasoning: boolean): ThreadItem | undefined {
  if (item.type === "message" && item.role === "assistant") {
    return { id: allocateId(), type: "agent_message", text: assistantText(item) };
  }
  if (item.type === "reasoning") {
    const parts = item.summary.map((part) => part.text);
    // show_raw_agent_reasoning: the raw reasoning text follows the summary when the model sent it.
    if (showRawReasoning) parts.push(...(item.content ?? []).map((part) => part.text));
    const text = parts.filter((part) => part.length > 0).join("\n\n");
    return text.length > 0 ? { id: allocateId(), type: "reasoning", text } : undefined;
  }
  if (item.type === "web_search_call") {
    const action = item.action as { type?: string; query?: string | null; queries?: string[] | null; url?: string | null } | undefined;
    const query = action?.query ?? action?.queries?.join(" ") ?? action?.url ?? "";
    return { id: allocateId(), type: "web_search", query };
  }
  return undefined;
}

function eventMessageFor(threadItem: ThreadItem, item: ResponseItem): Record<string, unknown> & { type: string } {
  switch (threadItem.type) {
    case "agent_message":
      return { type: "agent_message", message: threadItem.text };
    case "reasoning":
      return { type: "agent_reasoning", text: threadItem.text };
    default:
      return { type: "web_search_end", call_id: "id" in item ? (item.id ?? "") : "", query: (threadItem as { query: string }).query };
  }
}
