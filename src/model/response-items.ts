/**
 * Items of the Responses API `input` and `output` arrays (codex-engine-spec §1.3). The same shapes
 * travel both ways: the model streams them in `response.output_item.*` events and the engine sends
 * them back as history. Every object is loose so fields the server adds later (ids, status,
 * annotations, …) survive a round trip.
 */
import { z } from "zod";

/** Text the user or developer sent. */
export const InputTextContent = z.looseObject({ type: z.literal("input_text"), text: z.string() });
export type InputTextContent = z.infer<typeof InputTextContent>;

/** Text the model produced. */
export const OutputTextContent = z.looseObject({ type: z.literal("output_text"), text: z.string() });
export type OutputTextContent = z.infer<typeof OutputTextContent>;

/** An image as a data URL or an http(s) URL. */
export const InputImageContent = z.looseObject({ type: z.literal("input_image"), image_url: z.string() });
export type InputImageContent = z.infer<typeof InputImageContent>;

/** The model declined to answer; the real API puts this in assistant messages instead of text. */
export const RefusalContent = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });
export type RefusalContent = z.infer<typeof RefusalContent>;

/** One part of a message's `content`. */
export const ContentItem = z.discriminatedUnion("type", [
  InputTextContent,
  OutputTextContent,
  InputImageContent,
  RefusalContent,
]);
export type ContentItem = z.infer<typeof ContentItem>;

/** A user, developer or assistant message. `phase` marks assistant commentary vs. the final answer. */
export const MessageItem = z.looseObject({
  type: z.literal("message"),
  id: z.string().optional(),
  role: z.enum(["user", "assistant", "developer", "system"]),
  content: z.array(ContentItem),
  end_turn: z.boolean().nullish(),
  phase: z.enum(["commentary", "final_answer"]).nullish(),
});
export type MessageItem = z.infer<typeof MessageItem>;

/** One section of a reasoning summary. */
export const ReasoningSummaryPart = z.looseObject({ type: z.literal("summary_text"), text: z.string() });
export type ReasoningSummaryPart = z.infer<typeof ReasoningSummaryPart>;

/** Raw reasoning text (only some models expose it). */
export const ReasoningContentPart = z.looseObject({ type: z.enum(["reasoning_text", "text"]), text: z.string() });
export type ReasoningContentPart = z.infer<typeof ReasoningContentPart>;

/** The model's reasoning. `encrypted_content` must be echoed back unchanged in later requests. */
export const ReasoningItem = z.looseObject({
  type: z.literal("reasoning"),
  id: z.string().optional(),
  summary: z.array(ReasoningSummaryPart),
  content: z.array(ReasoningContentPart).nullish(),
  encrypted_content: z.string().nullish(),
});
export type ReasoningItem = z.infer<typeof ReasoningItem>;

/** A call of a JSON-schema (function) tool; `arguments` is a JSON string exactly as the model wrote it. */
export const FunctionCallItem = z.looseObject({
  type: z.literal("function_call"),
  id: z.string().optional(),
  name: z.string(),
  arguments: z.string(),
  call_id: z.string(),
});
export type FunctionCallItem = z.infer<typeof FunctionCallItem>;

/** Text or image parts a tool may return instead of a plain string. */
export const FunctionCallOutputContent = z.discriminatedUnion("type", [InputTextContent, InputImageContent]);
export type FunctionCallOutputContent = z.infer<typeof FunctionCallOutputContent>;

/** The answer to a `function_call` or `local_shell_call` with the same `call_id`. */
export const FunctionCallOutputItem = z.looseObject({
  type: z.literal("function_call_output"),
  call_id: z.string(),
  output: z.union([z.string(), z.array(FunctionCallOutputContent)]),
});
export type FunctionCallOutputItem = z.infer<typeof FunctionCallOutputItem>;

/** A call of a freeform tool (such as `apply_patch`); `input` is the raw text. */
export const CustomToolCallItem = z.looseObject({
  type: z.literal("custom_tool_call"),
  id: z.string().optional(),
  status: z.string().optional(),
  call_id: z.string(),
  name: z.string(),
  input: z.string(),
});
export type CustomToolCallItem = z.infer<typeof CustomToolCallItem>;

/** The answer to a `custom_tool_call`. */
export const CustomToolCallOutputItem = z.looseObject({
  type: z.literal("custom_tool_call_output"),
  call_id: z.string(),
  output: z.union([z.string(), z.array(FunctionCallOutputContent)]),
});
export type CustomToolCallOutputItem = z.infer<typeof CustomToolCallOutputItem>;

/** The command of a `local_shell_call`. */
export const LocalShellExecAction = z.looseObject({
  type: z.literal("exec"),
  command: z.array(z.string()),
  timeout_ms: z.number().nullish(),
  working_directory: z.string().nullish(),
  env: z.record(z.string(), z.string()).nullish(),
  user: z.string().nullish(),
});
export type LocalShellExecAction = z.infer<typeof LocalShellExecAction>;

/** The built-in `local_shell` tool; answered with a `function_call_output` of the same call id. */
export const LocalShellCallItem = z.looseObject({
  type: z.literal("local_shell_call"),
  id: z.string().optional(),
  call_id: z.string().nullish(),
  status: z.enum(["completed", "in_progress", "incomplete"]),
  action: LocalShellExecAction,
});
export type LocalShellCallItem = z.infer<typeof LocalShellCallItem>;

/** What a server-side web search did. Unknown action kinds are kept as loose objects. */
export const WebSearchAction = z.union([
  z.looseObject({
    type: z.literal("search"),
    query: z.string().nullish(),
    queries: z.array(z.string()).nullish(),
  }),
  z.looseObject({ type: z.literal("open_page"), url: z.string().nullish() }),
  z.looseObject({ type: z.literal("find_in_page"), url: z.string().nullish(), pattern: z.string().nullish() }),
  z.looseObject({ type: z.string() }),
]);
export type WebSearchAction = z.infer<typeof WebSearchAction>;

/** A server-side web search; echoed back in the next request's input. */
export const WebSearchCallItem = z.looseObject({
  type: z.literal("web_search_call"),
  id: z.string().optional(),
  status: z.string().optional(),
  action: WebSearchAction.optional(),
});
export type WebSearchCallItem = z.infer<typeof WebSearchCallItem>;

/** The opaque result of remote compaction (`compaction_summary` is the older name). */
export const CompactionItem = z.looseObject({
  type: z.enum(["compaction", "compaction_summary"]),
  id: z.string().optional(),
  encrypted_content: z.string(),
});
export type CompactionItem = z.infer<typeof CompactionItem>;

/** Any item of a Responses `input` or `output` array that the engine understands. */
export const ResponseItem = z.discriminatedUnion("type", [
  MessageItem,
  ReasoningItem,
  FunctionCallItem,
  FunctionCallOutputItem,
  CustomToolCallItem,
  CustomToolCallOutputItem,
  LocalShellCallItem,
  WebSearchCallItem,
  CompactionItem,
]);
export type ResponseItem = z.infer<typeof ResponseItem>;
