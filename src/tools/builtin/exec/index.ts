/**
 * The command tools of a thread. The model family decides which one is advertised
 * (`settings.model.shellType`); the others are still registered with `spec: null`, as Codex does,
 * so calls in older histories keep getting answers.
 */
import type { ThreadSettings } from "../../../config/thread-settings.js";
import type { ToolHandler } from "../../tool-handler.js";
import type { ApplyPatchInterceptor } from "./apply-patch-interception.js";
import { createExecCommandHandler } from "./exec-command-handler.js";
import { createLocalShellHandler, createShellCommandHandler, createShellHandler } from "./shell-handlers.js";
import { execCommandToolSpec, localShellToolSpec, shellCommandToolSpec, shellToolSpec, writeStdinToolSpec } from "./tool-specs.js";
import { createWriteStdinHandler } from "./write-stdin-handler.js";

export type ShellToolsOptions = {
  /** Runs shell calls that are really apply_patch invocations (they never spawn). */
  interceptApplyPatch?: ApplyPatchInterceptor;
};

/**
 * The command tool handlers in Codex's order: the advertised tool(s) first (`exec_command` +
 * `write_stdin`, `shell_command`, `shell` or `local_shell`), then the unadvertised ones.
 */
export function createShellTools(settings: ThreadSettings, options: ShellToolsOptions = {}): ToolHandler[] {
  const intercept = options.interceptApplyPatch;
  const shellType = settings.model.shellType;
  const unifiedExec = shellType === "unified_exec";
  const advertised: ToolHandler[] = [];
  const hidden: ToolHandler[] = [];
  const place = (handler: ToolHandler, isAdvertised: boolean) => (isAdvertised ? advertised : hidden).push(handler);

  if (unifiedExec) {
    place(createExecCommandHandler(execCommandToolSpec(), intercept), true);
    place(createWriteStdinHandler(writeStdinToolSpec()), true);
  }
  place(createShellHandler("shell", shellType === "shell" ? shellToolSpec() : null, intercept), shellType === "shell");
  place(createShellHandler("container.exec", null, intercept), false);
  place(createLocalShellHandler(shellType === "local_shell" ? localShellToolSpec() : null, intercept), shellType === "local_shell");
  place(
    createShellCommandHandler(shellType === "shell_command" ? shellCommandToolSpec() : null, intercept),
    shellType === "shell_command",
  );
  return [...advertised, ...hidden];
}

export type { ApplyPatchInterceptor } from "./apply-patch-interception.js";
export { isLikelySandboxDenied, type SandboxDenialCheck } from "./sandbox-denial.js";
export { disposeUnifiedExec, unifiedExecManagerFor, UnifiedExecManager, UNIFIED_EXEC_STATE_KEY } from "./unified-exec-manager.js";
export { formattedTruncateText, truncateText, approxTokenCount, type TruncationPolicy } from "./truncation.js";
export { joinShellCommand } from "./shell-quote.js";
export {
  execCommandToolSpec,
  localShellToolSpec,
  shellCommandToolSpec,
  shellToolSpec,
  writeStdinToolSpec,
  JUSTIFICATION_DESCRIPTION,
  PREFIX_RULE_DESCRIPTION,
} from "./tool-specs.js";
