/**
 * Shapes of the lines in a Codex rollout file (`sessions/YYYY/MM/DD/rollout-*.jsonl`).
 *
 * Each line is `{timestamp, ordinal?, type, payload}`; `type` selects the payload shape. Field
 * names follow the CLI's serde output (`codex-rs/protocol/src/protocol.rs`). Payloads are loose:
 * fields we do not model are kept, so a line read from a newer CLI survives a round trip. The
 * stricter `Known*` and `Writable*` schemas describe what the CLI itself needs to parse a line,
 * and are what the writer checks before it appends anything.
 */
import { s, type Infer } from "../validation/spec.js";

/** Git state recorded once in `session_meta` (`git` sits beside the flattened meta fields). */
export const GitInfo = s.looseObject({
  commit_hash: s.string().optional(),
  branch: s.string().optional(),
  repository_url: s.string().optional(),
});
export type GitInfo = Infer<typeof GitInfo>;

/** `"cli" | "vscode" | "exec" | "mcp" | "unknown"`, or `{custom: …}` / `{subagent: …}`. */
export const SessionSource = s.union([s.string(), s.record(s.string(), s.unknown())]);
export type SessionSource = Infer<typeof SessionSource>;

/** The model's base instructions for the whole session. */
export const BaseInstructions = s.looseObject({ text: s.string() });
export type BaseInstructions = Infer<typeof BaseInstructions>;

/** Payload of the `session_meta` line (always the first line). */
export const SessionMeta = s.looseObject({
  id: s.string(),
  forked_from_id: s.string().optional(),
  timestamp: s.string(),
  cwd: s.string(),
  originator: s.string(),
  cli_version: s.string(),
  /** Older CLIs stored user instructions here; newer ones use `base_instructions`. */
  instructions: s.string().nullable().optional(),
  source: SessionSource.optional(),
  model_provider: s.string().nullable().optional(),
  base_instructions: BaseInstructions.nullable().optional(),
  git: GitInfo.nullable().optional(),
});
export type SessionMeta = Infer<typeof SessionMeta>;

/** What a caller supplies to start a rollout; the writer adds `id` and `timestamp`. */
export const SessionMetaInput = SessionMeta.omit({ id: true, timestamp: true, git: true }).extend({
  source: SessionSource,
  /** Git state to record; omitted → collected from `cwd`; null → not recorded. */
  git: GitInfo.nullable().optional(),
});
export type SessionMetaInput = Infer<typeof SessionMetaInput>;

/** One Responses API item (`message`, `function_call`, `reasoning`, `additional_tools`, …). */
export const ResponseItem = s.looseObject({ type: s.string() });
export type ResponseItem = Infer<typeof ResponseItem>;

const ContentPart = s.looseObject({ type: s.string() });
const ToolOutput = s.union([s.string(), s.array(ContentPart)]);

/** Response items whose required fields the CLI checks; a line missing them is dropped on resume. */
export const KnownResponseItem = s.discriminatedUnion("type", [
  s.looseObject({ type: s.literal("message"), role: s.string(), content: s.array(ContentPart) }),
  s.looseObject({
    type: s.literal("reasoning"),
    summary: s.array(ContentPart),
    encrypted_content: s.string().nullable().optional(),
  }),
  s.looseObject({ type: s.literal("function_call"), name: s.string(), arguments: s.string(), call_id: s.string() }),
  s.looseObject({ type: s.literal("function_call_output"), call_id: s.string(), output: ToolOutput }),
  s.looseObject({ type: s.literal("custom_tool_call"), call_id: s.string(), name: s.string(), input: s.string() }),
  s.looseObject({ type: s.literal("custom_tool_call_output"), call_id: s.string(), output: ToolOutput }),
]);
export type KnownResponseItem = Infer<typeof KnownResponseItem>;

/** `AskForApproval`: a kebab-case name, or an object form in newer CLIs. */
const ApprovalPolicy = s.union([s.string(), s.record(s.string(), s.unknown())]);

/** Payload of a `turn_context` line: the settings one turn ran with. */
export const TurnContext = s.looseObject({
  turn_id: s.string().optional(),
  cwd: s.string(),
  approval_policy: ApprovalPolicy.optional(),
  sandbox_policy: s.looseObject({ type: s.string() }).optional(),
  model: s.string(),
  effort: s.string().nullable().optional(),
  summary: s.string().optional(),
  user_instructions: s.string().nullable().optional(),
  developer_instructions: s.string().nullable().optional(),
});
export type TurnContext = Infer<typeof TurnContext>;

/** A `turn_context` the CLI can parse: it requires the policies and the summary setting. */
export const WritableTurnContext = TurnContext.extend({
  approval_policy: ApprovalPolicy,
  sandbox_policy: s.looseObject({ type: s.string() }),
  summary: s.string(),
});
export type WritableTurnContext = Infer<typeof WritableTurnContext>;

/** Payload of an `event_msg` line: a protocol event tagged by `type`. */
export const EventMsg = s.looseObject({ type: s.string() });
export type EventMsg = Infer<typeof EventMsg>;

const TokenUsage = s.looseObject({
  input_tokens: s.number(),
  cached_input_tokens: s.number(),
  output_tokens: s.number(),
  reasoning_output_tokens: s.number(),
  total_tokens: s.number(),
});

/** Token totals carried by `token_count`. */
export const TokenUsageInfo = s.looseObject({
  total_token_usage: TokenUsage,
  last_token_usage: TokenUsage,
  model_context_window: s.number().nullable().optional(),
});
export type TokenUsageInfo = Infer<typeof TokenUsageInfo>;

export const UserMessageEvent = s.looseObject({
  type: s.literal("user_message"),
  message: s.string(),
  images: s.array(s.string()).nullable().optional(),
});
export const AgentMessageEvent = s.looseObject({ type: s.literal("agent_message"), message: s.string() });
export const AgentReasoningEvent = s.looseObject({ type: s.literal("agent_reasoning"), text: s.string() });
export const AgentReasoningRawContentEvent = s.looseObject({
  type: s.literal("agent_reasoning_raw_content"),
  text: s.string(),
});
export const TokenCountEvent = s.looseObject({
  type: s.literal("token_count"),
  info: TokenUsageInfo.nullable().optional(),
  rate_limits: s.unknown().optional(),
});
export const TaskStartedEvent = s.looseObject({
  type: s.literal("task_started"),
  turn_id: s.string(),
  model_context_window: s.number().nullable().optional(),
});
export const TaskCompleteEvent = s.looseObject({
  type: s.literal("task_complete"),
  turn_id: s.string(),
  last_agent_message: s.string().nullable(),
});
export const TurnAbortedEvent = s.looseObject({
  type: s.literal("turn_aborted"),
  reason: s.string(),
  turn_id: s.string().nullable().optional(),
});
export const BackgroundEvent = s.looseObject({ type: s.literal("background_event"), message: s.string() });
export const ErrorEvent = s.looseObject({ type: s.literal("error"), message: s.string() });
export const WarningEvent = s.looseObject({ type: s.literal("warning"), message: s.string() });
export const ContextCompactedEvent = s.looseObject({ type: s.literal("context_compacted") });
export const ThreadRolledBackEvent = s.looseObject({ type: s.literal("thread_rolled_back"), num_turns: s.number() });

/** Event variants with the fields the CLI requires; other event types pass as plain `EventMsg`. */
export const KnownEventMsg = s.discriminatedUnion("type", [
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
export type KnownEventMsg = Infer<typeof KnownEventMsg>;

/** Payload of a `compacted` line; `replacement_history` (newer CLIs) is the whole history after it. */
export const CompactedItem = s.looseObject({
  message: s.string(),
  replacement_history: s.array(ResponseItem).nullable().optional(),
});
export type CompactedItem = Infer<typeof CompactedItem>;

const lineFields = {
  timestamp: s.string(),
  /** Sequence number of the line in its file (written by CLI 0.169; absent in older files). */
  ordinal: s.number().int().nonnegative().optional(),
};

export const SessionMetaLine = s.looseObject({ ...lineFields, type: s.literal("session_meta"), payload: SessionMeta });
export const ResponseItemLine = s.looseObject({ ...lineFields, type: s.literal("response_item"), payload: ResponseItem });
export const TurnContextLine = s.looseObject({ ...lineFields, type: s.literal("turn_context"), payload: TurnContext });
export const EventMsgLine = s.looseObject({ ...lineFields, type: s.literal("event_msg"), payload: EventMsg });
export const CompactedLine = s.looseObject({ ...lineFields, type: s.literal("compacted"), payload: CompactedItem });

/** A line of a type this SDK understands. */
export const RolloutLine = s.discriminatedUnion("type", [
  SessionMetaLine,
  ResponseItemLine,
  TurnContextLine,
  EventMsgLine,
  CompactedLine,
]);
export type RolloutLine = Infer<typeof RolloutLine>;
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
export const UnknownRolloutLine = s.looseObject({
  ...lineFields,
  type: s.string().refine((type) => !KNOWN_LINE_TYPES.has(type), "type is a known line type"),
  payload: s.unknown().optional(),
});
export type UnknownRolloutLine = Infer<typeof UnknownRolloutLine>;

/** A line as the reader sees it: one of ours, or one it must skip. */
export type ParsedRolloutLine =
  | { kind: "known"; line: RolloutLine }
  | { kind: "unknown"; line: UnknownRolloutLine };
