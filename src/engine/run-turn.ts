/**
 * The turn loop, as a table of contents: record the input, then sample → record → run tools →
 * feed outputs back, until the model answers without calling a tool.
 */
import type { ResponseItem } from "../model/response-items.js";
import type { Usage } from "../protocol/events.js";
import { buildRequest } from "./build-request.js";
import { dispatchTools } from "./dispatch-tools.js";
import { isToolCall } from "./history.js";
import { recordSampledItems } from "./record-sampled-items.js";
import { sample } from "./sample.js";
import type { TurnContext } from "./turn-context.js";
import { addUsage, emptyUsage, tokenCountEvent } from "./usage.js";

export type TurnResult = { finalResponse: string; usage: Usage };

/**
 * Runs one turn over `history` (the thread's, appended in place so an aborted turn keeps what it
 * completed). `input` is already recorded by the caller.
 */
export async function runTurn(turn: TurnContext, history: ResponseItem[]): Promise<TurnResult> {
  const usage = emptyUsage();
  let finalResponse = "";
  for (;;) {
    const response = await sample(turn, buildRequest(turn, history));
    addUsage(usage, response.usage);
    const outputItems = response.items.map((entry) => entry.item);
    history.push(...outputItems);
    const tokenCount = tokenCountEvent(usage, response.usage, turn.settings.model.contextWindow);
    const threadItems = await recordSampledItems(turn, response.items, tokenCount);
    for (const threadItem of threadItems) if (threadItem.type === "agent_message") finalResponse = threadItem.text;
    const calls = outputItems.filter(isToolCall);
    if (calls.length === 0) break;
    history.push(...(await dispatchTools(turn, calls)));
  }
  turn.items.completeTodoList();
  return { finalResponse, usage };
}
