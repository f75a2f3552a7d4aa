/**
 * Runs one `run()` / `runStreamed()` call of a thread: opens the session on first use, writes the
 * turn's framing lines (turn_context, task_started, user_message, task_complete or turn_aborted),
 * and emits the events that announce them, each after its line is on disk. Also runs compactions:
 * automatic ones before a turn or a follow-up request once the context nears the window, and the
 * ones `thread.compact()` asks for.
 */
import { compactHistory, isConversationItem } from "../compaction/compact-history.js";
import { autoCompactTokenLimit, currentContextTokens } from "../compaction/compaction-threshold.js";
import type { EngineConfig } from "../config/engine-config.js";
import type { ThreadSettings } from "../config/thread-settings.js";
import { AbortError, CodexError } from "../errors.js";
import type { NormalizedInput } from "../input/user-input.js";
import type { ResponsesClient } from "../model/responses-client.js";
import type { ResponseItem } from "../model/response-items.js";
import type { ThreadError, ThreadEvent, Usage } from "../protocol/events.js";
import { skillCatalog, skillInjections, type CodexSkills } from "../skills/skill-catalog.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import { randomUuidV4 } from "../util/random-bytes.js";
import { ItemEmitter } from "./item-emitter.js";
import { runTurn } from "./run-turn.js";
import type { SessionRecorder } from "./session-recorder.js";
import { initialContext, type SessionContext } from "./thread-session.js";
import type { ThreadServices } from "./thread-services.js";
import type { RequestOverrides, TurnContext } from "./turn-context.js";
import { addUsage, tokenCountEvent } from "./usage.js";

/** The thread state a turn reads and extends. */
export type ThreadState = {
  threadId: string;
  history: ResponseItem[];
  recorder: SessionRecorder;
  services: ThreadServices;
  /** The id of the turn in progress (approval requests carry it). */
  currentTurnId: string;
  /** Skills found on disk, thread usage, context estimate. */
  session: SessionContext;
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
  /** The Codex instance's skills at the time of the turn. */
  codexSkills: CodexSkills;
  /** Per-request instructions/model (review mode, the active agent); see TurnContext. */
  requestOverrides?: () => RequestOverrides;
  extraHeaders?: Record<string, string>;
  /** Runs once the model ended the turn, before task_complete (review mode records its exit here). */
  finishTurn?: (finished: FinishedTurn) => Promise<void>;
};

/** What `finishTurn` may read and extend: the thread's history and session file, and the event sink. */
export type FinishedTurn = { finalResponse: string; history: ResponseItem[]; recorder: SessionRecorder; emit: (event: ThreadEvent) => void };

/** A compaction `thread.compact()` asked for: a turn without input. */
export type CompactionRequest = Omit<TurnRequest, "input" | "outputSchema">;

function turnContextOf(state: ThreadState, request: CompactionRequest, turnId: string, outputSchema: Record<string, unknown> | undefined): TurnContext {
  return {
    threadId: state.threadId,
    turnId,
    settings: request.settings,
    env: request.engine.env,
    codexHome: request.engine.codexHome,
    client: request.client,
    tools: request.tools,
    recorder: state.recorder,
    items: new ItemEmitter(request.emit),
    services: state.services,
    signal: request.signal,
    outputSchema,
    ...(request.requestOverrides ? { requestOverrides: request.requestOverrides } : {}),
    ...(request.extraHeaders ? { extraHeaders: request.extraHeaders } : {}),
  };
}

/** Compacts the thread's history in place and updates its usage and context estimate. */
async function compact(state: ThreadState, request: CompactionRequest, turn: TurnContext): Promise<void> {
  const catalog = skillCatalog(state.session.discoveredSkills, request.settings, request.codexSkills);
  const result = await compactHistory(turn, state.history, {
    initialContext: async () => initialContext(request.engine, request.settings, catalog),
    onUsage: async (usage) => {
      addUsage(state.session.usage, usage);
      await state.recorder.recordEvent(tokenCountEvent(state.session.usage, usage, request.settings.model.contextWindow));
    },
  });
  state.session.contextUsage = result.context;
}

/** Over the limit, and with some conversation to summarise (a large initial context alone is not compacted). */
function contextIsNearlyFull(state: ThreadState, settings: ThreadSettings): boolean {
  return (
    currentContextTokens(state.session.contextUsage, state.history) >= autoCompactTokenLimit(settings) &&
    state.history.some(isConversationItem)
  );
}

/**
 * Runs the turn. Resolves when it completed or failed (a failure was emitted as `turn.failed` and
 * is returned); throws AbortError when aborted.
 */
export async function executeTurn(state: ThreadState, request: TurnRequest): Promise<{ failure?: Error }> {
  const { settings, emit, signal } = request;
  const turnId = randomUuidV4();
  state.currentTurnId = turnId;
  const recorder = state.recorder;
  const turn = turnContextOf(state, request, turnId, request.outputSchema);
  const catalog = skillCatalog(state.session.discoveredSkills, settings, request.codexSkills);
  const injected = await skillInjections(request.input.text, catalog);
  await recorder.recordTurnStart(turnId, settings);
  emit({ type: "turn.started" });
  return settleTurn(turnId, request, recorder, async () => {
    // Compact what came before this turn first, so the new prompt is not summarised away.
    if (contextIsNearlyFull(state, settings)) await compact(state, request, turn);
    const userEvent = {
      type: "user_message",
      message: request.input.text,
      images: request.input.imagePaths.length > 0 ? request.input.imagePaths : null,
    };
    // The prompt, then the skills it mentions (Codex's order), in one write.
    await recorder.record([{ item: request.input.message, event: userEvent }, ...injected.map((item) => ({ item }))]);
    state.history.push(request.input.message, ...injected);
    const result = await runTurn(turn, state.history, {
      threadUsage: state.session.usage,
      onResponse: (usage, historyLength) => {
        if (usage) state.session.contextUsage = { lastTotalTokens: usage.total_tokens, historyLengthThen: historyLength };
      },
      beforeFollowUp: async () => {
        if (contextIsNearlyFull(state, settings)) await compact(state, request, turn);
      },
    });
    await request.finishTurn?.({ finalResponse: result.finalResponse, history: state.history, recorder, emit });
    return result;
  });
}

/** Runs a compaction as a turn of its own (`thread.compact()`). */
export async function executeCompaction(state: ThreadState, request: CompactionRequest): Promise<{ failure?: Error }> {
  const turnId = randomUuidV4();
  state.currentTurnId = turnId;
  await state.recorder.recordTurnStart(turnId, request.settings);
  request.emit({ type: "turn.started" });
  const before = { ...state.session.usage };
  return settleTurn(turnId, request, state.recorder, async () => {
    await compact(state, request, turnContextOf(state, request, turnId, undefined));
    const usage = { ...state.session.usage };
    for (const key of Object.keys(usage) as Array<keyof typeof usage>) usage[key] -= before[key];
    return { finalResponse: "", usage };
  });
}

/** Records and emits how the turn ended. */
async function settleTurn(
  turnId: string,
  request: CompactionRequest,
  recorder: SessionRecorder,
  body: () => Promise<{ finalResponse: string; usage: Usage }>,
): Promise<{ failure?: Error }> {
  const { emit, signal } = request;
  try {
    const result = await body();
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
