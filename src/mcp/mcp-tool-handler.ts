/**
 * An MCP server's tool as the engine runs it: a function tool `mcp__<server>__<tool>`, authorised
 * by the one orchestrator (kind `mcp_tool_call`: only `untrusted` asks), sent as `tools/call`, and
 * shown as an `mcp_tool_call` item. Errors (bad JSON, a crashed or silent server) go to the model.
 */
import { AbortError } from "../errors.js";
import type { McpToolCallItem } from "../protocol/items.js";
import { runInProcessCall } from "../tools/custom/orchestrated-call.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput } from "../tools/tool-handler.js";
import type { McpCallResult, McpConnection, McpToolInfo } from "./mcp-connection.js";
import { qualifiedToolName, sanitiseInputSchema } from "./mcp-tool-naming.js";
import { mcpErrorOutput, mcpResultOutput } from "./mcp-tool-output.js";

export function createMcpToolHandler(connection: McpConnection, tool: McpToolInfo): ToolHandler {
  const name = qualifiedToolName(connection.server.name, tool.name);
  return {
    name,
    spec: { type: "function", name, description: tool.description ?? "", strict: false, parameters: sanitiseInputSchema(tool.inputSchema) },
    parallel: true,
    handle: (call, context) => handleMcpCall(connection, tool.name, call, context),
  };
}

async function handleMcpCall(connection: McpConnection, toolName: string, call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
  const raw = call.kind === "function" ? call.arguments : call.kind === "custom" ? call.input : JSON.stringify(call.action);
  let args: Record<string, unknown> | undefined;
  let parseError: string | undefined;
  try {
    args = raw.trim() === "" ? undefined : (JSON.parse(raw) as Record<string, unknown>);
  } catch (error) {
    parseError = `err: ${(error as Error).message}`;
  }
  const item: McpToolCallItem = {
    id: context.items.nextId(),
    type: "mcp_tool_call",
    server: connection.server.name,
    tool: toolName,
    arguments: args ?? (parseError ? raw : {}),
    status: "in_progress",
  };
  context.items.started(item);
  if (parseError) return { output: parseError, success: false, item: { ...item, status: "failed", error: { message: parseError } } };

  type Outcome = { result: McpCallResult } | { error: unknown };
  const ran = await runInProcessCall<Outcome>(
    {
      callId: call.callId,
      toolName: call.name,
      kind: "mcp_tool_call",
      arguments: item.arguments,
      run: async () => {
        try {
          return { result: await connection.callTool(toolName, args, context.signal) };
        } catch (error) {
          if (context.signal.aborted) throw new AbortError();
          return { error };
        }
      },
    },
    context,
  );
  if (ran.status === "declined") return { output: ran.message, success: false, item: { ...item, status: "failed", error: { message: ran.message } } };
  if ("error" in ran.outcome) {
    const output = mcpErrorOutput(ran.outcome.error);
    return { output, success: false, item: { ...item, status: "failed", error: { message: output } } };
  }
  const { result } = ran.outcome;
  const failed = result.isError === true;
  return {
    output: mcpResultOutput(result),
    success: !failed,
    item: {
      ...item,
      status: failed ? "failed" : "completed",
      result: { content: result.content ?? [], structured_content: result.structuredContent ?? null, ...(result._meta !== undefined ? { _meta: result._meta } : {}) },
      ...(failed ? { error: { message: JSON.stringify(result.content ?? []) } } : {}),
    },
  };
}
