/**
 * The JSON body of `POST /responses` as Codex builds it (codex-engine-spec §1.2). Loose, so callers
 * can add fields newer CLIs send (`client_metadata`, …) without a schema change.
 */
import { z } from "zod";
import { ResponseItem } from "./response-items.js";

/** Reasoning effort values (the newest models add max, ultra and persistent). */
export const ReasoningEffort = z.enum(["none", "minimal", "low", "medium", "high", "xhigh", "max", "ultra", "persistent"]);
export type ReasoningEffort = z.infer<typeof ReasoningEffort>;

/** Reasoning summary detail. */
export const ReasoningSummary = z.enum(["auto", "concise", "detailed"]);
export type ReasoningSummary = z.infer<typeof ReasoningSummary>;

/** The `reasoning` field; omitted fields fall back to the model's defaults. */
export const ReasoningOptions = z.looseObject({
  effort: ReasoningEffort.optional(),
  summary: ReasoningSummary.optional(),
});
export type ReasoningOptions = z.infer<typeof ReasoningOptions>;

/** Structured output: the final message must match `schema`. */
export const JsonSchemaTextFormat = z.looseObject({
  type: z.literal("json_schema"),
  name: z.string(),
  strict: z.boolean(),
  schema: z.record(z.string(), z.unknown()),
});
export type JsonSchemaTextFormat = z.infer<typeof JsonSchemaTextFormat>;

/** The `text` field: verbosity and/or output schema. */
export const TextOptions = z.looseObject({
  verbosity: z.enum(["low", "medium", "high"]).optional(),
  format: JsonSchemaTextFormat.optional(),
});
export type TextOptions = z.infer<typeof TextOptions>;

/** A tool definition as sent to the API (function, custom/freeform, local_shell, web_search, …). */
export const ToolDefinition = z.looseObject({ type: z.string() });
export type ToolDefinition = z.infer<typeof ToolDefinition>;

/** Body of a streamed Responses request. `ResponsesClient.stream()` always sends `stream: true`. */
export const ResponsesRequestBody = z.looseObject({
  model: z.string(),
  instructions: z.string().optional(),
  input: z.array(ResponseItem),
  tools: z.array(ToolDefinition).optional(),
  tool_choice: z.string().optional(),
  parallel_tool_calls: z.boolean().optional(),
  reasoning: ReasoningOptions.nullish(),
  store: z.boolean().optional(),
  stream: z.boolean().optional(),
  include: z.array(z.string()).optional(),
  prompt_cache_key: z.string().optional(),
  text: TextOptions.optional(),
});
export type ResponsesRequestBody = z.infer<typeof ResponsesRequestBody>;
