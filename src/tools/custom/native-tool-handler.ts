/**
 * A user-defined tool (registered, dynamic, or an override of a built-in) as the engine runs it:
 * its spec is offered on every request, its arguments are checked against its schema, the call is
 * authorised by the one orchestrator, and it surfaces as an `mcp_tool_call` item with
 * `server: "codex-native"` (upstream consumers already render that item type).
 */
import type { McpToolCallItem } from "../../protocol/items.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput, ToolSpec } from "../tool-handler.js";
import { callNativeHandler, DEFAULT_TOOL_TIMEOUT_MS, type NativeOutcome } from "./call-native-handler.js";
import type { NativeToolHandler } from "./native-tool-types.js";
import { runInProcessCall } from "./orchestrated-call.js";
import { invocationOf } from "./tool-invocation.js";
import { resolveParameters, type ResolvedParameters } from "./tool-parameters.js";

/** The `server` of the items of calls to JS tools. */
export const NATIVE_TOOL_SERVER = "codex-native";

export type NativeToolSource = {
  name: string;
  description?: string;
  parameters?: unknown;
  strict?: boolean;
  supportsParallel?: boolean;
  timeoutMs?: number;
  /** Undefined for a dynamic tool declared without one: calls get an error. */
  handler?: NativeToolHandler;
};

/**
 * Builds the handler. `builtinSpec` is the spec of the built-in this tool overrides, kept (with
 * the registration's description, if any) unless the registration gives parameters.
 */
export function createNativeToolHandler(source: NativeToolSource, builtinSpec?: ToolSpec): ToolHandler {
  const keepsBuiltinSpec = builtinSpec !== undefined && source.parameters === undefined && builtinSpec.type !== "web_search";
  const parameters: ResolvedParameters | undefined = keepsBuiltinSpec
    ? builtinSpec.type === "function" && typeof builtinSpec.parameters === "object"
      ? resolveParameters(builtinSpec.parameters)
      : undefined
    : resolveParameters(source.parameters);
  const spec: ToolSpec = keepsBuiltinSpec
    ? { ...builtinSpec, ...(source.description !== undefined ? { description: source.description } : {}) }
    : {
        type: "function",
        name: source.name,
        description: source.description ?? "",
        strict: source.strict ?? false,
        parameters: parameters!.jsonSchema,
      };
  return {
    name: source.name,
    spec,
    parallel: source.supportsParallel ?? true,
    handle: (call, context) => handleNativeCall(source, parameters, call, context),
  };
}

async function handleNativeCall(
  source: NativeToolSource,
  parameters: ResolvedParameters | undefined,
  call: ToolCall,
  context: ToolCallContext,
): Promise<ToolOutput> {
  const invocation = invocationOf(call);
  const item: McpToolCallItem = {
    id: context.items.nextId(),
    type: "mcp_tool_call",
    server: NATIVE_TOOL_SERVER,
    tool: source.name,
    arguments: parsedForItem(call, invocation.arguments),
    status: "in_progress",
  };
  const finish = (outcome: NativeOutcome): ToolOutput => ({ output: outcome.output, success: outcome.success, item: completedItem(item, outcome) });

  context.items.started(item);
  if (call.kind === "function" && parameters) {
    const checked = checkArguments(parameters, call.arguments);
    if (checked) return finish({ output: checked, success: false });
  }
  const handler = source.handler;
  if (!handler) return finish({ output: `tool ${source.name} has no handler in this thread`, success: false });
  const result = await runInProcessCall(
    {
      callId: call.callId,
      toolName: source.name,
      kind: "custom_tool",
      arguments: item.arguments,
      run: () => callNativeHandler(handler, invocation, source.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS, context.signal),
    },
    context,
  );
  return finish(result.status === "ran" ? result.outcome : { output: result.message, success: false });
}

/** The problems of a function call's arguments, worded like Codex's parse errors; undefined when valid. */
function checkArguments(parameters: ResolvedParameters, rawArguments: string): string | undefined {
  let value: unknown;
  try {
    // Models send "" for a tool without parameters.
    value = rawArguments.trim() === "" ? {} : JSON.parse(rawArguments);
  } catch (error) {
    return `failed to parse function arguments: ${(error as Error).message}`;
  }
  const problems = parameters.validate(value);
  return problems.length > 0 ? `failed to parse function arguments: ${problems.join("; ")}` : undefined;
}

function parsedForItem(call: ToolCall, rawArguments: string | undefined): unknown {
  if (call.kind === "custom") return call.input;
  try {
    return rawArguments === undefined || rawArguments.trim() === "" ? {} : JSON.parse(rawArguments);
  } catch {
    return rawArguments;
  }
}

function completedItem(item: McpToolCallItem, outcome: NativeOutcome): McpToolCallItem {
  return outcome.success
    ? { ...item, status: "completed", result: { content: [{ type: "text", text: outcome.output }], structured_content: null } }
    : { ...item, status: "failed", error: { message: outcome.output } };
}
