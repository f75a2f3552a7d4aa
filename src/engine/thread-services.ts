/**
 * Per-thread services the tools use. They outlive a turn (e.g. unified exec sessions the model
 * polls in a later turn) and are created once per thread.
 */
import type { ToolAuthorizer, ToolCallAuthorizer } from "../approvals/tool-authorizer.js";
import type { CommandRunner } from "../exec/command-runner.js";
import type { ThreadMcpServers } from "../mcp/thread-mcp-servers.js";

export type ThreadServices = {
  /** Spawns every command; applies the sandbox policy it is given. */
  commandRunner: CommandRunner;
  /** Decides whether a command or patch may proceed, asking the user's callback when needed. */
  authorizer: ToolAuthorizer & ToolCallAuthorizer;
  /** The environment commands get (the engine env after the shell environment policy). */
  commandEnvironment: () => Record<string, string>;
  /** State a tool keeps across turns, keyed by tool name. */
  toolState: Map<string, unknown>;
  /** The thread's MCP servers (started on the first turn, closed with the thread). */
  mcp: ThreadMcpServers;
};
