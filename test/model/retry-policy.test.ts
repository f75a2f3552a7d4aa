import assert from "node:assert/strict";
import { test } from "node:test";
import type { AttemptFailure } from "../../src/model/attempt-failure.js";
import { parseErrorBody } from "../../src/model/error-from-response.js";
import { parseTryAgainDelayMs } from "../../src/model/response-failure.js";
import { decideRetry, type RetryClock, type RetryState } from "../../src/model/retry-policy.js";

const state: RetryState = { retriesSoFar: 0, maxRetries: 5, retryBaseDelayMs: 200, retryMaxDelayMs: 20_000 };
const now = Date.parse("2026-11-25T12:00:00Z");
/** random() = 0.5 gives jitter exactly 1.0. */
const neutralClock: RetryClock = { random: () => 0.5, now: () => now };

function http(status: number, headers: Record<string, string> = {}, body = ""): AttemptFailure {
  return { kind: "http", status, headers: new Headers(headers), body: parseErrorBody(body) };
}

function delay(failure: AttemptFailure, overrides: Partial<RetryState> = {}, clock = neutralClock): number | undefined {
  const decision = decideRetry(failure, { ...state, ...overrides }, clock);
  return decision.retry ? decision.delayMs : undefined;
}

test("backoff doubles per retry from the base delay and is capped", () => {
  const failure = http(500);
  assert.deepEqual(
    [0, 1, 2, 3].map((retriesSoFar) => delay(failure, { retriesSoFar })),
    [200, 400, 800, 1600],
  );
  assert.equal(delay(failure, { retriesSoFar: 4, retryMaxDelayMs: 1000 }), 1000);
});

test("jitter stays within [0.9, 1.1) of the backoff", () => {
  const failure = http(503);
  assert.equal(delay(failure, {}, { random: () => 0, now: () => now }), 180);
  assert.equal(delay(failure, {}, { random: () => 0.999999, now: () => now }), 220);
});

test("the budget counts retries: no retry once retriesSoFar reaches maxRetries", () => {
  assert.equal(decideRetry(http(500), { ...state, retriesSoFar: 4 }).retry, true);
  assert.equal(decideRetry(http(500), { ...state, retriesSoFar: 5 }).retry, false);
  assert.equal(decideRetry(http(500), { ...state, maxRetries: 0 }).retry, false);
});

test("retry-after-ms wins over retry-after, which wins over backoff", () => {
  assert.equal(delay(http(429, { "retry-after-ms": "1500", "retry-after": "9" })), 1500);
  assert.equal(delay(http(429, { "retry-after": "2" })), 2000);
  assert.equal(delay(http(429, { "retry-after": "0.5" })), 500);
  assert.equal(delay(http(429, { "retry-after": "Wed, 25 Nov 2026 12:00:03 GMT" })), 3000);
  assert.equal(delay(http(429, { "retry-after": "Wed, 25 Nov 2026 11:59:00 GMT" })), 0, "a date in the past means now");
  assert.equal(delay(http(429, { "retry-after": "soon" })), 200, "unparsable falls back to backoff");
  assert.equal(delay(http(429, { "retry-after-ms": "-5" })), 200, "negative falls back to backoff");
});

test("server-requested delays are capped by retryMaxDelayMs", () => {
  assert.equal(delay(http(429, { "retry-after": "3600" }), { retryMaxDelayMs: 20_000 }), 20_000);
  assert.equal(delay(http(503, { "retry-after-ms": "90000" }), { retryMaxDelayMs: 5000 }), 5000);
});

test("transient statuses retry; client errors and insufficient_quota do not", () => {
  for (const status of [408, 429, 500, 502, 503, 504]) assert.equal(decideRetry(http(status), state).retry, true, `${status}`);
  for (const status of [400, 401, 403, 404, 409, 422]) assert.equal(decideRetry(http(status), state).retry, false, `${status}`);
  const quota = http(429, {}, JSON.stringify({ error: { message: "quota", type: "insufficient_quota", code: "insufficient_quota" } }));
  assert.equal(decideRetry(quota, state).retry, false);
});

test("transport failures always retry with backoff", () => {
  const failures: AttemptFailure[] = [
    { kind: "connection", cause: new Error("ECONNRESET") },
    { kind: "incomplete_stream", status: 200 },
    { kind: "idle_timeout", idleTimeoutMs: 10 },
  ];
  for (const failure of failures) assert.equal(delay(failure), 200, failure.kind);
});

test("response.failed: listed codes are final, others retry; rate limits use the delay in the message", () => {
  const failed = (code: string | undefined, message = "failed"): AttemptFailure => ({ kind: "response_failed", code, message });
  for (const code of ["context_length_exceeded", "insufficient_quota", "invalid_prompt", "usage_not_included"]) {
    assert.equal(decideRetry(failed(code), state).retry, false, code);
  }
  assert.equal(delay(failed("server_error")), 200);
  assert.equal(delay(failed(undefined)), 200);
  assert.equal(delay(failed("brand_new_code")), 200);
  assert.equal(delay(failed("rate_limit_exceeded", "Rate limit reached. Please try again in 1.5s.")), 1500);
  assert.equal(delay(failed("rate_limit_exceeded", "Please try again in 250ms.")), 250);
  assert.equal(delay(failed("rate_limit_exceeded", "no hint here")), 200);
  // The hint is only trusted for rate limits, like Codex.
  assert.equal(delay(failed("server_error", "try again in 9s")), 200);
});

test("parseTryAgainDelayMs understands s, ms and seconds", () => {
  assert.equal(parseTryAgainDelayMs("Please try again in 2s"), 2000);
  assert.equal(parseTryAgainDelayMs("please Try Again In 3 seconds."), 3000);
  assert.equal(parseTryAgainDelayMs("try again in 1 second"), 1000);
  assert.equal(parseTryAgainDelayMs("try again in 35ms"), 35);
  assert.equal(parseTryAgainDelayMs("try again later"), undefined);
});
