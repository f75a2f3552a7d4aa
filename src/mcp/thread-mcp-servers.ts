/**
 * The MCP servers of one thread: started together on its first turn (each within its startup
 * timeout), offered to the model as `mcp__<server>__<tool>` tools plus the resource tools, and
 * closed with the thread. A server that fails to start is left out (its reason is kept and
 * reported as a warning); the thread runs with the others.
 */
import type { ToolHandler } from "../tools/tool-handler.js";
import type { McpToolSource } from "../tools/custom/thread-tool-registry.js";
import { loadMcpSdk } from "./load-mcp-sdk.js";
import { McpConnection } from "./mcp-connection.js";
import { createMcpResourceTools } from "./mcp-resource-tools.js";
import { createMcpToolHandler } from "./mcp-tool-handler.js";
import { qualifiedToolName } from "./mcp-tool-naming.js";
import type { ResolvedMcpServer } from "./resolve-mcp-servers.js";

export class ThreadMcpServers implements McpToolSource {
  private connections: McpConnection[] = [];
  private toolHandlers: ToolHandler[] = [];
  private readonly aliases = new Map<string, string>();
  private readonly failures = new Map<string, string>();
  private starting: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly servers: ResolvedMcpServer[],
    private readonly env: Record<string, string | undefined>,
  ) {}

  /** Starts every server once; later calls wait for the same start. Never throws. */
  start(): Promise<void> {
    return (this.starting ??= this.startAll());
  }

  /** Why each server that failed to start did (by server name). */
  startupFailures(): ReadonlyMap<string, string> {
    return this.failures;
  }

  handlers(): ToolHandler[] {
    return this.toolHandlers;
  }

  qualifiedName(server: string, tool: string): string | undefined {
    const connection = this.connections.find((candidate) => candidate.server.name === server);
    return connection?.tools.some((candidate) => candidate.name === tool) ? qualifiedToolName(server, tool) : undefined;
  }

  aliasOf(qualifiedName: string): string | undefined {
    return this.aliases.get(qualifiedName);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting;
    await Promise.all(this.connections.map((connection) => connection.close()));
    this.connections = [];
    this.toolHandlers = [];
  }

  private async startAll(): Promise<void> {
    if (this.servers.length === 0) return;
    const sdk = await loadMcpSdk();
    const started = await Promise.allSettled(this.servers.map((server) => McpConnection.start(server, sdk, this.env)));
    const connections: McpConnection[] = [];
    started.forEach((outcome, index) => {
      const server = this.servers[index]!;
      if (outcome.status === "fulfilled") connections.push(outcome.value);
      else {
        const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
        this.failures.set(server.name, reason);
        process.emitWarning(reason, { code: "CODEX_NATIVE_MCP_STARTUP" });
      }
    });
    if (this.closed) {
      await Promise.all(connections.map((connection) => connection.close()));
      return;
    }
    this.connections = connections;
    const handlers: ToolHandler[] = [];
    const seen = new Set<string>();
    for (const connection of connections) {
      for (const tool of connection.tools) {
        const handler = createMcpToolHandler(connection, tool);
        if (seen.has(handler.name)) continue; // Codex skips duplicates after sanitising.
        seen.add(handler.name);
        this.aliases.set(handler.name, `${connection.server.name}::${tool.name}`);
        handlers.push(handler);
      }
    }
    if (connections.length > 0) handlers.push(...createMcpResourceTools(() => this.connections));
    this.toolHandlers = handlers;
  }
}
