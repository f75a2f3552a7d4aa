/**
 * A scripted answer to one `POST /v1/responses`: either an SSE stream (possibly with a fault) or an
 * HTTP error. Build them with `mockTurn`, `failedTurn`, `rawTurn` and the fault helpers.
 */
import { InvalidArgumentError } from "../errors.js";
import { type EventPayload, itemEvents } from "./item-events.js";
import { type MockUsage, usage as buildUsage } from "./mock-usage.js";
import { nextMockId, type OutputItem } from "./output-items.js";

/** One SSE frame, written as `event: <event>\ndata: <data>\n\n`. `data` need not be JSON. */
export interface MockSseFrame {
  readonly event: string;
  readonly data: string;
}

/** How a streamed turn misbehaves after `afterEvents` frames. */
export type MockStreamInterruption =
  /** Destroy the socket. */
  | { readonly type: "drop"; readonly afterEvents: number }
  /** Send nothing for `ms` (forever, until the server closes, when undefined), then continue. */
  | { readonly type: "stall"; readonly afterEvents: number; readonly ms: number | undefined };

/** A `200 text/event-stream` answer. */
export interface MockStreamTurn {
  readonly kind: "stream";
  readonly frames: readonly MockSseFrame[];
  readonly interruption?: MockStreamInterruption;
}

/** A non-2xx answer with a fixed body. */
export interface MockHttpErrorTurn {
  readonly kind: "http_error";
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the mock server answers to one request. */
export type MockTurn = MockStreamTurn | MockHttpErrorTurn;

/** Options of `mockTurn`. */
export interface MockTurnOptions {
  /** Usage in `response.completed`; all zeros by default. */
  usage?: MockUsage;
  /** The response id (`resp_mock_<n>` by default). */
  responseId?: string;
  /** Characters per text/arguments delta (default 16). */
  textChunkSize?: number;
}

/**
 * A successful turn streaming `items` with the same event sequence as the real API:
 * `response.created`, `response.in_progress`, per item `output_item.added` → deltas →
 * `output_item.done`, then `response.completed` with the full output and usage.
 */
export function mockTurn(items: OutputItem[], options: MockTurnOptions = {}): MockStreamTurn {
  const chunkSize = options.textChunkSize ?? 16;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new InvalidArgumentError(`mockTurn textChunkSize must be a positive integer, got ${chunkSize}`);
  }
  const response = responseObject(options.responseId ?? nextMockId("resp"));
  const events: EventPayload[] = [
    { type: "response.created", response },
    { type: "response.in_progress", response },
    ...items.flatMap((item, outputIndex) => itemEvents(item, outputIndex, chunkSize)),
    {
      type: "response.completed",
      response: { ...response, status: "completed", output: items, usage: options.usage ?? buildUsage() },
    },
  ];
  return { kind: "stream", frames: sequenced(events) };
}

/** A turn the model gives up on: `response.created`, then `response.failed` with `error: {code, message}`. */
export function failedTurn(code: string, message: string, options: { responseId?: string } = {}): MockStreamTurn {
  const response = responseObject(options.responseId ?? nextMockId("resp"));
  return {
    kind: "stream",
    frames: sequenced([
      { type: "response.created", response },
      { type: "response.failed", response: { ...response, status: "failed", error: { code, message } } },
    ]),
  };
}

/**
 * A stream of exactly these event payloads (each gets a `sequence_number` unless it has one), for
 * sequences the other builders do not cover, e.g. a stream that ends without `response.completed`.
 */
export function rawTurn(events: EventPayload[]): MockStreamTurn {
  return { kind: "stream", frames: sequenced(events) };
}

function responseObject(id: string): Record<string, unknown> {
  return {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status: "in_progress",
    error: null,
    incomplete_details: null,
    output: [],
    usage: null,
  };
}

function sequenced(events: EventPayload[]): MockSseFrame[] {
  return events.map((event, index) => ({
    event: event.type,
    // `type` first and a `sequence_number` like the real API, unless the payload brings its own.
    data: JSON.stringify(Object.assign({ type: event.type, sequence_number: index }, event)),
  }));
}
