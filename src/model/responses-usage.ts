/**
 * Token usage as the Responses API reports it in `response.completed`, and its mapping to the
 * flat counters Codex keeps (codex-engine-spec §1.5).
 */
import { z } from "zod";

/** The `usage` object of a completed response. */
export const ResponsesUsage = z.looseObject({
  input_tokens: z.number(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  output_tokens: z.number(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
  total_tokens: z.number(),
});
export type ResponsesUsage = z.infer<typeof ResponsesUsage>;

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
