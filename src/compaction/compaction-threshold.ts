/**
 * When to compact: once the context reaches `model_auto_compact_token_limit`, else 90% of the
 * model's context window (config `model_context_window`, else the model table's, else a default
 * for models the table does not know).
 */
import type { ThreadSettings } from "../config/thread-settings.js";
import type { ResponseItem } from "../model/response-items.js";
import { defaultContextWindow } from "../model-info/model-info.js";

export function autoCompactTokenLimit(settings: ThreadSettings): number {
  if (settings.autoCompactTokenLimit !== undefined) return settings.autoCompactTokenLimit;
  return Math.floor(((settings.contextWindow ?? defaultContextWindow) * 9) / 10);
}

/** Codex's rough estimate of items not yet counted by the model: serialized JSON bytes / 4. */
export function estimateTokens(items: readonly ResponseItem[]): number {
  let bytes = 0;
  for (const item of items) bytes += Buffer.byteLength(JSON.stringify(item), "utf8");
  return Math.ceil(bytes / 4);
}

/** What the model saw last (its total tokens) plus an estimate of what was appended since. */
export type ContextUsage = { lastTotalTokens: number; historyLengthThen: number };

export function currentContextTokens(usage: ContextUsage, history: readonly ResponseItem[]): number {
  return usage.lastTotalTokens + estimateTokens(history.slice(usage.historyLengthThen));
}
