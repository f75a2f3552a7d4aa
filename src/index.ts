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
export type { TurnOptions } from "./options/turn-options.js";
export type { SandboxLimits } from "./sandbox/sandbox-limits.js";
export { defaultSandboxLimits } from "./sandbox/sandbox-limits.js";
export type {
  ApprovalCallback,
  ApprovalCallbackAnswer,
  ApprovalCallbackContext,
} from "./approvals/approval-callback.js";
export type {
  ApprovalDecision,
  ApprovalFileChange,
  ApprovalRequest,
  ApprovalRequestKind,
} from "./approvals/approval-types.js";
export type { Input, UserInput } from "./input/user-input.js";
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
  TimeoutError,
} from "./errors.js";
export type { ModelApiErrorDetails, SandboxDenialReason } from "./errors.js";
export { isSandboxSupported } from "./exec/sandboxed-command-runner.js";
export { nativeVersion } from "./native/index.js";
export { tokenizerCount, tokenizerDecode, tokenizerEncode } from "./tokenizer/tokenizer.js";
export type { TokenizerEncodeOptions, TokenizerEncoding, TokenizerOptions } from "./tokenizer/tokenizer-options.js";
