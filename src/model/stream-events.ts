/**
 * The SSE events of a streamed Responses request that the engine consumes (codex-engine-spec §1.5),
 * plus the synthetic `codex.stream_retry` that `ResponsesClient` inserts when it restarts a stream.
 * Everything else the server sends (`response.in_progress`, argument deltas, …) is skipped.
 */
import { z } from "zod";
import { ResponseItem } from "./response-items.js";
import { ResponsesUsage } from "./responses-usage.js";

/** The response was accepted; nothing to do yet. */
export const ResponseCreatedEvent = z.looseObject({
  type: z.literal("response.created"),
  response: z.looseObject({ id: z.string().optional() }).optional(),
});
export type ResponseCreatedEvent = z.infer<typeof ResponseCreatedEvent>;

/** An output item started; deltas that follow belong to it. */
export const OutputItemAddedEvent = z.looseObject({
  type: z.literal("response.output_item.added"),
  output_index: z.number().optional(),
  item: ResponseItem,
});
export type OutputItemAddedEvent = z.infer<typeof OutputItemAddedEvent>;

/** An output item is final: record it, and run it if it is a tool call. */
export const OutputItemDoneEvent = z.looseObject({
  type: z.literal("response.output_item.done"),
  output_index: z.number().optional(),
  item: ResponseItem,
});
export type OutputItemDoneEvent = z.infer<typeof OutputItemDoneEvent>;

/** A piece of assistant message text. */
export const OutputTextDeltaEvent = z.looseObject({
  type: z.literal("response.output_text.delta"),
  item_id: z.string().optional(),
  output_index: z.number().optional(),
  content_index: z.number().optional(),
  delta: z.string(),
});
export type OutputTextDeltaEvent = z.infer<typeof OutputTextDeltaEvent>;

/** A piece of a reasoning summary section. */
export const ReasoningSummaryTextDeltaEvent = z.looseObject({
  type: z.literal("response.reasoning_summary_text.delta"),
  item_id: z.string().optional(),
  output_index: z.number().optional(),
  summary_index: z.number(),
  delta: z.string(),
});
export type ReasoningSummaryTextDeltaEvent = z.infer<typeof ReasoningSummaryTextDeltaEvent>;

/** A new reasoning summary section starts (a section break for display). */
export const ReasoningSummaryPartAddedEvent = z.looseObject({
  type: z.literal("response.reasoning_summary_part.added"),
  item_id: z.string().optional(),
  output_index: z.number().optional(),
  summary_index: z.number(),
});
export type ReasoningSummaryPartAddedEvent = z.infer<typeof ReasoningSummaryPartAddedEvent>;

/** A piece of raw reasoning text. */
export const ReasoningTextDeltaEvent = z.looseObject({
  type: z.literal("response.reasoning_text.delta"),
  item_id: z.string().optional(),
  output_index: z.number().optional(),
  content_index: z.number(),
  delta: z.string(),
});
export type ReasoningTextDeltaEvent = z.infer<typeof ReasoningTextDeltaEvent>;

/** The response finished; the stream ends here. */
export const ResponseCompletedEvent = z.looseObject({
  type: z.literal("response.completed"),
  response: z.looseObject({ id: z.string(), usage: ResponsesUsage.nullish() }),
});
export type ResponseCompletedEvent = z.infer<typeof ResponseCompletedEvent>;

/** The error of a failed response. */
export const ResponseError = z.looseObject({ code: z.string().nullish(), message: z.string().nullish() });
export type ResponseError = z.infer<typeof ResponseError>;

/**
 * The model gave up. `ResponsesClient` never yields this event: it turns it into a retry or a
 * thrown error (see `classifyResponseFailure`).
 */
export const ResponseFailedEvent = z.looseObject({
  type: z.literal("response.failed"),
  response: z.looseObject({ id: z.string().optional(), error: ResponseError.nullish() }).optional(),
});
export type ResponseFailedEvent = z.infer<typeof ResponseFailedEvent>;

/**
 * Synthetic event (never sent by a server): the client is about to re-send the request after events
 * of the failed attempt were already yielded. Discard any partial output received since the last
 * `response.created`; the new attempt starts over with its own `response.created`.
 */
export const StreamRetryEvent = z.object({
  type: z.literal("codex.stream_retry"),
  /** Which retry this is, 1-based. */
  attempt: z.number(),
  maxRetries: z.number(),
  delayMs: z.number(),
  /** Why the previous attempt failed, for display ("stream closed before response.completed"). */
  reason: z.string(),
});
export type StreamRetryEvent = z.infer<typeof StreamRetryEvent>;

/** The events a server may send that the engine consumes. */
export const ResponsesWireEvent = z.discriminatedUnion("type", [
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
export type ResponsesWireEvent = z.infer<typeof ResponsesWireEvent>;

/** Everything `ResponsesClient.stream()` can yield (in practice never `response.failed`). */
export const ResponseStreamEvent = z.discriminatedUnion("type", [...ResponsesWireEvent.options, StreamRetryEvent]);
export type ResponseStreamEvent = z.infer<typeof ResponseStreamEvent>;

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
