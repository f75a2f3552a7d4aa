/**
 * Runs one `run()` / `runStreamed()` call of a thread: opens the session on first use, writes the
 * turn's framing lines (turn_context, task_started, user_message, task_complete or turn_aborted),
 * and emits the events that announce them, each after its line is on disk.
 */
import { randomUUID } from "node:crypto";
import type { EngineConfig } from "../config/engine-config.js";
import type { ThreadSettings } from "../config/thread-settings.js";
import { AbortError, CodexError } from "../errors.js";
import type { NormalizedInput } from "../input/user-input.js";
import type { ResponsesClient } from "../model/responses-client.js";
import type { ResponseItem } from "../model/response-items.js";
import type { ThreadError, ThreadEvent } from "../protocol/events.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import { ItemEmitter } from "./item-emitter.js";
import { runTurn } from "./run-turn.js";
import type { SessionRecorder } from "./session-recorder.js";
import type { ThreadServices } from "./thread-services.js";
import type { RequestOverrides } from "./turn-context.js";

/** The thread state a turn reads and extends. */
export type ThreadState = {
  threadId: string;
  history: ResponseItem[];
  recorder: SessionRecorder;
  services: ThreadServices;
  /** The id of the turn in progress (approval requests carry it). */
  currentTurnId: string;
};

export type TurnRequest = {
  engine: EngineConfig;
  settings: ThreadSettings;
  client: ResponsesClient;
  tools: ToolRegistry;
  input: NormalizedInput;
  outputSchema: Record<string, unknown> | undefined;
  signal: AbortSignal;
  emit: (event: ThreadEvent) => void;
  /** Per-request instructions/model (review mode, the active agent); see TurnContext. */
  requestOverrides?: () => RequestOverrides;
  extraHeaders?: Record<string, string>;
  /** Runs once the model ended the turn, before task_complete (review mode records its exit here). */
  finishTurn?: (finished: FinishedTurn) => Promise<void>;
};

/** What `finishTurn` may read and extend: the thread's history and session file, and the event sink. */
export type FinishedTurn = { finalResponse: string; history: ResponseItem[]; recorder: SessionRecorder; emit: (event: ThreadEvent) => void };

/**
 * Runs the turn. Resolves when it completed or failed (a failure was emitted as `turn.failed` and
 * is returned); throws AbortError when aborted.
 */
export async function executeTurn(state: ThreadState, request: TurnRequest): Promise<{ failure?: Error }> {
  const { settings, emit, signal } = request;
  const turnId = randomUUID();
  state.currentTurnId = turnId;
  const recorder = state.recorder;
  await recorder.recordTurnStart(turnId, settings, request.input.message, {
    message: request.input.text,
    images: request.input.imagePaths.length > 0 ? request.input.imagePaths : null,
  });
  emit({ type: "turn.started" });
  state.history.push(request.input.message);
  const items = new ItemEmitter(emit);
  try {
    const result = await runTurn(
      {
        threadId: state.threadId,
        turnId,
        settings,
        env: request.engine.env,
        codexHome: request.engine.codexHome,
        client: request.client,
        tools: request.tools,
        recorder,
        items,
        services: state.services,
        signal,
        outputSchema: request.outputSchema,
        ...(request.requestOverrides ? { requestOverrides: request.requestOverrides } : {}),
        ...(request.extraHeaders ? { extraHeaders: request.extraHeaders } : {}),
      },
      state.history,
    );
    await request.finishTurn?.({ finalResponse: result.finalResponse, history: state.history, recorder, emit });
    await recorder.recordEvent({ type: "task_complete", turn_id: turnId, last_agent_message: result.finalResponse || null });
    emit({ type: "turn.completed", usage: result.usage });
    return {};
  } catch (error) {
    if (signal.aborted || error instanceof AbortError || (error as Error)?.name === "AbortError") {
      await recorder.recordEvent({ type: "turn_aborted", turn_id: turnId, reason: "interrupted" });
      throw new AbortError("The turn was aborted");
    }
    const failure = error instanceof Error ? error : new CodexError(String(error));
    await recorder.recordEvent({ type: "error", message: failure.message });
    emit({ type: "turn.failed", error: threadErrorOf(failure) });
    return { failure };
  }
}

/** The `turn.failed` payload: the message plus the typed error's name and model API details. */
function threadErrorOf(failure: Error): ThreadError {
  const details = failure as Error & { status?: unknown; code?: unknown; requestId?: unknown };
  return {
    message: failure.message,
    name: failure.name,
    ...(typeof details.status === "number" ? { status: details.status } : {}),
    ...(typeof details.code === "string" ? { code: details.code } : {}),
    ...(typeof details.requestId === "string" ? { requestId: details.requestId } : {}),
  };
}
