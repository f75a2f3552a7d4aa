/**
 * The JSON body of `POST /responses` as Codex builds it (codex-engine-spec §1.2). Loose, so callers
 * can add fields newer CLIs send (`client_metadata`, …) without a schema change.
 */
import { s, type Infer } from "../validation/spec.js";
import { ResponseItem } from "./response-items.js";

/** Reasoning effort values (the newest models add max, ultra and persistent). */
export const ReasoningEffort = s.enum(["none", "minimal", "low", "medium", "high", "xhigh", "max", "ultra", "persistent"]);
export type ReasoningEffort = Infer<typeof ReasoningEffort>;

/** Reasoning summary detail. */
export const ReasoningSummary = s.enum(["auto", "concise", "detailed"]);
export type ReasoningSummary = Infer<typeof ReasoningSummary>;

/** The `reasoning` field; omitted fields fall back to the model's defaults. */
export const ReasoningOptions = s.looseObject({
  effort: ReasoningEffort.optional(),
  summary: ReasoningSummary.optional(),
});
export type ReasoningOptions = Infer<typeof ReasoningOptions>;

/** Structured output: the final message must match `schema`. */
export const JsonSchemaTextFormat = s.looseObject({
  type: s.literal("json_schema"),
  name: s.string(),
  strict: s.boolean(),
  schema: s.record(s.string(), s.unknown()),
});
export type JsonSchemaTextFormat = Infer<typeof JsonSchemaTextFormat>;

/** The `text` field: verbosity and/or output schema. */
export const TextOptions = s.looseObject({
  verbosity: s.enum(["low", "medium", "high"]).optional(),
  format: JsonSchemaTextFormat.optional(),
});
export type TextOptions = Infer<typeof TextOptions>;

/** A tool definition as sent to the API (function, custom/freeform, local_shell, web_search, …). */
export const ToolDefinition = s.looseObject({ type: s.string() });
export type ToolDefinition = Infer<typeof ToolDefinition>;

/** Body of a streamed Responses request. `ResponsesClient.stream()` always sends `stream: true`. */
export const ResponsesRequestBody = s.looseObject({
  model: s.string(),
  instructions: s.string().optional(),
  input: s.array(ResponseItem),
  tools: s.array(ToolDefinition).optional(),
  tool_choice: s.string().optional(),
  parallel_tool_calls: s.boolean().optional(),
  reasoning: ReasoningOptions.nullish(),
  store: s.boolean().optional(),
  stream: s.boolean().optional(),
  include: s.array(s.string()).optional(),
  prompt_cache_key: s.string().optional(),
  text: TextOptions.optional(),
});
export type ResponsesRequestBody = Infer<typeof ResponsesRequestBody>;
