/**
 * The registry of one turn: the thread's built-ins (per model and options) under the instance's
 * registered tools and interceptors, the thread's dynamic tools and its MCP servers' tools.
 */
import type { ThreadSettings } from "../../config/thread-settings.js";
import { defaultToolRegistry } from "../default-tools.js";
import type { CustomToolRegistry } from "./custom-tool-registry.js";
import type { DynamicToolSpec } from "./native-tool-types.js";
import { ThreadToolRegistry, type McpToolSource } from "./thread-tool-registry.js";

export function createThreadToolRegistry(
  settings: ThreadSettings,
  instanceTools: CustomToolRegistry,
  dynamicTools: readonly DynamicToolSpec[],
  mcp: McpToolSource | undefined,
): ThreadToolRegistry {
  return new ThreadToolRegistry(defaultToolRegistry(settings), instanceTools, dynamicTools, mcp);
}
