/**
 * The turn loop, as a table of contents: sample → record → check the budgets → run tools → feed
 * outputs back (compacting first when the context nears the window), until the model answers
 * without calling a tool.
 */
import { TurnBudgetExceededError } from "../errors.js";
import type { ResponseItem } from "../model/response-items.js";
import type { TokenUsage } from "../model/responses-usage.js";
import type { Usage } from "../protocol/events.js";
import { buildRequest } from "./build-request.js";
import { dispatchTools } from "./dispatch-tools.js";
import { isToolCall } from "./history.js";
import { recordSampledItems } from "./record-sampled-items.js";
import { sample } from "./sample.js";
import type { TurnContext } from "./turn-context.js";
import { addUsage, emptyUsage, tokenCountEvent } from "./usage.js";

export type TurnResult = { finalResponse: string; usage: Usage };

/** What the turn loop reports to, and asks of, the thread around it. */
export type TurnHooks = {
  /** Thread-wide usage, to which each response's usage is added (Codex's `total_token_usage`). */
  threadUsage: Usage;
  /** Called after each response with its usage and the history length it saw. */
  onResponse(usage: TokenUsage | undefined, historyLength: number): void;
  /** Called before a follow-up request; compacts the history when the context is nearly full. */
  beforeFollowUp(history: ResponseItem[], turnUsage: Usage): Promise<void>;
};

/**
 * Runs one turn over `history` (the thread's, appended in place so an aborted turn keeps what it
 * completed). `input` is already recorded by the caller.
 */
export async function runTurn(turn: TurnContext, history: ResponseItem[], hooks: TurnHooks): Promise<TurnResult> {
  const usage = emptyUsage();
  const { maxToolCalls, tokenBudget } = turn.settings.context;
  let toolCalls = 0;
  let finalResponse = "";
  for (;;) {
    const response = await sample(turn, buildRequest(turn, history));
    addUsage(usage, response.usage);
    addUsage(hooks.threadUsage, response.usage);
    const outputItems = response.items.map((entry) => entry.item);
    history.push(...outputItems);
    hooks.onResponse(response.usage, history.length);
    const tokenCount = tokenCountEvent(hooks.threadUsage, response.usage, turn.settings.model.contextWindow);
    const threadItems = await recordSampledItems(turn, response.items, tokenCount);
    for (const threadItem of threadItems) if (threadItem.type === "agent_message") finalResponse = threadItem.text;
    const calls = outputItems.filter(isToolCall);
    if (calls.length === 0) break;
    // Budgets stop the turn before any more work: the calls stay unanswered ("aborted" on the next request).
    if (maxToolCalls !== undefined && toolCalls + calls.length > maxToolCalls) {
      throw new TurnBudgetExceededError("maxToolCalls", maxToolCalls, toolCalls + calls.length);
    }
    const tokensUsed = usage.input_tokens + usage.output_tokens;
    if (tokenBudget !== undefined && tokensUsed > tokenBudget) throw new TurnBudgetExceededError("tokenBudget", tokenBudget, tokensUsed);
    toolCalls += calls.length;
    history.push(...(await dispatchTools(turn, calls)));
    await hooks.beforeFollowUp(history, usage);
  }
  turn.items.completeTodoList();
  return { finalResponse, usage };
}
