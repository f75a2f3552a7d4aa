/**
 * Turns that exercise a client's error handling: HTTP errors, dropped connections, malformed frames
 * and stalls. The stream faults wrap a streamed turn (from `mockTurn`, `failedTurn` or `rawTurn`).
 */
import { InvalidArgumentError } from "../errors.js";
import type { MockHttpErrorTurn, MockStreamTurn, MockTurn } from "./mock-turn.js";

/** Options of `httpError`. */
export interface HttpErrorOptions {
  /** Sent as `retry-after` (seconds). */
  retryAfterSeconds?: number;
  /** Sent as `retry-after-ms`. */
  retryAfterMs?: number;
  /** The body: a string is sent as is, anything else as JSON. Defaults to OpenAI's error envelope. */
  body?: unknown;
  /** Overrides the `x-request-id` header. */
  requestId?: string;
  /** `error.message` of the default body. */
  message?: string;
  /** `error.code` of the default body (e.g. "insufficient_quota", "context_length_exceeded"). */
  code?: string;
}

/** An HTTP error answer, by default with the `{"error": {message, type, code}}` body OpenAI sends. */
export function httpError(status: number, options: HttpErrorOptions = {}): MockHttpErrorTurn {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new InvalidArgumentError(`httpError status must be 400-599, got ${status}`);
  }
  const headers: Record<string, string> = {};
  if (options.retryAfterSeconds !== undefined) headers["retry-after"] = String(options.retryAfterSeconds);
  if (options.retryAfterMs !== undefined) headers["retry-after-ms"] = String(options.retryAfterMs);
  if (options.requestId !== undefined) headers["x-request-id"] = options.requestId;
  const defaults = defaultError(status);
  const body =
    options.body === undefined
      ? JSON.stringify({
          error: {
            message: options.message ?? defaults.message,
            type: defaults.type,
            param: null,
            code: options.code ?? defaults.code,
          },
        })
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  return { kind: "http_error", status, headers, body };
}

/** Sends the first `afterEvents` frames of `turn`, then destroys the socket. */
export function dropConnection(turn: MockTurn, options: { afterEvents: number }): MockStreamTurn {
  const stream = streamTurn(turn, "dropConnection");
  return { ...stream, interruption: { type: "drop", afterEvents: checkedCount(options.afterEvents, stream) } };
}

/** Sends the first `afterEvents` frames, then nothing for `ms` (default: until the server closes), then the rest. */
export function stall(turn: MockTurn, options: { afterEvents: number; ms?: number }): MockStreamTurn {
  const stream = streamTurn(turn, "stall");
  const afterEvents = checkedCount(options.afterEvents, stream);
  return { ...stream, interruption: { type: "stall", afterEvents, ms: options.ms } };
}

/** Inserts a frame whose `data:` is not JSON before frame `atIndex` (0 = first). */
export function malformedEvent(turn: MockTurn, options: { atIndex: number }): MockStreamTurn {
  const stream = streamTurn(turn, "malformedEvent");
  const atIndex = options.atIndex;
  if (!Number.isInteger(atIndex) || atIndex < 0 || atIndex > stream.frames.length) {
    throw new InvalidArgumentError(`malformedEvent atIndex must be 0-${stream.frames.length}, got ${atIndex}`);
  }
  const broken = { event: "response.output_text.delta", data: '{"type":"response.output_text.delta","delta":' };
  const frames = [...stream.frames.slice(0, atIndex), broken, ...stream.frames.slice(atIndex)];
  return { ...stream, frames };
}

function streamTurn(turn: MockTurn, helper: string): MockStreamTurn {
  if (turn.kind !== "stream") throw new InvalidArgumentError(`${helper} needs a streamed turn, got an HTTP error turn`);
  if (turn.interruption !== undefined && helper !== "malformedEvent") {
    throw new InvalidArgumentError(`${helper}: the turn already has a ${turn.interruption.type} fault`);
  }
  return turn;
}

function checkedCount(afterEvents: number, turn: MockStreamTurn): number {
  if (!Number.isInteger(afterEvents) || afterEvents < 0 || afterEvents > turn.frames.length) {
    throw new InvalidArgumentError(`afterEvents must be 0-${turn.frames.length}, got ${afterEvents}`);
  }
  return afterEvents;
}

function defaultError(status: number): { message: string; type: string; code: string | null } {
  if (status === 401) return { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" };
  if (status === 403) return { message: "You are not allowed to sample from this model.", type: "invalid_request_error", code: null };
  if (status === 404) return { message: "The model does not exist.", type: "invalid_request_error", code: "model_not_found" };
  if (status === 429) return { message: "Rate limit reached. Please try again in 1s.", type: "requests", code: "rate_limit_exceeded" };
  if (status >= 500) return { message: "The server had an error while processing your request.", type: "server_error", code: null };
  return { message: "Invalid request.", type: "invalid_request_error", code: null };
}
