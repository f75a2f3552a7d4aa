/**
 * The engine side of `CodexProvider` (the `@codex-native/sdk/agents` subpath): maps each Runner
 * request to the conversation it continues (or a new thread) and turns the conversation's events
 * into the Runner's response or stream. Lives in the main bundle, loaded on first use, so the
 * subpath stays a thin file and no second copy of the engine is shipped.
 */
import type { Codex } from "../../codex.js";
import type { ThreadOptions } from "../../options/thread-options.js";
import type { RunnerInputItem, RunnerModelRequest, RunnerModelResponse, RunnerStreamEvent } from "./runner-items.js";
import { runnerUsage } from "./runner-items.js";
import { RunnerConversation, type InProcessTool } from "./runner-conversation.js";

export type CodexModelBackendOptions = {
  codex: Codex;
  threadOptions: ThreadOptions;
  /** Looks up a `codexTool` by name: such tools run inside the engine instead of round-tripping through the Runner. */
  inProcessTools: (name: string) => InProcessTool | undefined;
};

export class CodexModelBackend {
  private readonly conversations: RunnerConversation[] = [];

  constructor(private readonly options: CodexModelBackendOptions) {}

  async getResponse(request: RunnerModelRequest, model: string | undefined): Promise<RunnerModelResponse> {
    let done: Extract<RunnerStreamEvent, { type: "response_done" }> | undefined;
    for await (const event of this.getStreamedResponse(request, model)) if (event.type === "response_done") done = event;
    if (!done) throw new Error("CodexProvider: the response ended without response_done");
    const usage = done.response.usage;
    return {
      usage: runnerUsage({
        input: usage.inputTokens,
        cached: usage.inputTokensDetails[0]?.cached_tokens ?? 0,
        output: usage.outputTokens,
        reasoning: usage.outputTokensDetails[0]?.reasoning_tokens ?? 0,
        requests: usage.requests,
      }),
      output: done.response.output,
      responseId: done.response.id,
      providerData: done.response.providerData,
    };
  }

  async *getStreamedResponse(request: RunnerModelRequest, model: string | undefined): AsyncGenerator<RunnerStreamEvent> {
    const items: RunnerInputItem[] = typeof request.input === "string" ? [{ type: "message", role: "user", content: request.input }] : request.input;
    const conversation = this.conversationFor(request, items, model);
    let outputLength = 0;
    for await (const event of conversation.respond(request, items)) {
      if (event.type === "response_done") outputLength = event.response.output.length;
      yield event;
    }
    conversation.consumed(items.length, outputLength);
  }

  close(): void {
    for (const conversation of this.conversations) conversation.close();
    this.conversations.length = 0;
  }

  private conversationFor(request: RunnerModelRequest, items: RunnerInputItem[], model: string | undefined): RunnerConversation {
    const previous = request.previousResponseId ?? request.conversationId;
    const byId = previous ? this.conversations.find((conversation) => conversation.responseId === previous) : undefined;
    if (byId) return byId;
    // A conversation waiting for a tool result this request carries comes first; then any whose history this one extends.
    const candidates = this.conversations.filter((conversation) => conversation.continues(items));
    const found = candidates.find((conversation) => conversation.answers(items.slice(conversation.seen))) ?? candidates.at(-1);
    if (found) return found;
    const threadOptions: ThreadOptions = { ...this.options.threadOptions, streamDeltas: true };
    if (model) threadOptions.model = model;
    const conversation = new RunnerConversation(this.options.codex.startThread(threadOptions), this.options.inProcessTools);
    this.conversations.push(conversation);
    return conversation;
  }
}
