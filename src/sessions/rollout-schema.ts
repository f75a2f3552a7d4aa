/**
 * Shapes of the lines in a Codex rollout file (`sessions/YYYY/MM/DD/rollout-*.jsonl`).
 *
 * Each line is `{timestamp, ordinal?, type, payload}`; `type` selects the payload shape. Field
 * names follow the CLI's serde output (`codex-rs/protocol/src/protocol.rs`). Payloads are loose:
 * fields we do not model are kept, so a line read from a newer CLI survives a round trip. The
 * stricter `Known*` and `Writable*` schemas describe what the CLI itself needs to parse a line,
 * and are what the writer checks before it appends anything.
 */
import { z } from "zod";

/** Git state recorded once in `session_meta` (`git` sits beside the flattened meta fields). */
export const GitInfo = z.looseObject({
  commit_hash: z.string().optional(),
  branch: z.string().optional(),
  repository_url: z.string().optional(),
});
export type GitInfo = z.infer<typeof GitInfo>;

/** `"cli" | "vscode" | "exec" | "mcp" | "unknown"`, or `{custom: …}` / `{subagent: …}`. */
export const SessionSource = z.union([z.string(), z.record(z.string(), z.unknown())]);
export type SessionSource = z.infer<typeof SessionSource>;

/** The model's base instructions for the whole session. */
export const BaseInstructions = z.looseObject({ text: z.string() });
export type BaseInstructions = z.infer<typeof BaseInstructions>;

/** Payload of the `session_meta` line (always the first line). */
export const SessionMeta = z.looseObject({
  id: z.string(),
  forked_from_id: z.string().optional(),
  timestamp: z.string(),
  cwd: z.string(),
  originator: z.string(),
  cli_version: z.string(),
  /** Older CLIs stored user instructions here; newer ones use `base_instructions`. */
  instructions: z.string().nullable().optional(),
  source: SessionSource.optional(),
  model_provider: z.string().nullable().optional(),
  base_instructions: BaseInstructions.nullable().optional(),
  git: GitInfo.nullable().optional(),
});
export type SessionMeta = z.infer<typeof SessionMeta>;

/** What a caller supplies to start a rollout; the writer adds `id` and `timestamp`. */
export const SessionMetaInput = SessionMeta.omit({ id: true, timestamp: true, git: true }).extend({
  source: SessionSource,
  /** Git state to record; omitted → collected from `cwd`; null → not recorded. */
  git: GitInfo.nullable().optional(),
});
export type SessionMetaInput = z.infer<typeof SessionMetaInput>;

/** One Responses API item (`message`, `function_call`, `reasoning`, `additional_tools`, …). */
export const ResponseItem = z.looseObject({ type: z.string() });
export type ResponseItem = z.infer<typeof ResponseItem>;

const ContentPart = z.looseObject({ type: z.string() });
const ToolOutput = z.union([z.string(), z.array(ContentPart)]);

/** Response items whose required fields the CLI checks; a line missing them is dropped on resume. */
export const KnownResponseItem = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("message"), role: z.string(), content: z.array(ContentPart) }),
  z.looseObject({
    type: z.literal("reasoning"),
    summary: z.array(ContentPart),
    encrypted_content: z.string().nullable().optional(),
  }),
  z.looseObject({ type: z.literal("function_call"), name: z.string(), arguments: z.string(), call_id: z.string() }),
  z.looseObject({ type: z.literal("function_call_output"), call_id: z.string(), output: ToolOutput }),
  z.looseObject({ type: z.literal("custom_tool_call"), call_id: z.string(), name: z.string(), input: z.string() }),
  z.looseObject({ type: z.literal("custom_tool_call_output"), call_id: z.string(), output: ToolOutput }),
]);
export type KnownResponseItem = z.infer<typeof KnownResponseItem>;

/** `AskForApproval`: a kebab-case name, or an object form in newer CLIs. */
const ApprovalPolicy = z.union([z.string(), z.record(z.string(), z.unknown())]);

/** Payload of a `turn_context` line: the settings one turn ran with. */
export const TurnContext = z.looseObject({
  turn_id: z.string().optional(),
  cwd: z.string(),
  approval_policy: ApprovalPolicy.optional(),
  sandbox_policy: z.looseObject({ type: z.string() }).optional(),
  model: z.string(),
  effort: z.string().nullable().optional(),
  summary: z.string().optional(),
  user_instructions: z.string().nullable().optional(),
  developer_instructions: z.string().nullable().optional(),
});
export type TurnContext = z.infer<typeof TurnContext>;

/** A `turn_context` the CLI can parse: it requires the policies and the summary setting. */
export const WritableTurnContext = TurnContext.extend({
  approval_policy: ApprovalPolicy,
  sandbox_policy: z.looseObject({ type: z.string() }),
  summary: z.string(),
});
export type WritableTurnContext = z.infer<typeof WritableTurnContext>;

/** Payload of an `event_msg` line: a protocol event tagged by `type`. */
export const EventMsg = z.looseObject({ type: z.string() });
export type EventMsg = z.infer<typeof EventMsg>;

const TokenUsage = z.looseObject({
  input_tokens: z.number(),
  cached_input_tokens: z.number(),
  output_tokens: z.number(),
  reasoning_output_tokens: z.number(),
  total_tokens: z.number(),
});

/** Token totals carried by `token_count`. */
export const TokenUsageInfo = z.looseObject({
  total_token_usage: TokenUsage,
  last_token_usage: TokenUsage,
  model_context_window: z.number().nullable().optional(),
});
export type TokenUsageInfo = z.infer<typeof TokenUsageInfo>;

export const UserMessageEvent = z.looseObject({
  type: z.literal("user_message"),
  message: z.string(),
  images: z.array(z.string()).nullable().optional(),
});
export const AgentMessageEvent = z.looseObject({ type: z.literal("agent_message"), message: z.string() });
export const AgentReasoningEvent = z.looseObject({ type: z.literal("agent_reasoning"), text: z.string() });
export const AgentReasoningRawContentEvent = z.looseObject({
  type: z.literal("agent_reasoning_raw_content"),
  text: z.string(),
});
export const TokenCountEvent = z.looseObject({
  type: z.literal("token_count"),
  info: TokenUsageInfo.nullable().optional(),
  rate_limits: z.unknown().optional(),
});
export const TaskStartedEvent = z.looseObject({
  type: z.literal("task_started"),
  turn_id: z.string(),
  model_context_window: z.number().nullable().optional(),
});
export const TaskCompleteEvent = z.looseObject({
  type: z.literal("task_complete"),
  turn_id: z.string(),
  last_agent_message: z.string().nullable(),
});
export const TurnAbortedEvent = z.looseObject({
  type: z.literal("turn_aborted"),
  reason: z.string(),
  turn_id: z.string().nullable().optional(),
});
export const BackgroundEvent = z.looseObject({ type: z.literal("background_event"), message: z.string() });
export const ErrorEvent = z.looseObject({ type: z.literal("error"), message: z.string() });
export const WarningEvent = z.looseObject({ type: z.literal("warning"), message: z.string() });
export const ContextCompactedEvent = z.looseObject({ type: z.literal("context_compacted") });
export const ThreadRolledBackEvent = z.looseObject({ type: z.literal("thread_rolled_back"), num_turns: z.number() });

/** Event variants with the fields the CLI requires; other event types pass as plain `EventMsg`. */
export const KnownEventMsg = z.discriminatedUnion("type", [
  UserMessageEvent,
  AgentMessageEvent,
  AgentReasoningEvent,
  AgentReasoningRawContentEvent,
  TokenCountEvent,
  TaskStartedEvent,
  TaskCompleteEvent,
  TurnAbortedEvent,
  BackgroundEvent,
  ErrorEvent,
  WarningEvent,
  ContextCompactedEvent,
  ThreadRolledBackEvent,
]);
export type KnownEventMsg = z.infer<typeof KnownEventMsg>;

/** Payload of a `compacted` line; `replacement_history` (newer CLIs) is the whole history after it. */
export const CompactedItem = z.looseObject({
  message: z.string(),
  replacement_history: z.array(ResponseItem).nullable().optional(),
});
export type CompactedItem = z.infer<typeof CompactedItem>;

const lineFields = {
  timestamp: z.string(),
  /** Sequence number of the line in its file (written by CLI 0.169; absent in older files). */
  ordinal: z.number().int().nonnegative().optional(),
};

export const SessionMetaLine = z.looseObject({ ...lineFields, type: z.literal("session_meta"), payload: SessionMeta });
export const ResponseItemLine = z.looseObject({ ...lineFields, type: z.literal("response_item"), payload: ResponseItem });
export const TurnContextLine = z.looseObject({ ...lineFields, type: z.literal("turn_context"), payload: TurnContext });
export const EventMsgLine = z.looseObject({ ...lineFields, type: z.literal("event_msg"), payload: EventMsg });
export const CompactedLine = z.looseObject({ ...lineFields, type: z.literal("compacted"), payload: CompactedItem });

/** A line of a type this SDK understands. */
export const RolloutLine = z.discriminatedUnion("type", [
  SessionMetaLine,
  ResponseItemLine,
  TurnContextLine,
  EventMsgLine,
  CompactedLine,
]);
export type RolloutLine = z.infer<typeof RolloutLine>;
export type RolloutLineType = RolloutLine["type"];

/** Line types readers understand; anything else (0.169's `world_state`, `token_usage_record`, …) is unknown. */
export const KNOWN_LINE_TYPES: ReadonlySet<string> = new Set<RolloutLineType>([
  "session_meta",
  "response_item",
  "turn_context",
  "event_msg",
  "compacted",
]);

/** Envelope of a line whose `type` we do not know; readers skip it, the writer never produces it. */
export const UnknownRolloutLine = z.looseObject({
  ...lineFields,
  type: z.string().refine((type) => !KNOWN_LINE_TYPES.has(type), "type is a known line type"),
  payload: z.unknown().optional(),
});
export type UnknownRolloutLine = z.infer<typeof UnknownRolloutLine>;

/** A line as the reader sees it: one of ours, or one it must skip. */
export type ParsedRolloutLine =
  | { kind: "known"; line: RolloutLine }
  | { kind: "unknown"; line: UnknownRolloutLine };
