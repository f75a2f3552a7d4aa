/**
 * Items of the Responses API `input` and `output` arrays (codex-engine-spec §1.3). The same shapes
 * travel both ways: the model streams them in `response.output_item.*` events and the engine sends
 * them back as history. Every object is loose so fields the server adds later (ids, status,
 * annotations, …) survive a round trip.
 */
import { s, type Infer } from "../validation/spec.js";

/** Text the user or developer sent. */
export const InputTextContent = s.looseObject({ type: s.literal("input_text"), text: s.string() });
export type InputTextContent = Infer<typeof InputTextContent>;

/** Text the model produced. */
export const OutputTextContent = s.looseObject({ type: s.literal("output_text"), text: s.string() });
export type OutputTextContent = Infer<typeof OutputTextContent>;

/** An image as a data URL or an http(s) URL. */
export const InputImageContent = s.looseObject({ type: s.literal("input_image"), image_url: s.string() });
export type InputImageContent = Infer<typeof InputImageContent>;

/** The model declined to answer; the real API puts this in assistant messages instead of text. */
export const RefusalContent = s.looseObject({ type: s.literal("refusal"), refusal: s.string() });
export type RefusalContent = Infer<typeof RefusalContent>;

/** One part of a message's `content`. */
export const ContentItem = s.discriminatedUnion("type", [
  InputTextContent,
  OutputTextContent,
  InputImageContent,
  RefusalContent,
]);
export type ContentItem = Infer<typeof ContentItem>;

/** A user, developer or assistant message. `phase` marks assistant commentary vs. the final answer. */
export const MessageItem = s.looseObject({
  type: s.literal("message"),
  id: s.string().optional(),
  role: s.enum(["user", "assistant", "developer", "system"]),
  content: s.array(ContentItem),
  end_turn: s.boolean().nullish(),
  phase: s.enum(["commentary", "final_answer"]).nullish(),
});
export type MessageItem = Infer<typeof MessageItem>;

/** One section of a reasoning summary. */
export const ReasoningSummaryPart = s.looseObject({ type: s.literal("summary_text"), text: s.string() });
export type ReasoningSummaryPart = Infer<typeof ReasoningSummaryPart>;

/** Raw reasoning text (only some models expose it). */
export const ReasoningContentPart = s.looseObject({ type: s.enum(["reasoning_text", "text"]), text: s.string() });
export type ReasoningContentPart = Infer<typeof ReasoningContentPart>;

/** The model's reasoning. `encrypted_content` must be echoed back unchanged in later requests. */
export const ReasoningItem = s.looseObject({
  type: s.literal("reasoning"),
  id: s.string().optional(),
  summary: s.array(ReasoningSummaryPart),
  content: s.array(ReasoningContentPart).nullish(),
  encrypted_content: s.string().nullish(),
});
export type ReasoningItem = Infer<typeof ReasoningItem>;

/** A call of a JSON-schema (function) tool; `arguments` is a JSON string exactly as the model wrote it. */
export const FunctionCallItem = s.looseObject({
  type: s.literal("function_call"),
  id: s.string().optional(),
  name: s.string(),
  arguments: s.string(),
  call_id: s.string(),
});
export type FunctionCallItem = Infer<typeof FunctionCallItem>;

/** Text or image parts a tool may return instead of a plain string. */
export const FunctionCallOutputContent = s.discriminatedUnion("type", [InputTextContent, InputImageContent]);
export type FunctionCallOutputContent = Infer<typeof FunctionCallOutputContent>;

/** The answer to a `function_call` or `local_shell_call` with the same `call_id`. */
export const FunctionCallOutputItem = s.looseObject({
  type: s.literal("function_call_output"),
  call_id: s.string(),
  output: s.union([s.string(), s.array(FunctionCallOutputContent)]),
});
export type FunctionCallOutputItem = Infer<typeof FunctionCallOutputItem>;

/** A call of a freeform tool (such as `apply_patch`); `input` is the raw text. */
export const CustomToolCallItem = s.looseObject({
  type: s.literal("custom_tool_call"),
  id: s.string().optional(),
  status: s.string().optional(),
  call_id: s.string(),
  name: s.string(),
  input: s.string(),
});
export type CustomToolCallItem = Infer<typeof CustomToolCallItem>;

/** The answer to a `custom_tool_call`. */
export const CustomToolCallOutputItem = s.looseObject({
  type: s.literal("custom_tool_call_output"),
  call_id: s.string(),
  output: s.union([s.string(), s.array(FunctionCallOutputContent)]),
});
export type CustomToolCallOutputItem = Infer<typeof CustomToolCallOutputItem>;

/** The command of a `local_shell_call`. */
export const LocalShellExecAction = s.looseObject({
  type: s.literal("exec"),
  command: s.array(s.string()),
  timeout_ms: s.number().nullish(),
  working_directory: s.string().nullish(),
  env: s.record(s.string(), s.string()).nullish(),
  user: s.string().nullish(),
});
export type LocalShellExecAction = Infer<typeof LocalShellExecAction>;

/** The built-in `local_shell` tool; answered with a `function_call_output` of the same call id. */
export const LocalShellCallItem = s.looseObject({
  type: s.literal("local_shell_call"),
  id: s.string().optional(),
  call_id: s.string().nullish(),
  status: s.enum(["completed", "in_progress", "incomplete"]),
  action: LocalShellExecAction,
});
export type LocalShellCallItem = Infer<typeof LocalShellCallItem>;

/** What a server-side web search did. Unknown action kinds are kept as loose objects. */
export const WebSearchAction = s.union([
  s.looseObject({
    type: s.literal("search"),
    query: s.string().nullish(),
    queries: s.array(s.string()).nullish(),
  }),
  s.looseObject({ type: s.literal("open_page"), url: s.string().nullish() }),
  s.looseObject({ type: s.literal("find_in_page"), url: s.string().nullish(), pattern: s.string().nullish() }),
  s.looseObject({ type: s.string() }),
]);
export type WebSearchAction = Infer<typeof WebSearchAction>;

/** A server-side web search; echoed back in the next request's input. */
export const WebSearchCallItem = s.looseObject({
  type: s.literal("web_search_call"),
  id: s.string().optional(),
  status: s.string().optional(),
  action: WebSearchAction.optional(),
});
export type WebSearchCallItem = Infer<typeof WebSearchCallItem>;

/** The opaque result of remote compaction (`compaction_summary` is the older name). */
export const CompactionItem = s.looseObject({
  type: s.enum(["compaction", "compaction_summary"]),
  id: s.string().optional(),
  encrypted_content: s.string(),
});
export type CompactionItem = Infer<typeof CompactionItem>;

/** Any item of a Responses `input` or `output` array that the engine understands. */
export const ResponseItem = s.discriminatedUnion("type", [
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
export type ResponseItem = Infer<typeof ResponseItem>;
