/**
 * Events streamed by `Thread.runStreamed`. The first eight kinds are exactly those of
 * @openai/codex-sdk; `background_event` only appears when the caller sends one.
 */
import type { ThreadItem } from "./items.js";

/** First event of every run; carries the id to resume the thread with. */
export type ThreadStartedEvent = { type: "thread.started"; thread_id: string };

/** A turn began: the prompt is on its way to the model. */
export type TurnStartedEvent = { type: "turn.started" };

/** Token usage summed over every model request of a turn. */
export type Usage = {
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
};

/** The turn ended normally. */
export type TurnCompletedEvent = { type: "turn.completed"; usage: Usage };

/** A fatal error of a turn. */
export type ThreadError = {
  /** Human-readable message; model failures begin as Codex's do (see the README). */
  message: string;
  /** Class name of the typed error `run()` would reject with, e.g. `"StreamInterruptedError"`. */
  name?: string;
  /** HTTP status of the model API's answer, when one arrived. */
  status?: number;
  /** Machine-readable code (the API's `error.code` / `error.type`), when known. */
  code?: string;
  /** The model API's request id (`x-request-id`), when it sent one. */
  requestId?: string;
};

/** The turn ended with an error. */
export type TurnFailedEvent = { type: "turn.failed"; error: ThreadError };

/** An item began (usually `in_progress`). */
export type ItemStartedEvent = { type: "item.started"; item: ThreadItem };

/** An item changed (plan updates; text deltas when `streamDeltas` is on). */
export type ItemUpdatedEvent = { type: "item.updated"; item: ThreadItem };

/** An item reached its final state. */
export type ItemCompletedEvent = { type: "item.completed"; item: ThreadItem };

/** An unrecoverable error reported by the stream itself. */
export type ThreadErrorEvent = { type: "error"; message: string };

/** A progress note published with `thread.sendBackgroundEvent()` during a turn. */
export type BackgroundEvent = { type: "background_event"; message: string };

/** Every event `runStreamed` can yield. */
export type ThreadEvent =
  | ThreadStartedEvent
  | TurnStartedEvent
  | TurnCompletedEvent
  | TurnFailedEvent
  | ItemStartedEvent
  | ItemUpdatedEvent
  | ItemCompletedEvent
  | ThreadErrorEvent
  | BackgroundEvent;
