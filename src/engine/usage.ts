/**
 * Sums token usage over the model requests of a turn (and of a thread), in the SDK's `Usage` shape.
 */
import type { TokenUsage } from "../model/responses-usage.js";
import type { Usage } from "../protocol/events.js";

export function emptyUsage(): Usage {
  return { input_tokens: 0, cached_input_tokens: 0, cache_write_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0 };
}

export function addUsage(total: Usage, usage: TokenUsage | Usage | undefined): void {
  if (!usage) return;
  total.input_tokens += usage.input_tokens;
  total.cached_input_tokens += usage.cached_input_tokens;
  total.output_tokens += usage.output_tokens;
  total.reasoning_output_tokens += usage.reasoning_output_tokens;
}

/** A copy of `usage`, so callers cannot change the thread's running totals. */
export function copyUsage(usage: Usage): Usage {
  return { ...usage };
}

/** Codex's token_count payload (`info.total_token_usage` etc.) for the session file. */
export function tokenCountEvent(total: Usage, last: TokenUsage | undefined, contextWindow: number | undefined): Record<string, unknown> & { type: string } {
  const asCodex = (usage: Usage | TokenUsage) => ({
    input_tokens: usage.input_tokens,
    cached_input_tokens: usage.cached_input_tokens,
    output_tokens: usage.output_tokens,
    reasoning_output_tokens: usage.reasoning_output_tokens,
    total_tokens: usage.input_tokens + usage.output_tokens,
  });
  return {
    type: "token_count",
    info: {
      total_token_usage: asCodex(total),
      last_token_usage: last ? asCodex(last) : null,
      model_context_window: contextWindow ?? null,
    },
    rate_limits: null,
  };
}
