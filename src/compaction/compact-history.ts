/**
 * Local compaction (codex-engine-spec §6.8): ask the model, without tools, to summarise the
 * conversation; then replace the history with a fresh initial context, the most recent user
 * messages and the summary, and record it as Codex does (a `compacted` line holding the whole
 * replacement history, so that resume restores it).
 */
import { ContextWindowExceededError } from "../errors.js";
import type { ResponseItem } from "../model/response-items.js";
import type { TokenUsage } from "../model/responses-usage.js";
import { buildRequest } from "../engine/build-request.js";
import { textMessage } from "../engine/history.js";
import { assistantText } from "../engine/record-sampled-items.js";
import { sample } from "../engine/sample.js";
import type { TurnContext } from "../engine/turn-context.js";
import { COMPACTION_SUMMARY_PREFIX, isContextualUserText, recentUserMessages } from "../sessions/history-rebuild.js";
import { defaultCompactPrompt } from "./compaction-prompt.js";
import { estimateTokens, type ContextUsage } from "./compaction-threshold.js";

export type CompactionResult = {
  /** The context estimate after the history was replaced. */
  context: ContextUsage;
};

export type CompactionHooks = {
  /** The context items a new thread would start with (permissions, instructions, environment), which head the new history. */
  initialContext: () => Promise<ResponseItem[]>;
  /** Counts a summarisation response's usage (and records its token_count line, before the `compacted` line). */
  onUsage: (usage: TokenUsage | undefined) => Promise<void>;
};

/** True for conversation (prompts, answers, tool calls), false for the context Codex injects. */
export function isConversationItem(item: ResponseItem): boolean {
  if (item.type !== "message") return true;
  if (item.role === "developer" || item.role === "system") return false;
  const text = item.content.map((part) => ("text" in part ? part.text : "")).join("");
  return !(item.role === "user" && isContextualUserText(text));
}

/** Removes the oldest item that is conversation rather than context; false when none is left. */
function dropOldestConversationItem(items: ResponseItem[]): boolean {
  const index = items.findIndex(isConversationItem);
  if (index === -1) return false;
  items.splice(index, 1);
  return true;
}

/** Compacts `history` in place. */
export async function compactHistory(turn: TurnContext, history: ResponseItem[], hooks: CompactionHooks): Promise<CompactionResult> {
  // The summary is not a turn item: no streamed deltas, no tools, no output schema.
  const quiet: TurnContext = { ...turn, settings: { ...turn.settings, streamDeltas: false }, outputSchema: undefined };
  const prompt = textMessage("user", turn.settings.context.compactPrompt ?? defaultCompactPrompt);
  const conversation = [...history];
  let summary = "";
  for (;;) {
    try {
      const body = { ...buildRequest(quiet, [...conversation, prompt]), tools: [], parallel_tool_calls: false };
      const response = await sample(quiet, body);
      await hooks.onUsage(response.usage);
      for (const { item } of response.items) if (item.type === "message" && item.role === "assistant") summary = assistantText(item);
      break;
    } catch (error) {
      // Too long even to summarise: forget the oldest exchange and try again, as Codex does.
      if (error instanceof ContextWindowExceededError && dropOldestConversationItem(conversation)) continue;
      throw error;
    }
  }
  const summaryMessage = `${COMPACTION_SUMMARY_PREFIX}\n${summary.trim() || "(no summary available)"}`;
  const replacement = [
    ...(await hooks.initialContext()),
    ...recentUserMessages(history).map((text) => textMessage("user", text)),
    textMessage("user", summaryMessage),
  ];
  await turn.recorder.recordCompaction(summaryMessage, replacement);
  history.splice(0, history.length, ...replacement);
  return { context: { lastTotalTokens: estimateTokens(replacement), historyLengthThen: replacement.length } };
}
