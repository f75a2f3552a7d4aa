/**
 * Converts between the engine's tool calls and the invocations user code sees, both ways (an
 * interceptor may rewrite the invocation before the tool runs).
 */
import type { LocalShellExecAction } from "../../model/response-items.js";
import type { ToolCall, ToolOutput } from "../tool-handler.js";
import type { NativeToolInvocation, NativeToolResult } from "./native-tool-types.js";

export function invocationOf(call: ToolCall): NativeToolInvocation {
  switch (call.kind) {
    case "function":
      return { callId: call.callId, toolName: call.name, arguments: call.arguments };
    case "custom":
      return { callId: call.callId, toolName: call.name, arguments: call.input, input: call.input };
    case "local_shell":
      return { callId: call.callId, toolName: call.name, arguments: JSON.stringify(call.action) };
  }
}

/**
 * The call `invocation` describes, keeping the original call's kind and id (an interceptor cannot
 * turn one tool's call into another's). @throws Error when a rewritten `local_shell` action is not JSON.
 */
export function callOf(original: ToolCall, invocation: NativeToolInvocation): ToolCall {
  switch (original.kind) {
    case "function":
      return { ...original, arguments: invocation.arguments ?? original.arguments };
    case "custom": {
      // Freeform input: `input` wins, `arguments` is its alias.
      const input = invocation.input !== original.input ? invocation.input : (invocation.arguments ?? original.input);
      return { ...original, input: input ?? original.input };
    }
    case "local_shell": {
      if (invocation.arguments === undefined) return original;
      return { ...original, action: JSON.parse(invocation.arguments) as LocalShellExecAction };
    }
  }
}

/** A tool's output as an interceptor sees it. */
export function resultOf(output: ToolOutput): NativeToolResult {
  const text = typeof output.output === "string" ? output.output : JSON.stringify(output.output);
  return { output: text, success: output.success };
}
