/**
 * The interface every tool implements, built-in or user-defined. The engine turns each model
 * tool call into a `ToolCall`, runs the handler, and sends its `ToolOutput` back to the model.
 */
import type { FunctionCallOutputContent, LocalShellExecAction } from "../model/response-items.js";
import type { ThreadItem } from "../protocol/items.js";
import type { ItemEmitter } from "../engine/item-emitter.js";
import type { TurnContext } from "../engine/turn-context.js";

/** A tool call as the model made it. */
export type ToolCall =
  | { kind: "function"; name: string; callId: string; arguments: string }
  | { kind: "custom"; name: string; callId: string; input: string }
  | { kind: "local_shell"; name: "local_shell"; callId: string; action: LocalShellExecAction };

/**
 * What goes back to the model. `success` is internal (Codex never sends it). `item` is the tool's
 * final thread item: the engine emits its `item.completed` after the output is persisted.
 */
export type ToolOutput = { output: string | FunctionCallOutputContent[]; success: boolean; item?: ThreadItem };

/** The JSON of a tool as sent in the request's `tools` array. */
export type ToolSpec = Record<string, unknown> & { type: string };

/** Everything a handler may use while it runs. */
export type ToolCallContext = {
  turn: TurnContext;
  items: ItemEmitter;
  /** Fires when the turn is aborted; long-running handlers must stop. */
  signal: AbortSignal;
};

export interface ToolHandler {
  /** Name the model calls (`update_plan`, `exec_command`, …). */
  readonly name: string;
  /** Spec advertised to the model, or null for handlers kept only to answer older history. */
  readonly spec: ToolSpec | null;
  /** Parallel-capable tools run concurrently; the others one at a time. */
  readonly parallel: boolean;
  handle(call: ToolCall, context: ToolCallContext): Promise<ToolOutput>;
}

/** The tool error text Codex sends when a tool is unknown. */
export function unsupportedToolOutput(call: ToolCall): ToolOutput {
  const text = call.kind === "custom" ? `unsupported custom tool call: ${call.name}` : `unsupported call: ${call.name}`;
  return { output: text, success: false };
}
