/**
 * The SSE events of a streamed Responses request that the engine consumes (codex-engine-spec §1.5),
 * plus the synthetic `codex.stream_retry` that `ResponsesClient` inserts when it restarts a stream.
 * Everything else the server sends (`response.in_progress`, argument deltas, …) is skipped.
 */
import { s, type Infer } from "../validation/spec.js";
import { ResponseItem } from "./response-items.js";
import { ResponsesUsage } from "./responses-usage.js";

/** The response was accepted; nothing to do yet. */
export const ResponseCreatedEvent = s.looseObject({
  type: s.literal("response.created"),
  response: s.looseObject({ id: s.string().optional() }).optional(),
});
export type ResponseCreatedEvent = Infer<typeof ResponseCreatedEvent>;

/** An output item started; deltas that follow belong to it. */
export const OutputItemAddedEvent = s.looseObject({
  type: s.literal("response.output_item.added"),
  output_index: s.number().optional(),
  item: ResponseItem,
});
export type OutputItemAddedEvent = Infer<typeof OutputItemAddedEvent>;

/** An output item is final: record it, and run it if it is a tool call. */
export const OutputItemDoneEvent = s.looseObject({
  type: s.literal("response.output_item.done"),
  output_index: s.number().optional(),
  item: ResponseItem,
});
export type OutputItemDoneEvent = Infer<typeof OutputItemDoneEvent>;

/** A piece of assistant message text. */
export const OutputTextDeltaEvent = s.looseObject({
  type: s.literal("response.output_text.delta"),
  item_id: s.string().optional(),
  output_index: s.number().optional(),
  content_index: s.number().optional(),
  delta: s.string(),
});
export type OutputTextDeltaEvent = Infer<typeof OutputTextDeltaEvent>;

/** A piece of a reasoning summary section. */
export const ReasoningSummaryTextDeltaEvent = s.looseObject({
  type: s.literal("response.reasoning_summary_text.delta"),
  item_id: s.string().optional(),
  output_index: s.number().optional(),
  summary_index: s.number(),
  delta: s.string(),
});
export type ReasoningSummaryTextDeltaEvent = Infer<typeof ReasoningSummaryTextDeltaEvent>;

/** A new reasoning summary section starts (a section break for display). */
export const ReasoningSummaryPartAddedEvent = s.looseObject({
  type: s.literal("response.reasoning_summary_part.added"),
  item_id: s.string().optional(),
  output_index: s.number().optional(),
  summary_index: s.number(),
});
export type ReasoningSummaryPartAddedEvent = Infer<typeof ReasoningSummaryPartAddedEvent>;

/** A piece of raw reasoning text. */
export const ReasoningTextDeltaEvent = s.looseObject({
  type: s.literal("response.reasoning_text.delta"),
  item_id: s.string().optional(),
  output_index: s.number().optional(),
  content_index: s.number(),
  delta: s.string(),
});
export type ReasoningTextDeltaEvent = Infer<typeof ReasoningTextDeltaEvent>;

/** The response finished; the stream ends here. */
export const ResponseCompletedEvent = s.looseObject({
  type: s.literal("response.completed"),
  response: s.looseObject({ id: s.string(), usage: ResponsesUsage.nullish() }),
});
export type ResponseCompletedEvent = Infer<typeof ResponseCompletedEvent>;

/** The error of a failed response. */
export const ResponseError = s.looseObject({ code: s.string().nullish(), message: s.string().nullish() });
export type ResponseError = Infer<typeof ResponseError>;

/**
 * The model gave up. `ResponsesClient` never yields this event: it turns it into a retry or a
 * thrown error (see `classifyResponseFailure`).
 */
export const ResponseFailedEvent = s.looseObject({
  type: s.literal("response.failed"),
  response: s.looseObject({ id: s.string().optional(), error: ResponseError.nullish() }).optional(),
});
export type ResponseFailedEvent = Infer<typeof ResponseFailedEvent>;

/**
 * Synthetic event (never sent by a server): the client is about to re-send the request after events
 * of the failed attempt were already yielded. Discard any partial output received since the last
 * `response.created`; the new attempt starts over with its own `response.created`.
 */
export const StreamRetryEvent = s.object({
  type: s.literal("codex.stream_retry"),
  /** Which retry this is, 1-based. */
  attempt: s.number(),
  maxRetries: s.number(),
  delayMs: s.number(),
  /** Why the previous attempt failed, for display ("stream closed before response.completed"). */
  reason: s.string(),
});
export type StreamRetryEvent = Infer<typeof StreamRetryEvent>;

/** The events a server may send that the engine consumes. */
export const ResponsesWireEvent = s.discriminatedUnion("type", [
  ResponseCreatedEvent,
  OutputItemAddedEvent,
  OutputItemDoneEvent,
  OutputTextDeltaEvent,
  ReasoningSummaryTextDeltaEvent,
  ReasoningSummaryPartAddedEvent,
  ReasoningTextDeltaEvent,
  ResponseCompletedEvent,
  ResponseFailedEvent,
]);
export type ResponsesWireEvent = Infer<typeof ResponsesWireEvent>;

/** Everything `ResponsesClient.stream()` can yield (in practice never `response.failed`). */
export const ResponseStreamEvent = s.discriminatedUnion("type", [...ResponsesWireEvent.options, StreamRetryEvent]);
export type ResponseStreamEvent = Infer<typeof ResponseStreamEvent>;

const consumedTypes = new Set<string>(ResponsesWireEvent.options.map((option) => option.shape.type.value));

/**
 * Parses one SSE `data:` payload. Returns undefined (skip it, like Codex) when the data is not JSON,
 * the event type is one the engine does not consume, or a consumed event does not match its schema.
 */
export function parseWireEvent(data: string): ResponsesWireEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null) return undefined;
  const type = (json as { type?: unknown }).type;
  if (typeof type !== "string" || !consumedTypes.has(type)) return undefined;
  const parsed = ResponsesWireEvent.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
