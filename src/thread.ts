/**
 * A conversation with the agent. Each `run` / `runStreamed` is one turn; history carries over.
 * Same surface as @openai/codex-sdk's Thread, plus `sendBackgroundEvent`.
 */
import type { EngineConfig } from "./config/engine-config.js";
import { resolveThreadSettings, type ThreadSettings } from "./config/thread-settings.js";
import { executeTurn, type ThreadState } from "./engine/turn-runner.js";
import { resumeSession, startSession } from "./engine/thread-session.js";
import type { ApprovalCallback } from "./approvals/approval-callback.js";
import { createThreadServices } from "./engine/create-thread-services.js";
import { AbortError, GitRepoCheckError, InvalidArgumentError, NoActiveTurnError, ThreadBusyError } from "./errors.js";
import { normalizeInput, type Input } from "./input/user-input.js";
import type { ResponsesClient } from "./model/responses-client.js";
import { validateOutputSchema } from "./options/output-schema.js";
import type { ThreadOptions } from "./options/thread-options.js";
import type { TurnOptions } from "./options/turn-options.js";
import { validateTurnOptions } from "./options/validate-options.js";
import type { ThreadEvent, Usage } from "./protocol/events.js";
import type { ThreadItem } from "./protocol/items.js";
import { findGitRoot } from "./sessions/git-info.js";
import { defaultToolRegistry } from "./tools/default-tools.js";
import { AsyncQueue } from "./util/async-queue.js";
import { uuidV7 } from "./util/uuid-v7.js";

/** A completed turn. */
export type Turn = { items: ThreadItem[]; finalResponse: string; usage: Usage | null };
/** Alias of `Turn`, the result of `run()`. */
export type RunResult = Turn;
/** The result of `runStreamed()`. */
export type StreamedTurn = { events: AsyncGenerator<ThreadEvent> };
/** Alias of `StreamedTurn`. */
export type RunStreamedResult = StreamedTurn;

/** Internal wiring handed over by `Codex`; not part of the public API. */
export type ThreadRuntime = {
  engine: EngineConfig;
  client: () => ResponsesClient;
  /** The Codex-wide approval callback, used when the thread has none of its own. */
  approvalCallback: () => ApprovalCallback | undefined;
};

export class Thread {
  private _id: string | null;
  private readonly settings: ThreadSettings;
  private state: ThreadState | undefined;
  private activeTurn: { emit: (event: ThreadEvent) => void; state: ThreadState } | undefined;
  private busy = false;
  private approvalCallback: ApprovalCallback | undefined;

  /** @internal Use `codex.startThread()` or `codex.resumeThread()`. */
  constructor(
    private readonly runtime: ThreadRuntime,
    options: ThreadOptions,
    resumeId: string | null,
  ) {
    this.settings = resolveThreadSettings(runtime.engine, options);
    this._id = resumeId;
  }

  /** The thread id: set from the first `thread.started` event (at once for resumed threads). */
  get id(): string | null {
    return this._id;
  }

  /** Runs a turn and streams its events. */
  async runStreamed(input: Input, turnOptions: TurnOptions = {}): Promise<StreamedTurn> {
    const { outputSchema, signal } = checkTurnOptions(turnOptions);
    return { events: this.streamTurn(input, outputSchema, signal, false) };
  }

  /** Runs a turn to completion and returns its items, final response and usage. */
  async run(input: Input, turnOptions: TurnOptions = {}): Promise<Turn> {
    const { outputSchema, signal } = checkTurnOptions(turnOptions);
    // Unlike the stream (which ends with turn.failed), run() rejects with the typed error.
    const events = this.streamTurn(input, outputSchema, signal, true);
    const items: ThreadItem[] = [];
    let finalResponse = "";
    let usage: Usage | null = null;
    for await (const event of events) {
      if (event.type === "item.completed") {
        items.push(event.item);
        if (event.item.type === "agent_message") finalResponse = event.item.text;
      } else if (event.type === "turn.completed") {
        usage = event.usage;
      }
    }
    return { items, finalResponse, usage };
  }

  /**
   * Registers this thread's approval callback (it wins over `codex.setApprovalCallback`). It is
   * asked whenever the approval policy requires a decision; pass undefined to remove it.
   */
  onApprovalRequest(callback: ApprovalCallback | undefined): void {
    if (callback !== undefined && typeof callback !== "function") {
      throw new InvalidArgumentError("onApprovalRequest expects a function (or undefined to remove it)");
    }
    this.approvalCallback = callback;
  }

  /**
   * Publishes a progress note during a streamed turn: it is written to the session file and
   * yielded as a `background_event` event. Throws NoActiveTurnError when no turn is running.
   */
  async sendBackgroundEvent(message: string): Promise<void> {
    const active = this.activeTurn;
    if (!active) throw new NoActiveTurnError("sendBackgroundEvent() needs a running turn: call it while iterating runStreamed()");
    await active.state.recorder.recordEvent({ type: "background_event", message: String(message) });
    active.emit({ type: "background_event", message: String(message) });
  }

  private async *streamTurn(
    input: Input,
    outputSchema: Record<string, unknown> | undefined,
    signal: AbortSignal | undefined,
    throwOnFailure: boolean,
  ): AsyncGenerator<ThreadEvent> {
    if (this.busy) throw new ThreadBusyError("This thread is already running a turn; wait for it to finish before starting another");
    this.busy = true;
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", forwardAbort, { once: true });
    if (signal?.aborted) controller.abort(signal.reason);
    const queue = new AsyncQueue<ThreadEvent>();
    const turn = this.execute(input, outputSchema, controller.signal, queue).then(
      (failure) => (failure && throwOnFailure ? queue.fail(failure) : queue.end()),
      (error: unknown) => queue.fail(error),
    );
    try {
      yield* queue;
    } finally {
      // The consumer stopped early (break/return): stop the turn and let it settle.
      if (!controller.signal.aborted) controller.abort(new AbortError("The consumer stopped reading events"));
      await turn;
      signal?.removeEventListener("abort", forwardAbort);
      this.activeTurn = undefined;
      this.busy = false;
    }
  }

  /** Returns the turn's failure (already emitted as `turn.failed`), or throws setup/abort errors. */
  private async execute(
    input: Input,
    outputSchema: Record<string, unknown> | undefined,
    signal: AbortSignal,
    queue: AsyncQueue<ThreadEvent>,
  ): Promise<Error | undefined> {
    const { engine } = this.runtime;
    if (!this.settings.skipGitRepoCheck && !(await findGitRoot(this.settings.cwd))) {
      throw new GitRepoCheckError("Not inside a trusted directory and --skip-git-repo-check was not specified.");
    }
    const normalized = await normalizeInput(input, this.settings.cwd);
    const client = this.runtime.client();
    if (signal.aborted) throw new AbortError();
    const state = await this.openSession();
    const emit = (event: ThreadEvent) => queue.push(event);
    this._id = state.threadId;
    emit({ type: "thread.started", thread_id: state.threadId });
    this.activeTurn = { emit, state };
    const tools = defaultToolRegistry(this.settings);
    const result = await executeTurn(state, { engine, settings: this.settings, client, tools, input: normalized, outputSchema, signal, emit });
    return result.failure;
  }

  private async openSession(): Promise<ThreadState> {
    if (this.state) return this.state;
    const { engine } = this.runtime;
    const threadId = this._id ?? uuidV7();
    const opened = this._id ? await resumeSession(engine, this.settings, threadId) : await startSession(engine, this.settings, threadId);
    const state: ThreadState = {
      threadId,
      history: opened.history,
      recorder: opened.recorder,
      currentTurnId: "",
      services: createThreadServices({
        engine,
        settings: this.settings,
        threadId,
        currentTurnId: () => state.currentTurnId,
        approvalCallback: () => this.approvalCallback ?? this.runtime.approvalCallback(),
      }),
    };
    this.state = state;
    return state;
  }
}

/** Validates turn options before anything runs; an already-aborted signal rejects at once. */
function checkTurnOptions(turnOptions: TurnOptions): { outputSchema: Record<string, unknown> | undefined; signal: AbortSignal | undefined } {
  const options = validateTurnOptions(turnOptions);
  if (options.signal?.aborted) throw new AbortError();
  return { outputSchema: validateOutputSchema(options.outputSchema), signal: options.signal };
}
