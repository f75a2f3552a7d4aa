/**
 * Builder for the `usage` object of `response.completed`.
 */

/** The Responses API usage object, as sent on the wire. */
export interface MockUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** Token counts for a scripted turn; omitted counts are zero and `total_tokens` is input + output. */
export function usage(
  counts: { inputTokens?: number; cachedInputTokens?: number; outputTokens?: number; reasoningOutputTokens?: number } = {},
): MockUsage {
  const inputTokens = counts.inputTokens ?? 0;
  const outputTokens = counts.outputTokens ?? 0;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: counts.cachedInputTokens ?? 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: counts.reasoningOutputTokens ?? 0 },
    total_tokens: inputTokens + outputTokens,
  };
}
