/**
 * The built-in tools a thread offers its model, chosen per model family and options in Codex's
 * order (codex-engine-spec §2.1): command tools, update_plan, apply_patch, the experimental file
 * tools, web_search, view_image.
 */
import type { ThreadSettings } from "../config/thread-settings.js";
import { createApplyPatchTool, runApplyPatch } from "./builtin/apply-patch/apply-patch-tool.js";
import { createShellTools } from "./builtin/exec/index.js";
import { createFileTools, viewImageTool } from "./builtin/file-tools/index.js";
import { reverieSearchTool } from "./builtin/reverie-search.js";
import { updatePlanTool } from "./builtin/update-plan.js";
import type { ToolHandler, ToolSpec } from "./tool-handler.js";
import { ToolRegistry } from "./tool-registry.js";

export function defaultToolRegistry(settings: ThreadSettings): ToolRegistry {
  const model = settings.model;
  const handlers: ToolHandler[] = [
    ...createShellTools(settings, {
      interceptApplyPatch: (invocation, call, context) =>
        runApplyPatch(invocation.patch, invocation.workdir ?? context.turn.settings.cwd, call, context),
    }),
    updatePlanTool,
  ];
  if (model.applyPatchTool !== "none") handlers.push(createApplyPatchTool(model.applyPatchTool));
  const fileTools = createFileTools();
  for (const tool of fileTools) {
    handlers.push(model.experimentalSupportedTools.includes(tool.name) ? tool : { ...tool, spec: null, handle: tool.handle.bind(tool) });
  }
  // Opt-in: searching past sessions reads other conversations, so it is never on by default.
  if (settings.reverieSearch) handlers.push(reverieSearchTool);
  const serverSide: ToolSpec[] = [];
  if (settings.webSearch !== "disabled") {
    serverSide.push({ type: "web_search", external_web_access: settings.webSearch === "live" });
  }
  return new ToolRegistry(handlers, serverSide, [viewImageTool]);
}
