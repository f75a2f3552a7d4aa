/**
 * The built-in tools a thread offers its model, chosen per model family and options in Codex's
 * order (codex-engine-spec §2.1).
 */
import type { ThreadSettings } from "../config/thread-settings.js";
import { updatePlanTool } from "./builtin/update-plan.js";
import type { ToolHandler, ToolSpec } from "./tool-handler.js";
import { ToolRegistry } from "./tool-registry.js";

export function defaultToolRegistry(settings: ThreadSettings): ToolRegistry {
  const handlers: ToolHandler[] = [updatePlanTool];
  const serverSide: ToolSpec[] = [];
  if (settings.webSearch !== "disabled") {
    serverSide.push({ type: "web_search", external_web_access: settings.webSearch === "live" });
  }
  return new ToolRegistry(handlers, serverSide);
}
