/**
 * Public API of @codex-native/sdk. Every export is listed by name; nothing else is public.
 */
export { Codex } from "./codex.js";
export { Thread } from "./thread.js";
export type { RunResult, RunStreamedResult, StreamedTurn, Turn } from "./thread.js";
export type { CodexConfigObject, CodexConfigValue, CodexOptions } from "./options/codex-options.js";
export type {
  ApprovalMode,
  ModelReasoningEffort,
  ModelReasoningSummary,
  ModelVerbosity,
  SandboxMode,
  ThreadOptions,
  WebSearchMode,
  WorkspaceWriteOptions,
} from "./options/thread-options.js";
export type { CyberAccessProgram, TurnOptions } from "./options/turn-options.js";
export type { SandboxLimits } from "./sandbox/sandbox-limits.js";
export { defaultSandboxLimits } from "./sandbox/sandbox-limits.js";
export type {
  ApprovalCallback,
  ApprovalCallbackAnswer,
  ApprovalCallbackContext,
  ApprovalDecision,
  ApprovalFileChange,
  ApprovalRequest,
  ApprovalRequestKind,
  ApprovalSandboxPolicy,
} from "./options/approval-callback-types.js";
export type { Input, UserInput } from "./input/user-input.js";
export type {
  DynamicToolSpec,
  NativeToolDefinition,
  NativeToolHandler,
  NativeToolInfo,
  NativeToolInterceptor,
  NativeToolInterceptorContext,
  NativeToolInvocation,
  NativeToolParameters,
  NativeToolResult,
} from "./tools/custom/native-tool-types.js";
export type { McpHttpTransport, McpServerCommon, McpServerConfig, McpStdioTransport } from "./mcp/mcp-server-config.js";
export type {
  BackgroundEvent,
  ItemCompletedEvent,
  ItemStartedEvent,
  ItemUpdatedEvent,
  ThreadError,
  ThreadErrorEvent,
  ThreadEvent,
  ThreadStartedEvent,
  TurnCompletedEvent,
  TurnFailedEvent,
  TurnStartedEvent,
  Usage,
} from "./protocol/events.js";
export type {
  AgentMessageItem,
  CommandExecutionItem,
  CommandExecutionStatus,
  ErrorItem,
  FileChangeItem,
  FileUpdateChange,
  McpToolCallItem,
  McpToolCallStatus,
  PatchApplyStatus,
  PatchChangeKind,
  ReasoningItem,
  ThreadItem,
  TodoItem,
  TodoListItem,
  WebSearchItem,
} from "./protocol/items.js";
export {
  AbortError,
  AuthenticationError,
  CodexError,
  CommandSpawnError,
  ContextWindowExceededError,
  FileSearchTimeoutError,
  GitRepoCheckError,
  InvalidArgumentError,
  InvalidRequestError,
  ModelApiError,
  NativeBindingError,
  NoActiveTurnError,
  RateLimitError,
  ResponseFailedError,
  SandboxDeniedError,
  SandboxUnavailableError,
  ServerError,
  SessionFileCorruptError,
  SessionNotFoundError,
  StreamInterruptedError,
  ThreadBusyError,
  ThreadClosedError,
  TimeoutError,
  TurnBudgetExceededError,
} from "./errors.js";
export type { ModelApiErrorDetails, SandboxDenialReason, TurnBudget } from "./errors.js";
/** Skills, personality and conversation management (fork, listing). */
export type { SkillDefinition, SkillMentionTrigger, SkillsOption } from "./skills/skill-types.js";
export type { Personality } from "./context/personality.js";
export type {
  ConversationListOptions,
  ConversationListPage,
  ConversationSummary,
  ForkOptions,
} from "./sessions/conversation-types.js";
export { isSandboxSupported } from "./exec/sandboxed-command-runner.js";
export { nativeVersion } from "./native/index.js";
export { tokenizerCount, tokenizerDecode, tokenizerEncode } from "./tokenizer/tokenizer.js";
export type { TokenizerEncodeOptions, TokenizerEncoding, TokenizerOptions } from "./tokenizer/tokenizer-options.js";
/** Reverie: search over past sessions (rollout files under CODEX_HOME/sessions). */
export { reverieListConversations } from "./reverie/list-conversations.js";
export { reverieGetConversationInsights, reverieSearchConversations } from "./reverie/search-conversations.js";
export { ReverieError } from "./reverie/reverie-error.js";
export { encodeToToon } from "./reverie/toon.js";
export type {
  ReverieConversation,
  ReverieExcerpt,
  ReverieMatchRange,
  ReverieSearchResult,
} from "./reverie/reverie-types.js";
/** Review mode: `codex.review()` / `codex.reviewStreamed()` and their SARIF export. */
export { ReviewTargetError } from "./review/review-target-error.js";
export type { ReviewTargetErrorReason } from "./review/review-target-error.js";
export { reviewToSarif } from "./review/review-sarif.js";
export type { ReviewSarifOptions, SarifLevel, SarifLog, SarifResult } from "./review/review-sarif.js";
export type {
  BranchReview,
  CodexReviewTarget,
  CommitReview,
  CurrentChangesReview,
  CustomReview,
  EnteredReviewModeEvent,
  ExitedReviewModeEvent,
  ReviewEvent,
  ReviewFinding,
  ReviewInvocationOptions,
  ReviewOutputEvent,
  ReviewResult,
  ReviewStreamedResult,
  ReviewTarget,
} from "./review/review-types.js";
/** Agents: `codex.createAgent()` with handoffs in one shared conversation. */
export { Agent } from "./agents/agent.js";
export type { AgentEvent, AgentOptions, AgentRunResult, AgentStreamedResult } from "./agents/agent-types.js";
