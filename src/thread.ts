/**
 * A conversation with the agent. Each `run` / `runStreamed` is one turn; history carries over.
 * Same surface as @openai/codex-sdk's Thread, plus `sendBackgroundEvent`, approval callbacks and
 * `close()`.
 */
import { stat } from "node:fs/promises";
import type { EngineConfig } from "./config/engine-config.js";
import { resolveThreadSettings, type ThreadSettings } from "./config/thread-settings.js";
import type { ApprovalCallback } from "./options/approval-callback-types.js";
import {
  AbortError,
  GitRepoCheckError,
  InvalidArgumentError,
  NoActiveTurnError,
  ThreadBusyError,
  ThreadClosedError,
} from "./errors.js";
import type { Input } from "./input/user-input.js";
import { loadThreadEngine, type ThreadEngine } from "./engine/load-thread-engine.js";
import type { ThreadState, TurnRequest } from "./engine/turn-runner.js";
import type { RequestOverrides } from "./engine/turn-context.js";
import type { SessionRecorder } from "./engine/session-recorder.js";
import type { ToolRegistry } from "./tools/tool-registry.js";
import type { ResponsesClient } from "./model/responses-client.js";
import { validateOutputSchema } from "./options/output-schema.js";
import type { ThreadOptions } from "./options/thread-options.js";
import type { TurnOptions } from "./options/turn-options.js";
import { validateThreadOptions, validateTurnOptions } from "./options/validate-options.js";
import type { ThreadEvent, Usage } from "./protocol/events.js";
import type { ThreadItem } from "./protocol/items.js";
import type { RolloutContents } from "./sessions/rollout-reader.js";
import type { ForkOptions } from "./sessions/conversation-types.js";
import type { CodexSkills } from "./skills/skill-catalog.js";
import { AsyncQueue } from "./util/async-queue.js";
import type { McpServerConfig } from "./mcp/mcp-server-config.js";
import type { CustomToolRegistry } from "./tools/custom/custom-tool-registry.js";

/** A completed turn. */
export type Turn = {
  /** The items the turn completed, in order. */
  items: ThreadItem[];
  /** Text of the last agent message (JSON when an `outputSchema` was given). */
  finalResponse: string;
  /** Token usage summed over the turn's model requests. */
  usage: Usage | null;
};
/** Alias of `Turn`, the result of `run()`. */
export type RunResult = Turn;
/** The result of `runStreamed()`. */
export type StreamedTurn = {
  /** The turn's events; the iteration throws for problems that keep the turn from starting. */
  events: AsyncGenerator<ThreadEvent>;
};
/** Alias of `StreamedTurn`. */
export type RunStreamedResult = StreamedTurn;

/** Internal wiring handed over by `Codex`; not part of the public API. */
export type ThreadRuntime = {
  engine: EngineConfig;
  /** The model client, created on first use (the engine module is loaded by then). */
  client: (engine: ThreadEngine) => ResponsesClient;
  /** The Codex-wide approval callback, used when the thread has none of its own. */
  approvalCallback: () => ApprovalCallback | undefined;
  /** Called once the thread is closed, so its Codex stops tracking it. */
  onClose: (thread: Thread) => void;
  /** The instance's registered tools and interceptors, read live on every request. */
  customTools: CustomToolRegistry;
  /** The instance's MCP servers (`CodexOptions.mcp`) and whether config.toml's are used. */
  mcp: { servers: Record<string, McpServerConfig> | undefined; inherit: boolean };
  /** The Codex instance's JS skills and mention triggers, as of now. */
  skills: () => CodexSkills;
  /** Opens a fork (already written to disk) as a thread of the same Codex. */
  openFork: (options: ThreadOptions, threadId: string) => Thread;
  /** Notes that an ephemeral thread got this id, so resuming it can say why it cannot be. */
  onEphemeralThread: (threadId: string) => void;
};

type ThreadInit = { runtime: ThreadRuntime; options: ThreadOptions; resumeId: string | null };

let constructThread: (init: ThreadInit) => Thread;

/**
 * Internal (review mode, agents): how an SDK module shapes one turn of a thread — per-request
 * instructions and model, extra headers, the turn's tools, and lines/events at its start and end.
 */
export type TurnShaping = {
  requestOverrides?: () => RequestOverrides;
  extraHeaders?: Record<string, string>;
  /** The turn's tool registry, given the thread's default one. */
  tools?: (defaults: ToolRegistry) => ToolRegistry;
  /** Runs after `thread.started`, before the turn's first line is written. */
  startTurn?: (session: { recorder: SessionRecorder; emit: (event: ThreadEvent) => void }) => Promise<void>;
  finishTurn?: TurnRequest["finishTurn"];
};

let streamShaped: (thread: Thread, input: Input, turnOptions: TurnOptions, shaping: TurnShaping, throwOnFailure: boolean) => AsyncGenerator<ThreadEvent>;

/** Runs one turn of `thread` shaped by an SDK module (see TurnShaping); same events and errors as `runStreamed`. */
export function streamShapedTurn(thread: Thread, input: Input, turnOptions: TurnOptions, shaping: TurnShaping, throwOnFailure: boolean): AsyncGenerator<ThreadEvent> {
  return streamShaped(thread, input, turnOptions, shaping, throwOnFailure);
}

/** Creates a Thread; used by `Codex` (the constructor is private so no internal type is public). */
export function createThread(runtime: ThreadRuntime, options: ThreadOptions, resumeId: string | null): Thread {
  return constructThread({ runtime, options, resumeId });
}

/** A conversation with the agent. Create one with `codex.startThread()` or `codex.resumeThread()`. */
export class Thread {
  static {
    constructThread = (init) => new Thread(init);
    streamShaped = (thread, input, turnOptions, shaping, throwOnFailure) => thread.streamTurn(input, turnOptions, throwOnFailure, shaping);
  }

  private _id: string | null;
  private readonly runtime: ThreadRuntime;
  private readonly options: ThreadOptions;
  /** Known at once for a new thread; for a resumed one after its session file was read. */
  private settings: ThreadSettings | undefined;
  private resumed: RolloutContents | undefined;
  private state: ThreadState | undefined;
  private activeTurn: { emit: (event: ThreadEvent) => void; state: ThreadState } | undefined;
  private running: { abort: (reason: unknown) => void; done: Promise<void> } | undefined;
  private busy = false;
  private closed = false;
  private approvalCallback: ApprovalCallback | undefined;

  private constructor(init: ThreadInit) {
    this.runtime = init.runtime;
    this.options = init.options;
    this._id = init.resumeId;
    // A new thread's options are checked at once; a resumed thread's once its recorded settings are read.
    if (init.resumeId === null) this.settings = resolveThreadSettings(init.runtime.engine, init.options);
  }

  /** The thread id: set from the first `thread.started` event (at once for resumed threads). */
  get id(): string | null {
    return this._id;
  }

  /**
   * Token usage summed over every model request of this thread (compactions included), with
   * cached and reasoning tokens; a resumed thread starts from what its session file recorded.
   */
  get usage(): Usage {
    const total = this.state?.session.usage;
    return total ? { ...total } : { input_tokens: 0, cached_input_tokens: 0, cache_write_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0 };
  }

  /**
   * Compacts the conversation now, as a turn of its own: the model summarises it and the history
   * is replaced by the summary (plus the initial context and recent prompts). Automatic
   * compaction does the same when the context nears the model's window. Rejects like `run()`.
   */
  async compact(): Promise<void> {
    if (this._id === null) throw new InvalidArgumentError("compact() needs a thread that has run a turn (or a resumed one)");
    for await (const _event of this.streamTurn(null, {}, true)) {
      // Only the outcome matters; the events were recorded.
    }
  }

  /**
   * Branches the conversation: a new thread, with a fresh id and its own session file, holding the
   * history before the `nthUserMessage`-th (0-based) user message. This thread is untouched.
   * Throws InvalidArgumentError for an index out of range or an ephemeral thread.
   */
  async fork(options: ForkOptions): Promise<Thread> {
    if (typeof options !== "object" || options === null || typeof options.nthUserMessage !== "number") {
      throw new InvalidArgumentError("fork() expects { nthUserMessage: number, threadOptions? }");
    }
    const threadOptions = validateThreadOptions(options.threadOptions ?? {});
    if (this._id === null) throw new InvalidArgumentError("fork() needs a thread that has run a turn (or a resumed one)");
    if (this.settings?.context.ephemeral) throw new InvalidArgumentError("An ephemeral thread has no session file to fork");
    const modules = await loadThreadEngine();
    const forkId = await modules.forkSession(this.runtime.engine, this._id, options.nthUserMessage);
    return this.runtime.openFork({ ...this.options, ...threadOptions }, forkId);
  }

  /**
   * Runs a turn and streams its events. Never rejects for a problem of the turn (bad input, a
   * missing working directory, an aborted signal, a busy thread): iterating `events` throws it.
   */
  async runStreamed(input: Input, turnOptions: TurnOptions = {}): Promise<StreamedTurn> {
    return { events: this.streamTurn(input, turnOptions, false) };
  }

  /** Runs a turn to completion and returns its items, final response and usage; rejects with a typed error. */
  async run(input: Input, turnOptions: TurnOptions = {}): Promise<Turn> {
    // Unlike the stream (which ends with turn.failed), run() rejects with the typed error.
    const events = this.streamTurn(input, turnOptions, true);
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

  /**
   * Ends the thread: aborts a running turn, kills its exec sessions (processes the model left
   * running) and releases its session file. Later runs throw ThreadClosedError; the thread can
   * be resumed by id. Safe to call more than once.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const running = this.running;
    if (running) {
      running.abort(new AbortError("The thread was closed"));
      await running.done;
    }
    if (this.state) {
      // A thread only has state once it ran, so the engine is loaded already.
      (await loadThreadEngine()).disposeUnifiedExec(this.state.services.toolState);
      await this.state.services.mcp.close();
      await this.state.recorder.close();
    }
    this.runtime.onClose(this);
  }

  /** `await using thread = codex.startThread()` closes the thread at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** `input` null runs a compaction instead of a prompt. */
  private async *streamTurn(input: Input | null, turnOptions: TurnOptions, throwOnFailure: boolean, shaping: TurnShaping = {}): AsyncGenerator<ThreadEvent> {
    if (this.closed) throw new ThreadClosedError("This thread was closed; resume it by id with codex.resumeThread() to continue");
    const options = validateTurnOptions(turnOptions);
    const outputSchema = validateOutputSchema(options.outputSchema);
    const signal = options.signal;
    if (signal?.aborted) throw new AbortError();
    if (this.busy) throw new ThreadBusyError("This thread is already running a turn; wait for it to finish before starting another");
    this.busy = true;
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", forwardAbort, { once: true });
    const queue = new AsyncQueue<ThreadEvent>();
    const turn = this.execute(input, outputSchema, controller.signal, queue, shaping).then(
      (failure) => (failure && throwOnFailure ? queue.fail(failure) : queue.end()),
      (error: unknown) => queue.fail(error),
    );
    this.running = { abort: (reason) => controller.abort(reason), done: turn };
    try {
      yield* queue;
    } finally {
      // The consumer stopped early (break/return): stop the turn and let it settle.
      if (!controller.signal.aborted) controller.abort(new AbortError("The consumer stopped reading events"));
      await turn;
      signal?.removeEventListener("abort", forwardAbort);
      this.activeTurn = undefined;
      this.running = undefined;
      this.busy = false;
    }
  }

  /** Returns the turn's failure (already emitted as `turn.failed`), or throws setup/abort errors. */
  private async execute(
    input: Input | null,
    outputSchema: Record<string, unknown> | undefined,
    signal: AbortSignal,
    queue: AsyncQueue<ThreadEvent>,
    shaping: TurnShaping,
  ): Promise<Error | undefined> {
    const { engine } = this.runtime;
    const modules = await loadThreadEngine();
    const settings = await this.resolveSettings(modules);
    await checkWorkingDirectory(settings.cwd);
    if (!settings.skipGitRepoCheck && !(await modules.findGitRoot(settings.cwd, engine.env))) {
      throw new GitRepoCheckError("Not inside a trusted directory and --skip-git-repo-check was not specified.");
    }
    const normalized = input === null ? null : await modules.normalizeInput(input, settings.cwd);
    const client = this.runtime.client(modules);
    if (signal.aborted) throw new AbortError();
    const state = await this.openSession(modules, settings);
    const emit = (event: ThreadEvent) => queue.push(event);
    this._id = state.threadId;
    emit({ type: "thread.started", thread_id: state.threadId });
    this.activeTurn = { emit, state };
    await state.services.mcp.start();
    const defaults = modules.createThreadToolRegistry(settings, this.runtime.customTools, this.options.dynamicTools ?? [], state.services.mcp);
    const tools = shaping.tools ? shaping.tools(defaults) : defaults;
    await shaping.startTurn?.({ recorder: state.recorder, emit });
    const { tools: _tools, startTurn: _startTurn, ...turnShaping } = shaping;
    const codexSkills = this.runtime.skills();
    const result = normalized
      ? await modules.executeTurn(state, { engine, settings, client, tools, input: normalized, outputSchema, signal, emit, codexSkills, ...turnShaping })
      : await modules.executeCompaction(state, { engine, settings, client, tools, signal, emit, codexSkills });
    return result.failure;
  }

  /** A resumed thread runs with the settings its session file recorded, under the caller's options. */
  private async resolveSettings(modules: ThreadEngine): Promise<ThreadSettings> {
    if (this.settings) return this.settings;
    const contents = await modules.readSessionFile(this.runtime.engine, this._id as string);
    const options = modules.mergeResumeOptions(modules.recordedThreadOptions(contents), this.options);
    this.settings = resolveThreadSettings(this.runtime.engine, options);
    this.resumed = contents;
    return this.settings;
  }

  private async openSession(modules: ThreadEngine, settings: ThreadSettings): Promise<ThreadState> {
    if (this.state) return this.state;
    const { engine } = this.runtime;
    const threadId = this._id ?? modules.uuidV7();
    const opened = this.resumed
      ? await modules.resumeSession(engine, settings, this.resumed)
      : await modules.startSession(engine, settings, threadId, this.runtime.skills());
    if (settings.context.ephemeral && !this.resumed) this.runtime.onEphemeralThread(threadId);
    this.resumed = undefined;
    const state: ThreadState = {
      threadId,
      history: opened.history,
      recorder: opened.recorder,
      currentTurnId: "",
      session: opened.session,
      services: modules.createThreadServices({
        engine,
        settings,
        threadId,
        currentTurnId: () => state.currentTurnId,
        approvalCallback: () => this.approvalCallback ?? this.runtime.approvalCallback(),
        mcp: { instance: this.runtime.mcp.servers, thread: this.options.mcp, inherit: this.options.inheritMcp ?? this.runtime.mcp.inherit },
      }),
    };
    this.state = state;
    return state;
  }
}

/** The working directory must exist and be a directory, before anything runs there. */
async function checkWorkingDirectory(cwd: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(cwd)).isDirectory();
  } catch (error) {
    throw new InvalidArgumentError(`workingDirectory ${cwd} does not exist (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  if (!isDirectory) throw new InvalidArgumentError(`workingDirectory ${cwd} is not a directory`);
}
