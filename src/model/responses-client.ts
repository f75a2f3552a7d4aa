/**
 * Streaming client for the OpenAI Responses API. Built on node:http (or a caller's fetch) plus
 * eventsource-parser rather than the `openai` package because the engine needs whole-stream retries
 * (a stream that drops mid-way is re-sent), an idle timeout between SSE chunks, and full control of
 * the headers.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { AbortError, InvalidArgumentError } from "../errors.js";
import { type AttemptFailure, describeFailure, errorForFailure } from "./attempt-failure.js";
import { AttemptGuard } from "./attempt-guard.js";
import { resolveApiKey, resolveCodexHome } from "./auth.js";
import { parseErrorBody } from "./error-from-response.js";
import { fetchTransport } from "./fetch-transport.js";
import { httpTransport } from "./http-transport.js";
import type { ResponsesRequestBody } from "./request-body.js";
import { buildRequestHeaders } from "./request-headers.js";
import { decideRetry } from "./retry-policy.js";
import { readSseMessages } from "./sse-stream.js";
import { parseWireEvent, type ResponseStreamEvent, type ResponsesWireEvent } from "./stream-events.js";
import { isSuccessStatus, type ModelTransport, type TransportResponse } from "./transport.js";

/** The API the client talks to unless `baseUrl` or `OPENAI_BASE_URL` says otherwise. */
export const defaultBaseUrl = "https://api.openai.com/v1";

/** Reported to `onRetry` before every retry, visible to the consumer or not. */
export interface RetryNotice {
  /** Which retry this is, 1-based. */
  attempt: number;
  maxRetries: number;
  delayMs: number;
  reason: string;
}

/** Options of `ResponsesClient`. */
export interface ResponsesClientOptions {
  /** API key; otherwise CODEX_API_KEY, OPENAI_API_KEY, then `$CODEX_HOME/auth.json`. */
  apiKey?: string;
  /** Base URL ending in `/v1`; otherwise OPENAI_BASE_URL, then https://api.openai.com/v1. */
  baseUrl?: string;
  /** Environment for key, base URL, org/project and CODEX_HOME lookup; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Where `auth.json` lives; defaults to `env.CODEX_HOME`, then `~/.codex`. */
  codexHome?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /**
   * `false`: send no Authorization header and look for no key (a custom provider without
   * `env_key`, e.g. Ollama or a local mock, as Codex does). Default true.
   */
  authenticate?: boolean;
  /** Query parameters appended to the request URL (Azure's `api-version`). */
  queryParams?: Record<string, string>;
  /**
   * Extra attempts for HTTP failures (408/429/5xx) and connections that fail before a response
   * arrived; default `maxRetries`. Codex's provider `request_max_retries`.
   */
  requestMaxRetries?: number;
  /**
   * Extra attempts after the first (default 5). Covers HTTP 408/429/5xx, connection errors, streams
   * that end before `response.completed`, idle timeouts and retryable `response.failed`.
   */
  maxRetries?: number;
  /** First backoff delay (default 200 ms); retry n waits base × 2^(n−1) × jitter[0.9, 1.1). */
  retryBaseDelayMs?: number;
  /** Cap on every delay, including `retry-after` values the server asks for (default 20 000 ms). */
  retryMaxDelayMs?: number;
  /** Longest silence tolerated while waiting for headers or the next SSE chunk (default 300 000 ms). */
  streamIdleTimeoutMs?: number;
  /**
   * Custom fetch (proxies, tests), used exactly as given. Without it requests go through node:http /
   * node:https with a keep-alive agent shared by the process (Node's own fetch is never touched).
   */
  fetch?: typeof fetch;
  /** Called before every retry, including the silent ones that happen before any event was yielded. */
  onRetry?: (notice: RetryNotice) => void;
}

/** Per-call options of `ResponsesClient.stream()`. */
export interface StreamOptions {
  /** Aborts the request, the stream read and any backoff wait; the generator then throws `AbortError`. */
  signal?: AbortSignal;
  /** Headers for this request only (the engine passes `session_id`). */
  headers?: Record<string, string>;
}

/**
 * After `response.completed` the rest of the body (usually just the end of the chunked encoding) is
 * read in the background for this long, so the connection goes back to the pool for the next turn.
 */
const drainTimeoutMs = 1000;

/** How one attempt ended. */
type AttemptOutcome = { completed: true } | { completed: false; failure: AttemptFailure; yieldedAny: boolean };

/** Streams Responses API requests with retries; one instance can serve many concurrent streams. */
export class ResponsesClient {
  /** The base URL in use, without a trailing slash. */
  readonly baseUrl: string;
  readonly #options: ResponsesClientOptions;
  readonly #env: Record<string, string | undefined>;
  readonly #maxRetries: number;
  readonly #requestMaxRetries: number;
  readonly #url: string;
  readonly #retryBaseDelayMs: number;
  readonly #retryMaxDelayMs: number;
  readonly #streamIdleTimeoutMs: number;
  readonly #transport: ModelTransport;
  #apiKey: string | undefined;

  constructor(options: ResponsesClientOptions = {}) {
    this.#options = options;
    this.#env = options.env ?? process.env;
    const baseUrl = nonBlank(options.baseUrl) ?? nonBlank(this.#env.OPENAI_BASE_URL) ?? defaultBaseUrl;
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.#maxRetries = checkedNumber("maxRetries", options.maxRetries, 5, { integer: true, min: 0 });
    this.#requestMaxRetries = checkedNumber("requestMaxRetries", options.requestMaxRetries, this.#maxRetries, { integer: true, min: 0 });
    const url = new URL(`${this.baseUrl}/responses`);
    for (const [name, value] of Object.entries(options.queryParams ?? {})) url.searchParams.set(name, value);
    this.#url = url.toString();
    this.#retryBaseDelayMs = checkedNumber("retryBaseDelayMs", options.retryBaseDelayMs, 200, { min: 0 });
    this.#retryMaxDelayMs = checkedNumber("retryMaxDelayMs", options.retryMaxDelayMs, 20_000, { min: 0 });
    this.#streamIdleTimeoutMs = checkedNumber("streamIdleTimeoutMs", options.streamIdleTimeoutMs, 300_000, { min: 1 });
    this.#transport = options.fetch ? fetchTransport(options.fetch) : httpTransport;
  }

  /**
   * POSTs `body` to `{baseUrl}/responses` with `stream: true` and yields the parsed SSE events the
   * engine consumes, up to and including `response.completed`. Failed attempts are re-sent per the
   * retry policy; if the failed attempt had already yielded events, a `codex.stream_retry` event comes
   * first so the consumer can drop that partial output. Throws a `ModelApiError` subclass when the
   * request cannot succeed, and `AbortError` when `options.signal` fires.
   */
  async *stream(body: ResponsesRequestBody, options: StreamOptions = {}): AsyncGenerator<ResponseStreamEvent> {
    const { signal } = options;
    if (signal?.aborted) throw new AbortError();
    const apiKey = this.#options.authenticate === false ? undefined : await this.#resolveApiKey();
    if (signal?.aborted) throw new AbortError();
    const headers = buildRequestHeaders({
      apiKey,
      env: this.#env,
      clientHeaders: this.#options.headers,
      callHeaders: options.headers,
    });
    const payload = JSON.stringify({ ...body, stream: true });

    // Two budgets, as Codex's provider has: failures before a response arrived, and broken streams.
    let requestRetries = 0;
    let streamRetries = 0;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = yield* this.#attempt(headers, payload, apiKey, signal);
      if (outcome.completed) return;
      const { failure } = outcome;
      const beforeResponse = failure.kind === "http" || (failure.kind === "connection" && failure.status === undefined);
      const retryState = {
        retriesSoFar: beforeResponse ? requestRetries : streamRetries,
        maxRetries: beforeResponse ? this.#requestMaxRetries : this.#maxRetries,
        retryBaseDelayMs: this.#retryBaseDelayMs,
        retryMaxDelayMs: this.#retryMaxDelayMs,
      };
      const decision = decideRetry(failure, retryState);
      if (!decision.retry) throw errorForFailure(failure, attempt);
      if (beforeResponse) requestRetries += 1;
      else streamRetries += 1;

      const notice: RetryNotice = {
        attempt,
        maxRetries: retryState.maxRetries,
        delayMs: decision.delayMs,
        reason: describeFailure(failure),
      };
      this.#options.onRetry?.(notice);
      if (outcome.yieldedAny) yield { type: "codex.stream_retry", ...notice };
      try {
        await sleep(decision.delayMs, undefined, { signal });
      } catch {
        throw new AbortError();
      }
    }
  }

  /** One HTTP request: yields its events and reports how it ended. */
  async *#attempt(
    headers: Record<string, string>,
    payload: string,
    apiKey: string | undefined,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ResponsesWireEvent, AttemptOutcome> {
    const guard = new AttemptGuard(signal, this.#streamIdleTimeoutMs);
    let response: TransportResponse | undefined;
    let yieldedAny = false;
    let completed = false;
    let status: number | undefined;
    let requestId: string | undefined;
    try {
      response = await guard.watch(this.#transport({ url: this.#url, headers, body: payload, signal: guard.signal }));
      status = response.status;
      requestId = response.headers.get("x-request-id") ?? undefined;
      if (!isSuccessStatus(status)) {
        const body = parseErrorBody(redact(await guard.watch(response.text()), apiKey));
        return { completed: false, yieldedAny, failure: { kind: "http", status, headers: response.headers, body, requestId } };
      }
      for await (const message of readSseMessages(response, (operation) => guard.watch(operation))) {
        // Events may already be buffered; an abort must still stop the stream before the next one.
        if (guard.interruption === "caller_aborted") throw new AbortError();
        const event = parseWireEvent(message.data);
        if (event === undefined) continue;
        if (event.type === "response.failed") {
          const error = event.response?.error;
          const failureMessage = redact(error?.message ?? "the model reported response.failed without a message", apiKey);
          const failure: AttemptFailure = {
            kind: "response_failed",
            code: error?.code ?? undefined,
            message: failureMessage,
            status,
            requestId,
          };
          return { completed: false, yieldedAny, failure };
        }
        // Discarding starts before the yield (the engine stops reading once it has response.completed);
        // a consumer that reads on waits for it, so its next request finds the connection free.
        const drained = event.type === "response.completed" ? response.discard(drainTimeoutMs) : undefined;
        completed = drained !== undefined;
        yieldedAny = true;
        yield event;
        if (drained) {
          await drained;
          return { completed: true };
        }
      }
      return { completed: false, yieldedAny, failure: { kind: "incomplete_stream", status, requestId } };
    } catch (error) {
      if (signal?.aborted || guard.interruption === "caller_aborted") throw new AbortError();
      if (guard.interruption === "idle_timeout") {
        const failure: AttemptFailure = { kind: "idle_timeout", idleTimeoutMs: this.#streamIdleTimeoutMs, status, requestId };
        return { completed: false, yieldedAny, failure };
      }
      return { completed: false, yieldedAny, failure: { kind: "connection", cause: error, status, requestId } };
    } finally {
      if (completed) {
        // The body is being discarded in the background; the connection survives for the next request.
        guard.release();
      } else {
        // Also runs when the consumer breaks out of its loop: closes the connection instead of leaking it.
        response?.cancel();
        guard.dispose();
      }
    }
  }

  async #resolveApiKey(): Promise<string> {
    // Resolved at the first request, not in the constructor, and cached only once found.
    this.#apiKey ??= await resolveApiKey({
      apiKey: this.#options.apiKey,
      env: this.#env,
      codexHome: resolveCodexHome(this.#options.codexHome, this.#env),
    });
    return this.#apiKey;
  }
}

/** Servers sometimes echo the key they rejected; it must never reach an error message. */
function redact(text: string, apiKey: string | undefined): string {
  if (!apiKey) return text;
  return text.split(apiKey).join("[redacted]");
}

function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}

function checkedNumber(
  name: string,
  value: number | undefined,
  fallback: number,
  rules: { integer?: boolean; min: number },
): number {
  if (value === undefined) return fallback;
  const valid = Number.isFinite(value) && value >= rules.min && (!rules.integer || Number.isInteger(value));
  if (!valid) {
    const kind = rules.integer ? "an integer" : "a number";
    throw new InvalidArgumentError(`ResponsesClient option ${name} must be ${kind} >= ${rules.min}, got ${value}`);
  }
  return value;
}
