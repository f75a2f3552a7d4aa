/**
 * Codex's three MCP resource tools, offered when the thread has MCP servers:
 * `list_mcp_resources`, `list_mcp_resource_templates` (one server or all, with a cursor) and
 * `read_mcp_resource`. Answers are JSON text; a failing server becomes an error for the model.
 */
import { AbortError } from "../errors.js";
import { parseJsonObject } from "./parse-json-object.js";
import { runInProcessCall } from "../tools/custom/orchestrated-call.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput } from "../tools/tool-handler.js";
import type { McpConnection } from "./mcp-connection.js";
import { mcpErrorOutput } from "./mcp-tool-output.js";

const listParameters = (what: string) => ({
  type: "object",
  properties: {
    cursor: { type: "string", description: `Opaque cursor from a previous ${what} call; omit for the first page.` },
    server: { type: "string", description: `MCP server name. Omit to list ${what === "list_mcp_resources" ? "resources" : "resource templates"} from every configured server.` },
  },
  additionalProperties: false,
});

export function createMcpResourceTools(connections: () => McpConnection[]): ToolHandler[] {
  const tool = (name: string, description: string, parameters: Record<string, unknown>, run: (args: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>): ToolHandler => ({
    name,
    spec: { type: "function", name, description, strict: false, parameters },
    parallel: true,
    handle: (call, context) => answer(call, context, run),
  });
  const pick = (server: unknown): McpConnection[] => {
    if (server === undefined) return connections();
    const found = connections().find((connection) => connection.server.name === server);
    if (!found) throw new Error(`unknown MCP server '${String(server)}'`);
    return [found];
  };
  return [
    tool(
      "list_mcp_resources",
      "Lists resources provided by MCP servers. Resources allow servers to share data that provides context to language models, such as files, database schemas, or application-specific information. Prefer resources over web search when possible.",
      listParameters("list_mcp_resources"),
      async (args, signal) => {
        const servers = pick(args.server);
        const pages = await Promise.all(servers.map(async (connection) => ({ connection, page: await connection.listResources(cursorOf(args), signal) })));
        return {
          resources: pages.flatMap(({ connection, page }) => page.resources.map((resource) => ({ server: connection.server.name, ...resource }))),
          ...(servers.length === 1 && pages[0]?.page.nextCursor ? { nextCursor: pages[0].page.nextCursor } : {}),
        };
      },
    ),
    tool(
      "list_mcp_resource_templates",
      "Lists resource templates provided by MCP servers. Parameterized resource templates allow servers to share data that takes parameters and provides context to language models, such as files, database schemas, or application-specific information. Prefer resource templates over web search when possible.",
      listParameters("list_mcp_resource_templates"),
      async (args, signal) => {
        const servers = pick(args.server);
        const pages = await Promise.all(servers.map(async (connection) => ({ connection, page: await connection.listResourceTemplates(cursorOf(args), signal) })));
        return {
          resourceTemplates: pages.flatMap(({ connection, page }) => page.resourceTemplates.map((template) => ({ server: connection.server.name, ...template }))),
          ...(servers.length === 1 && pages[0]?.page.nextCursor ? { nextCursor: pages[0].page.nextCursor } : {}),
        };
      },
    ),
    tool(
      "read_mcp_resource",
      "Read a specific resource from an MCP server given the server name and resource URI.",
      {
        type: "object",
        properties: {
          server: { type: "string", description: "MCP server name exactly as configured. Must match the 'server' field returned by list_mcp_resources." },
          uri: { type: "string", description: "Resource URI to read. Must be one of the URIs returned by list_mcp_resources." },
        },
        required: ["server", "uri"],
        additionalProperties: false,
      },
      async (args, signal) => {
        if (typeof args.server !== "string" || typeof args.uri !== "string") throw new Error("read_mcp_resource needs `server` and `uri` strings");
        const [connection] = pick(args.server);
        const read = await connection!.readResource(args.uri, signal);
        return { server: args.server, uri: args.uri, ...read };
      },
    ),
  ];
}

function cursorOf(args: Record<string, unknown>): string | undefined {
  return typeof args.cursor === "string" ? args.cursor : undefined;
}

async function answer(call: ToolCall, context: ToolCallContext, run: (args: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>): Promise<ToolOutput> {
  if (call.kind !== "function") return { output: `${call.name} expects JSON function arguments`, success: false };
  const parsed = parseJsonObject(call.arguments);
  if (!parsed.ok) return { output: `failed to parse function arguments: ${parsed.message}`, success: false };
  // Through the one orchestrator, like the servers' tools (only `untrusted` asks).
  const ran = await runInProcessCall<ToolOutput>(
    {
      callId: call.callId,
      toolName: call.name,
      kind: "mcp_tool_call",
      arguments: parsed.value,
      run: async () => {
        try {
          return { output: JSON.stringify(await run(parsed.value, context.signal)), success: true };
        } catch (error) {
          if (context.signal.aborted) throw new AbortError();
          return { output: mcpErrorOutput(error), success: false };
        }
      },
    },
    context,
  );
  return ran.status === "ran" ? ran.outcome : { output: ran.message, success: false };
}
