/**
 * One Agents SDK conversation run by our engine. The Runner asks its model one response at a
 * time and runs the function tools (and handoffs) itself; our engine runs a whole turn with its
 * own tools. The two meet here: an engine turn spans several Runner requests. When the model
 * calls one of the Runner's tools, the engine's handler for it waits, the current response ends
 * with that `function_call`, and the Runner's next request (carrying the `function_call_result`)
 * lets the handler finish and the engine turn go on, with the instructions and tools of the
 * Runner's current agent (so a Runner handoff switches agents in the middle of the engine turn).
 */
import type { Input } from "../../input/user-input.js";
import type { ThreadEvent, Usage } from "../../protocol/events.js";
import type { ThreadItem } from "../../protocol/items.js";
import { streamShapedTurn, type Thread } from "../../thread.js";
import type { ToolHandler } from "../../tools/tool-handler.js";
import { AsyncQueue } from "../../util/async-queue.js";
import { createNativeToolHandler } from "../../tools/custom/native-tool-handler.js";
import { LayeredToolRegistry } from "./layered-tool-registry.js";
import {
  messageText,
  outputSchemaOf,
  resultText,
  runnerUsage,
  type RunnerInputItem,
  type RunnerModelRequest,
  type RunnerOutputItem,
  type RunnerStreamEvent,
} from "./runner-items.js";

/** A function the Runner's tool list names that our engine runs itself (see `codexTool`). */
export type InProcessTool = (argumentsJson: string, signal: AbortSignal) => Promise<string>;

type PendingCall = { name: string; argumentsJson: string; reported: boolean; resolve: (output: string) => void };

export class RunnerConversation {
  /** Items of the Runner's history this conversation has consumed or produced. */
  seen = 0;
  private firstKey = "";
  private instructions: string | undefined;
  private handlers = new Map<string, ToolHandler>();
  private readonly pending = new Map<string, PendingCall>();
  private turnRunning = false;
  private finished: { usage: Usage | null; error?: unknown } | undefined;
  private output: RunnerOutputItem[] = [];
  private codexItems: ThreadItem[] = [];
  private readonly streamedText = new Map<string, string>();
  private round: AsyncQueue<RunnerStreamEvent> | undefined;
  private readonly abort = new AbortController();

  constructor(
    private readonly thread: Thread,
    private readonly inProcessTools: (name: string) => InProcessTool | undefined,
  ) {}

  get responseId(): string {
    return this.thread.id ?? "";
  }

  /** True when `items` continues this conversation: same first item, and at least what was already seen. */
  continues(items: RunnerInputItem[]): boolean {
    return this.seen > 0 && items.length >= this.seen && key(items[0]) === this.firstKey;
  }

  /** Whether one of the calls this conversation waits for is answered in `items`. */
  answers(items: RunnerInputItem[]): boolean {
    return items.some((item) => item.type === "function_call_result" && item.callId !== undefined && this.pending.has(item.callId));
  }

  /** Handles one Runner request: its events end with `response_done` (or the stream fails). */
  respond(request: RunnerModelRequest, items: RunnerInputItem[]): AsyncQueue<RunnerStreamEvent> {
    const fresh = this.seen === 0 ? items : items.slice(this.seen);
    if (this.seen === 0) this.firstKey = key(items[0]);
    this.instructions = request.systemInstructions?.trim() || undefined;
    this.handlers = this.toolHandlers(request);
    const round = new AsyncQueue<RunnerStreamEvent>();
    this.round = round;
    round.push({ type: "response_started" });
    request.signal?.addEventListener("abort", () => this.abort.abort(request.signal?.reason), { once: true });
    for (const item of fresh) {
      if (item.type !== "function_call_result" || item.callId === undefined) continue;
      const call = this.pending.get(item.callId);
      this.pending.delete(item.callId);
      call?.resolve(resultText(item.output));
    }
    if (!this.turnRunning) {
      const text = fresh
        .filter((item) => (item.type === undefined || item.type === "message") && (item.role === "user" || item.role === "system"))
        .map(messageText)
        .filter((part) => part.length > 0)
        .join("\n\n");
      if (text.length === 0) {
        round.fail(new Error("CodexProvider: the request carries no new user message and no answer to a pending tool call"));
        return round;
      }
      this.startTurn(text, outputSchemaOf(request.outputType));
    } else if (this.finished) {
      this.endRound();
    } else {
      this.scheduleEnd();
    }
    return round;
  }

  /** Recorded after a response: the Runner's next request starts with these items. */
  consumed(inputLength: number, outputLength: number): void {
    this.seen = inputLength + outputLength;
  }

  close(): void {
    this.abort.abort(new Error("CodexProvider closed"));
  }

  private startTurn(text: Input, outputSchema: Record<string, unknown> | undefined): void {
    this.turnRunning = true;
    this.finished = undefined;
    const events = streamShapedTurn(
      this.thread,
      text,
      { signal: this.abort.signal, ...(outputSchema ? { outputSchema } : {}) },
      {
        requestOverrides: () => (this.instructions ? { extraInstructions: this.instructions } : {}),
        tools: (defaults) => new LayeredToolRegistry(defaults, () => this.handlers),
      },
      false,
    );
    void this.consume(events);
  }

  private async consume(events: AsyncGenerator<ThreadEvent>): Promise<void> {
    try {
      for await (const event of events) this.onEvent(event);
    } catch (error) {
      this.finished = { usage: null, error };
    }
    this.finished ??= { usage: null, error: new Error("the engine turn ended without completing") };
    this.endRound();
  }

  private onEvent(event: ThreadEvent): void {
    if (event.type === "turn.completed") this.finished = { usage: event.usage };
    else if (event.type === "turn.failed") this.finished = { usage: null, error: new Error(event.error.message) };
    else if (event.type === "item.updated" && event.item.type === "agent_message") {
      const before = this.streamedText.get(event.item.id) ?? "";
      this.streamedText.set(event.item.id, event.item.text);
      if (event.item.text.startsWith(before) && event.item.text.length > before.length) {
        this.round?.push({ type: "output_text_delta", delta: event.item.text.slice(before.length) });
      }
    } else if (event.type === "item.completed") {
      if (event.item.type === "agent_message") {
        const text = event.item.text;
        this.output.push({ type: "message", id: `${this.responseId}:${event.item.id}`, role: "assistant", status: "completed", content: [{ type: "output_text", text }] });
      } else {
        this.codexItems.push(event.item);
        this.round?.push({ type: "model", event: { type: "codex_item", item: event.item } });
      }
    }
  }

  /** Ends the response at the next turn of the event loop, once every call of the model's batch had a chance to register. */
  private scheduleEnd(): void {
    setImmediate(() => {
      if (this.round && !this.finished && [...this.pending.values()].some((call) => !call.reported)) this.endRound();
    });
  }

  private endRound(): void {
    const round = this.round;
    if (!round) return;
    this.round = undefined;
    const finished = this.finished;
    if (finished?.error !== undefined) {
      this.turnRunning = false;
      round.fail(finished.error);
      return;
    }
    const output = this.output;
    for (const [callId, call] of this.pending) {
      if (call.reported) continue;
      call.reported = true;
      output.push({ type: "function_call", id: `${this.responseId}:${callId}`, callId, name: call.name, arguments: call.argumentsJson, status: "completed" });
    }
    const usage = finished?.usage;
    const counts = usage
      ? { input: usage.input_tokens, cached: usage.cached_input_tokens, output: usage.output_tokens, reasoning: usage.reasoning_output_tokens, requests: 1 }
      : { input: 0, cached: 0, output: 0, reasoning: 0, requests: 0 };
    const { add: _add, requestUsageEntries: _entries, ...plainUsage } = runnerUsage(counts);
    round.push({ type: "response_done", response: { id: this.responseId, usage: plainUsage, output, providerData: { codexItems: this.codexItems } } });
    round.end();
    this.output = [];
    this.codexItems = [];
    if (finished) {
      this.turnRunning = false;
      this.finished = undefined;
    }
  }

  /** The Runner's function tools and handoffs of this request, as engine tools. */
  private toolHandlers(request: RunnerModelRequest): Map<string, ToolHandler> {
    const handlers = new Map<string, ToolHandler>();
    // JS tools like any user tool (validated, orchestrated, mcp_tool_call items); a Runner tool's
    // handler waits for the Runner as long as it takes, so it has no timeout.
    const offer = (name: string, description: string, parameters: unknown, strict: boolean) => {
      const inProcess = this.inProcessTools(name);
      handlers.set(
        name,
        createNativeToolHandler({
          name,
          description,
          parameters: parameters && typeof parameters === "object" ? parameters : undefined,
          strict,
          ...(inProcess ? {} : { timeoutMs: Number.POSITIVE_INFINITY }),
          handler: async (_error, invocation) => {
            const argumentsJson = invocation.arguments ?? "{}";
            const output = inProcess
              ? await inProcess(argumentsJson, this.abort.signal)
              : await this.waitForRunner(name, argumentsJson, invocation.callId, this.abort.signal);
            return { output };
          },
        }),
      );
    };
    for (const tool of request.tools) {
      if (tool.type === "function" && tool.name) offer(tool.name, tool.description ?? "", tool.parameters, tool.strict ?? false);
    }
    for (const handoff of request.handoffs) offer(handoff.toolName, handoff.toolDescription, handoff.inputJsonSchema, handoff.strictJsonSchema);
    return handlers;
  }

  private waitForRunner(name: string, argumentsJson: string, callId: string, signal: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(callId);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.pending.set(callId, {
        name,
        argumentsJson,
        reported: false,
        resolve: (output) => {
          signal.removeEventListener("abort", onAbort);
          resolve(output);
        },
      });
      this.scheduleEnd();
    });
  }
}

function key(item: RunnerInputItem | undefined): string {
  return JSON.stringify(item ?? null);
}
