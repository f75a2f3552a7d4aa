/**
 * The single place that decides whether a failed attempt is retried and how long to wait first.
 */
import type { AttemptFailure } from "./attempt-failure.js";
import { nonRetryableFailureCodes, parseTryAgainDelayMs } from "./response-failure.js";

/** Retry settings plus the attempt counter. */
export interface RetryState {
  /** Retries already made (0 after the first attempt failed). */
  retriesSoFar: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  /** Cap on every delay, including the ones the server asks for. */
  retryMaxDelayMs: number;
}

/** What to do after a failed attempt. */
export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/** Sources of randomness and time, injectable so tests can pin them. */
export interface RetryClock {
  /** Returns a number in [0, 1); used for jitter. */
  random: () => number;
  /** Milliseconds since the epoch; used to turn an HTTP-date `retry-after` into a delay. */
  now: () => number;
}

const systemClock: RetryClock = { random: Math.random, now: Date.now };

/** Decides whether to retry `failure`, and after how long. */
export function decideRetry(failure: AttemptFailure, state: RetryState, clock: RetryClock = systemClock): RetryDecision {
  // The budget counts retries, not attempts: maxRetries = 5 means up to 6 requests.
  if (state.retriesSoFar >= state.maxRetries) return { retry: false };

  if (failure.kind === "http") {
    const status = failure.status;
    // An exhausted quota does not come back by waiting; report it at once.
    if (status === 429 && failure.body.code === "insufficient_quota") return { retry: false };
    // Request timeout, rate limit and server-side errors are transient.
    const transient = status === 408 || status === 429 || status >= 500;
    // Everything else (400, 401, 403, 404, 422, …) will fail the same way again.
    if (!transient) return { retry: false };
  }

  // The model reported a failure: only codes that describe the request or the account are final.
  if (failure.kind === "response_failed" && failure.code !== undefined && nonRetryableFailureCodes.has(failure.code)) {
    return { retry: false };
  }

  // Connection errors, streams that closed early and idle timeouts are always worth another try.
  return { retry: true, delayMs: retryDelayMs(failure, state, clock) };
}

/** How long to wait before the next attempt. */
export function retryDelayMs(failure: AttemptFailure, state: RetryState, clock: RetryClock = systemClock): number {
  const requested = serverRequestedDelayMs(failure, clock.now());
  // The server knows best when it will have capacity again; we only cap what it asks for.
  if (requested !== undefined) return Math.min(requested, state.retryMaxDelayMs);
  // Otherwise back off exponentially: base × 2^(n−1) × jitter in [0.9, 1.1), so clients do not retry in lockstep.
  const retryNumber = state.retriesSoFar + 1;
  const jitter = 0.9 + clock.random() * 0.2;
  const backoff = state.retryBaseDelayMs * 2 ** (retryNumber - 1) * jitter;
  return Math.min(Math.round(backoff), state.retryMaxDelayMs);
}

/** A delay the server asked for, in ms; undefined when it asked for none (or for nonsense). */
function serverRequestedDelayMs(failure: AttemptFailure, now: number): number | undefined {
  if (failure.kind === "http") {
    // `retry-after-ms` is OpenAI's precise variant and wins over `retry-after`.
    const milliseconds = parseNonNegativeNumber(failure.headers.get("retry-after-ms"));
    if (milliseconds !== undefined) return milliseconds;
    // `retry-after` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3).
    const retryAfter = failure.headers.get("retry-after");
    if (retryAfter === null) return undefined;
    const seconds = parseNonNegativeNumber(retryAfter);
    if (seconds !== undefined) return seconds * 1000;
    const date = Date.parse(retryAfter);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
  }
  // Rate-limited responses say "Please try again in 1.5s" in their message (Codex parses the same).
  if (failure.kind === "response_failed" && failure.code === "rate_limit_exceeded") {
    return parseTryAgainDelayMs(failure.message);
  }
  return undefined;
}

function parseNonNegativeNumber(text: string | null): number | undefined {
  if (text === null || text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
