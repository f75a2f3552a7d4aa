/**
 * Maps a non-2xx HTTP answer of the Responses API to our error hierarchy, by status, in one place.
 */
import { s, type Infer } from "../validation/spec.js";
import { STATUS_CODES } from "node:http";
import {
  AuthenticationError,
  ContextWindowExceededError,
  InvalidRequestError,
  ModelApiError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from "../errors.js";

/** OpenAI's error envelope: `{"error": {"message", "type", "code", "param"}}`. */
export const ErrorEnvelope = s.looseObject({
  error: s.looseObject({
    message: s.string().nullish(),
    type: s.string().nullish(),
    code: s.union([s.string(), s.number()]).nullish(),
  }),
});
export type ErrorEnvelope = Infer<typeof ErrorEnvelope>;

/** What we keep of an error body. */
export interface ErrorBody {
  message: string | undefined;
  /** `error.code`, else `error.type`. */
  code: string | undefined;
}

/** Longest slice of a non-JSON error body we quote (proxies can answer with whole HTML pages). */
const maxQuotedBodyLength = 500;

/** Reads the envelope; a body that is not the envelope is quoted (shortened) as the message. */
export function parseErrorBody(text: string): ErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const envelope = ErrorEnvelope.safeParse(json);
  if (envelope.success) {
    const { message, code, type } = envelope.data.error;
    return { message: message ?? undefined, code: code != null ? String(code) : (type ?? undefined) };
  }
  const trimmed = text.trim();
  if (trimmed === "") return { message: undefined, code: undefined };
  return {
    message: trimmed.length > maxQuotedBodyLength ? `${trimmed.slice(0, maxQuotedBodyLength)}…` : trimmed,
    code: undefined,
  };
}

/** Inputs of `errorFromResponse`. */
export interface HttpErrorInput {
  status: number;
  body: ErrorBody;
  requestId: string | undefined;
  /** How many attempts were made in total, for the message. */
  attempts: number;
}

/** Codex's message for a full context window (its `ContextWindowExceeded`). */
export const contextWindowMessage =
  "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.";
/** Codex's message for an exhausted quota (its `QuotaExceeded`). */
export const quotaExceededMessage = "Quota exceeded. Check your plan and billing details.";

/**
 * The error for an HTTP status. Retryable statuses get here only once the retry budget is spent.
 * Messages begin as Codex's do: "exceeded retry limit, last status: …" for statuses it retries,
 * "unexpected status …: body" for the others.
 */
export function errorFromResponse(input: HttpErrorInput): ModelApiError {
  const { status, body, requestId } = input;
  const details = { status, requestId, code: body.code };
  const statusText = `${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ""}`;
  const suffix = attemptSuffix(input.attempts, requestId);
  const detail = body.message ? `: ${body.message}` : "";
  const retried = status === 408 || status === 429 || status >= 500;
  const message = retried ? `exceeded retry limit, last status: ${statusText}${detail}${suffix}` : `unexpected status ${statusText}${detail}${suffix}`;
  if (status === 401 || status === 403) return new AuthenticationError(message, details);
  if (status === 408) return new TimeoutError(message, details);
  if (status === 429 && body.code === "insufficient_quota") return new RateLimitError(`${quotaExceededMessage}${detail}${suffix}`, details);
  if (status === 429) return new RateLimitError(message, details);
  if (status >= 500) return new ServerError(message, details);
  if (body.code === "context_length_exceeded") return new ContextWindowExceededError(`${contextWindowMessage}${detail}${suffix}`, details);
  // 400, 404, 409, 413, 422, …: the request itself is wrong and resending it will not help.
  if (status >= 400) return new InvalidRequestError(message, details);
  return new ModelApiError(message, details);
}

/** " (after 3 attempts, request id req_1)": every model error says how hard we tried. */
export function attemptSuffix(attempts: number, requestId: string | undefined): string {
  const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
  return requestId ? ` (after ${tries}, request id ${requestId})` : ` (after ${tries})`;
}
