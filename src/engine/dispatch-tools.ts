/**
 * Runs the tool calls of one model response. All calls start at once; parallel-capable tools
 * share the lock and overlap, the others take it alone. Each output is persisted in call order as
 * soon as it and the ones before it are ready, and only then is the tool's item completed.
 */
import type { ResponseItem } from "../model/response-items.js";
import { unsupportedToolOutput, type ToolCall, type ToolOutput } from "../tools/tool-handler.js";
import { ReadWriteLock } from "../util/read-write-lock.js";
import { AbortError } from "../errors.js";
import type { TurnContext } from "./turn-context.js";

type CallItem = Extract<ResponseItem, { type: "function_call" | "custom_tool_call" | "local_shell_call" }>;

export async function dispatchTools(turn: TurnContext, calls: CallItem[]): Promise<ResponseItem[]> {
  const lock = new ReadWriteLock();
  const outputs: ResponseItem[] = [];
  let persisted: Promise<void> = Promise.resolve();
  const runs = calls.map((callItem) => {
    const call = toToolCall(callItem);
    const result = runOne(turn, lock, call);
    // Chain persistence so lines land in call order while handlers overlap.
    persisted = persisted.then(async () => {
      const output = await result;
      const item = outputItemFor(call, output);
      outputs.push(item);
      await turn.recorder.record([{ item }]);
      if (output.item) turn.items.completed(output.item);
    });
    return persisted;
  });
  await Promise.all(runs);
  return outputs;
}

async function runOne(turn: TurnContext, lock: ReadWriteLock, call: ToolCall): Promise<ToolOutput> {
  const handler = turn.tools.handlerFor(call.name);
  if (!handler) return unsupportedToolOutput(call);
  const run = () => handler.handle(call, { turn, items: turn.items, signal: turn.signal });
  try {
    return await (handler.parallel ? lock.withShared(run) : lock.withExclusive(run));
  } catch (error) {
    // An abort (the caller's signal, or a user's "abort" approval decision) ends the turn.
    if (turn.signal.aborted) throw new AbortError();
    if (error instanceof AbortError) throw error;
    // A throwing handler is reported to the model, which can adapt; the turn goes on.
    return { output: `tool ${call.name} failed: ${error instanceof Error ? error.message : String(error)}`, success: false };
  }
}

function toToolCall(item: CallItem): ToolCall {
  switch (item.type) {
    case "function_call":
      return { kind: "function", name: item.name, callId: item.call_id, arguments: item.arguments };
    case "custom_tool_call":
      return { kind: "custom", name: item.name, callId: item.call_id, input: item.input };
    case "local_shell_call":
      return { kind: "local_shell", name: "local_shell", callId: item.call_id ?? item.id ?? "", action: item.action };
  }
}

function outputItemFor(call: ToolCall, output: ToolOutput): ResponseItem {
  if (call.kind === "custom") {
    const text = typeof output.output === "string" ? output.output : JSON.stringify(output.output);
    return { type: "custom_tool_call_output", call_id: call.callId, output: text };
  }
  if (call.kind === "local_shell" && !call.callId) {
    return { type: "function_call_output", call_id: "", output: "LocalShellCall without call_id or id" };
  }
  return { type: "function_call_output", call_id: call.callId, output: output.output };
}
