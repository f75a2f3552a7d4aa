/**
 * A tool wrapped by the interceptors registered for its name. They compose in registration order:
 * the first sees the call first, and its `callBuiltin` runs the second, …, the last one's runs the
 * tool itself through the tool's own handler, so its approvals and sandbox apply as for any call.
 * Each `callBuiltin` works once per interceptor call, so the tool runs at most once per model call.
 * The tool's own item (e.g. `command_execution`) is what the event stream shows: interceptors are
 * transparent to it.
 */
import { AbortError } from "../../errors.js";
import type { ThreadItem } from "../../protocol/items.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput } from "../tool-handler.js";
import { normaliseResult } from "./call-native-handler.js";
import type { NativeToolInterceptor, NativeToolInterceptorContext, NativeToolInvocation, NativeToolResult } from "./native-tool-types.js";
import { callOf, invocationOf, resultOf } from "./tool-invocation.js";

export function interceptedTool(tool: ToolHandler, interceptors: NativeToolInterceptor[]): ToolHandler {
  if (interceptors.length === 0) return tool;
  return {
    name: tool.name,
    spec: tool.spec,
    parallel: tool.parallel,
    handle: (call, context) => runChain(tool, interceptors, call, context),
  };
}

async function runChain(tool: ToolHandler, interceptors: NativeToolInterceptor[], call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
  let item: ThreadItem | undefined;
  let toolOutput: ToolOutput | undefined;
  const runTool = async (invocation: NativeToolInvocation): Promise<NativeToolResult> => {
    let rewritten: ToolCall;
    try {
      rewritten = callOf(call, invocation);
    } catch (error) {
      return { error: `invalid rewritten invocation: ${(error as Error).message}`, success: false };
    }
    const output = await tool.handle(rewritten, context);
    item = output.item;
    toolOutput = output;
    return resultOf(output);
  };
  const step = async (index: number, invocation: NativeToolInvocation): Promise<NativeToolResult> => {
    if (index === interceptors.length) return runTool(invocation);
    let called = false;
    const interceptorContext: NativeToolInterceptorContext = {
      invocation: { ...invocation },
      callBuiltin: async (next?: NativeToolInvocation) => {
        if (called) throw new Error(`callBuiltin was already called for ${call.name} (call ${call.callId}); it runs the tool once`);
        called = true;
        return step(index + 1, next ? { ...next, callId: invocation.callId, toolName: invocation.toolName } : invocation);
      },
    };
    const result = await interceptors[index]!({ ...invocation, ...interceptorContext }, interceptorContext);
    const checked = normaliseResult(result, call.name);
    return checked.success ? { output: checked.output, success: true } : { output: checked.output, success: false };
  };
  let final: NativeToolResult;
  try {
    final = await step(0, invocationOf(call));
  } catch (error) {
    if (error instanceof AbortError || context.signal.aborted) throw error;
    final = { output: `tool ${call.name} interceptor failed: ${error instanceof Error ? error.message : String(error)}`, success: false };
  }
  const outcome = normaliseResult(final, call.name);
  // Passed through unchanged: keep the tool's own output (view_image's is content, not text).
  const output = toolOutput && resultOf(toolOutput).output === outcome.output ? toolOutput.output : outcome.output;
  return { output, success: outcome.success, ...(item ? { item } : {}) };
}
