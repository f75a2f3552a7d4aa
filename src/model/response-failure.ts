/**
 * `response.failed` handling (codex-engine-spec §1.5): which error codes end the request at once,
 * the retry delay the server asks for in its message, and the error we throw.
 */
import {
  ContextWindowExceededError,
  InvalidRequestError,
  type ModelApiError,
  RateLimitError,
  ResponseFailedError,
} from "../errors.js";
import { attemptSuffix, contextWindowMessage, quotaExceededMessage } from "./error-from-response.js";

/** Codes that retrying cannot fix; every other code (server_error, rate_limit_exceeded, unknown) is retried. */
export const nonRetryableFailureCodes: ReadonlySet<string> = new Set([
  "context_length_exceeded",
  "insufficient_quota",
  "invalid_prompt",
  "usage_not_included",
]);

/** Inputs of `errorFromResponseFailure`. */
export interface ResponseFailureInput {
  code: string | undefined;
  message: string;
  status?: number;
  requestId?: string;
  attempts: number;
}

/** The error for a `response.failed` that will not be (or no longer be) retried. */
export function errorFromResponseFailure(input: ResponseFailureInput): ModelApiError {
  const { code, status, requestId } = input;
  const details = { status, requestId, code };
  const suffix = attemptSuffix(input.attempts, requestId);
  const coded = `${code ? `(${code}) ` : ""}${input.message}`;
  // Messages begin as Codex's do for the same failures.
  switch (code) {
    case "context_length_exceeded":
      return new ContextWindowExceededError(`${contextWindowMessage} ${coded}${suffix}`, details);
    case "insufficient_quota":
      return new RateLimitError(`${quotaExceededMessage} ${coded}${suffix}`, details);
    case "invalid_prompt":
    case "usage_not_included":
      return new InvalidRequestError(`${coded}${suffix}`, details);
    default:
      return new ResponseFailedError(`stream disconnected before completion: ${coded}${suffix}`, details);
  }
}

const tryAgainPattern = /try again in\s*(\d+(?:\.\d+)?)\s*(ms|s|seconds?)\b/i;

/**
 * The delay a rate-limit message asks for, e.g. "Please try again in 1.5s" → 1500, "try again in
 * 20ms" → 20, "try again in 3 seconds" → 3000. Undefined when the message names no delay.
 */
export function parseTryAgainDelayMs(message: string): number | undefined {
  const match = tryAgainPattern.exec(message);
  if (!match?.[1] || !match[2]) return undefined;
  const value = Number.parseFloat(match[1]);
  return match[2].toLowerCase() === "ms" ? value : value * 1000;
}
