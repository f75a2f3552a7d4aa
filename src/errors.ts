/**
 * One error hierarchy for the whole SDK. Every error we throw on purpose is a `CodexError`;
 * `CodexError.isInstance` works even when two copies of the package are loaded (the marker is a
 * global symbol, not the class identity).
 */
const marker = Symbol.for("@codex-native/sdk.CodexError");

/** Base class of every error the SDK throws on purpose. */
export class CodexError extends Error {
  /** `message` says what went wrong; `options.cause` keeps the underlying error. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    // A non-enumerable own property, so the marker stays out of the public declarations too.
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for errors of this SDK, even from another loaded copy of the package. */
  static isInstance(value: unknown): value is CodexError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** The native addon could not be loaded for this platform. */
export class NativeBindingError extends CodexError {}

/** A caller passed an option or argument that cannot be honoured. */
export class InvalidArgumentError extends CodexError {}

/** Fields shared by every error that comes from talking to the model API. */
export interface ModelApiErrorDetails {
  /** HTTP status, when the server answered. */
  status?: number;
  /** The server's request id (`x-request-id`), when it sent one. */
  requestId?: string;
  /** Machine-readable error code from the body (`error.code` or `error.type`). */
  code?: string;
  cause?: unknown;
}

/** Base of every model API failure; carries status and request id when known. */
export class ModelApiError extends CodexError {
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** The server's request id (`x-request-id`), when it sent one. */
  readonly requestId: string | undefined;
  /** Machine-readable error code from the body (`error.code` or `error.type`), when known. */
  readonly code: string | undefined;

  /** `details` carries what the server said: status, request id, code, cause. */
  constructor(message: string, details: ModelApiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.requestId = details.requestId;
    this.code = details.code;
  }
}

/** 401/403, or no API key configured at all. */
export class AuthenticationError extends ModelApiError {}
/** 429 after the retry budget was spent (or a quota that retrying cannot fix). */
export class RateLimitError extends ModelApiError {}
/** 5xx after the retry budget was spent. */
export class ServerError extends ModelApiError {}
/** 400/404/422 and `response.failed` with a non-retryable code: the request itself is wrong. */
export class InvalidRequestError extends ModelApiError {}
/** The model's context window is full (`context_length_exceeded`). */
export class ContextWindowExceededError extends InvalidRequestError {}
/** The connection failed or the SSE stream ended before `response.completed`. */
export class StreamInterruptedError extends ModelApiError {}
/** No SSE event arrived within the idle timeout. */
export class TimeoutError extends ModelApiError {}
/** The model reported `response.failed` with a retryable error until retries ran out. */
export class ResponseFailedError extends ModelApiError {}

/** The caller's AbortSignal fired. */
export class AbortError extends CodexError {
  /** Default message: "The operation was aborted". */
  constructor(message = "The operation was aborted") {
    super(message);
  }
}

/** A session (rollout) file exists but cannot be read as a Codex rollout. */
export class SessionFileCorruptError extends CodexError {
  /** The rollout file that failed to parse. */
  readonly path: string;
  /** 1-based line number of the offending line. */
  readonly line: number;

  /** `reason` never quotes the line (it may hold anything the model or user wrote). */
  constructor(path: string, line: number, reason: string) {
    super(`Session file ${path} is corrupt at line ${line}: ${reason}`);
    this.path = path;
    this.line = line;
  }
}

/** No session (rollout) file exists for the requested thread or path. */
export class SessionNotFoundError extends CodexError {
  /** The thread id that was looked up, when known. */
  readonly threadId: string | undefined;
  /** The rollout path that was looked up, when known. */
  readonly path: string | undefined;

  /** Pass the thread id, or `{threadId?, path?}` when looking up a file by path. */
  constructor(threadIdOrDetails: string | { threadId?: string; path?: string }) {
    const details = typeof threadIdOrDetails === "string" ? { threadId: threadIdOrDetails } : threadIdOrDetails;
    const subject = details.threadId !== undefined ? `thread ${details.threadId}` : `path ${details.path ?? "(unknown)"}`;
    super(`No session file found for ${subject}`);
    this.threadId = details.threadId;
    this.path = details.path;
  }
}

/** A second `run` was started on a thread whose turn is still running. */
export class ThreadBusyError extends CodexError {}

/** A run was started on a thread after `thread.close()` or `codex.close()`. */
export class ThreadClosedError extends CodexError {}

/** The working directory is not inside a git repository and `skipGitRepoCheck` is off. */
export class GitRepoCheckError extends CodexError {}

/** `sendBackgroundEvent` was called while no turn is running. */
export class NoActiveTurnError extends CodexError {}

/** A native file search (`grep_files`) ran past its time budget. */
export class FileSearchTimeoutError extends CodexError {}

/**
 * A sandboxed mode (`read-only`, `workspace-write`) was requested where no sandbox backend
 * works: not Linux, a kernel without Landlock, or the `codex-native-exec` helper is missing.
 * The command is never run unconfined instead.
 */
export class SandboxUnavailableError extends CodexError {}

/** Why the sandbox policy refused an in-process write. */
export type SandboxDenialReason = "read-only" | "outside-writable-roots" | "protected-path";

/** An in-process write (e.g. apply_patch) targets a path the sandbox policy does not allow. */
export class SandboxDeniedError extends CodexError {
  /** The path that was refused, with symlinks of its existing parents resolved. */
  readonly path: string;
  /** Why the policy refused it. */
  readonly reason: SandboxDenialReason;

  /** The refused path, why, and the message shown. */
  constructor(path: string, reason: SandboxDenialReason, message: string) {
    super(message);
    this.path = path;
    this.reason = reason;
  }
}

/** A command could not be started (not found, not executable). */
export class CommandSpawnError extends CodexError {
  /** The program that failed to start (argv[0]). */
  readonly command: string;
  /** errno name, e.g. "ENOENT" or "EACCES", when known. */
  readonly code: string | undefined;

  /** The program, its errno name when known, the message, and the underlying error. */
  constructor(command: string, code: string | undefined, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.command = command;
    this.code = code;
  }
}

/** Which per-turn budget a turn ran out of. */
export type TurnBudget = "maxToolCalls" | "tokenBudget";

/** A turn exceeded `ThreadOptions.maxToolCalls` or `tokenBudget` and was stopped. */
export class TurnBudgetExceededError extends CodexError {
  /** The budget that was exceeded. */
  readonly budget: TurnBudget;
  /** The configured limit. */
  readonly limit: number;
  /** What the turn had used (tool calls requested, or tokens) when it was stopped. */
  readonly used: number;

  /** `budget` names the option, `limit` its value, `used` what the turn reached. */
  constructor(budget: TurnBudget, limit: number, used: number) {
    super(
      budget === "maxToolCalls"
        ? `The turn was stopped: the model asked for ${used} tool calls, over the maxToolCalls budget of ${limit}`
        : `The turn was stopped: it used ${used} tokens, over the tokenBudget of ${limit}`,
    );
    this.budget = budget;
    this.limit = limit;
    this.used = used;
  }
}
