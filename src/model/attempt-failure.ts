/**
 * Why one attempt of a streamed request did not reach `response.completed`. The retry policy decides
 * from this whether to try again; `errorForFailure` turns the last one into the error we throw.
 */
import { ModelApiError, StreamInterruptedError, TimeoutError } from "../errors.js";
import { attemptSuffix, errorFromResponse, type ErrorBody } from "./error-from-response.js";
import { errorFromResponseFailure } from "./response-failure.js";
import type { HeaderLookup } from "./transport.js";

/** Fields every failure may carry: what the server said before things went wrong. */
interface FailureContext {
  /** HTTP status of the attempt's response, when one arrived. */
  status?: number;
  /** `x-request-id` of the attempt's response, when one arrived. */
  requestId?: string;
}

/** The server answered with a non-2xx status. */
export interface HttpFailure extends FailureContext {
  kind: "http";
  status: number;
  headers: HeaderLookup;
  body: ErrorBody;
}

/** The request could not be sent, or the body stream broke mid-way. */
export interface ConnectionFailure extends FailureContext {
  kind: "connection";
  cause: unknown;
}

/** The body ended cleanly but without `response.completed`. */
export interface IncompleteStreamFailure extends FailureContext {
  kind: "incomplete_stream";
}

/** Nothing arrived within the idle timeout (headers or the next SSE chunk). */
export interface IdleTimeoutFailure extends FailureContext {
  kind: "idle_timeout";
  idleTimeoutMs: number;
}

/** The server sent `response.failed`. */
export interface ResponseFailedFailure extends FailureContext {
  kind: "response_failed";
  code: string | undefined;
  message: string;
}

export type AttemptFailure =
  | HttpFailure
  | ConnectionFailure
  | IncompleteStreamFailure
  | IdleTimeoutFailure
  | ResponseFailedFailure;

/** One line for logs and `codex.stream_retry.reason`. Never contains request headers. */
export function describeFailure(failure: AttemptFailure): string {
  switch (failure.kind) {
    case "http":
      return `HTTP ${failure.status}${failure.body.message ? `: ${failure.body.message}` : ""}`;
    case "connection":
      return `connection failed: ${causeMessage(failure.cause)}`;
    case "incomplete_stream":
      return "stream closed before response.completed";
    case "idle_timeout":
      return `idle timeout waiting for SSE (${failure.idleTimeoutMs} ms)`;
    case "response_failed":
      return `response.failed${failure.code ? ` (${failure.code})` : ""}: ${failure.message}`;
  }
}

/** The error to throw when `failure` ends the request after `attempts` attempts. */
export function errorForFailure(failure: AttemptFailure, attempts: number): ModelApiError {
  const details = { status: failure.status, requestId: failure.requestId };
  const suffix = attemptSuffix(attempts, failure.requestId);
  switch (failure.kind) {
    case "http":
      return errorFromResponse({ status: failure.status, body: failure.body, requestId: failure.requestId, attempts });
    case "connection":
      return new StreamInterruptedError(`stream disconnected before completion: ${causeMessage(failure.cause)}${suffix}`, {
        ...details,
        cause: failure.cause,
      });
    case "incomplete_stream":
      return new StreamInterruptedError(`stream disconnected before completion: stream closed before response.completed${suffix}`, details);
    case "idle_timeout":
      return new TimeoutError(
        `stream disconnected before completion: idle timeout waiting for SSE (${failure.idleTimeoutMs} ms)${suffix}`,
        details,
      );
    case "response_failed":
      return errorFromResponseFailure({ ...failure, attempts });
  }
}

function causeMessage(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  // Both transports keep the useful part in `cause`: undici's "fetch failed" / "terminated" wrap
  // ECONNREFUSED or "other side closed"; ours wraps node:http's "aborted" when a body breaks off.
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : "";
  return `${cause.message}${inner}`;
}
