/**
 * Token usage as the Responses API reports it in `response.completed`, and its mapping to the
 * flat counters Codex keeps (codex-engine-spec §1.5).
 */
import { s, type Infer } from "../validation/spec.js";

/** The `usage` object of a completed response. */
export const ResponsesUsage = s.looseObject({
  input_tokens: s.number(),
  input_tokens_details: s.looseObject({ cached_tokens: s.number().nullish() }).nullish(),
  output_tokens: s.number(),
  output_tokens_details: s.looseObject({ reasoning_tokens: s.number().nullish() }).nullish(),
  total_tokens: s.number(),
});
export type ResponsesUsage = Infer<typeof ResponsesUsage>;

/** Codex's flat token counters for one model request. */
export interface TokenUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  total_tokens: number;
}

/** Flattens the API's nested details; missing details count as zero. */
export function tokenUsageFromResponses(usage: ResponsesUsage): TokenUsage {
  return {
    input_tokens: usage.input_tokens,
    cached_input_tokens: usage.input_tokens_details?.cached_tokens ?? 0,
    output_tokens: usage.output_tokens,
    reasoning_output_tokens: usage.output_tokens_details?.reasoning_tokens ?? 0,
    total_tokens: usage.total_tokens,
  };
}
