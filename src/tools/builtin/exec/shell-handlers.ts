/**
 * `shell` (argv, structured output), `shell_command` (script in the user's shell, freeform output)
 * and `local_shell` (the Responses API's built-in tool, answered like `shell`). `container.exec` is
 * an old alias of `shell` kept so older histories still get answers.
 */
import { s, type Infer } from "../../../validation/spec.js";
import path from "node:path";
import { parseToolArguments } from "../../parse-tool-arguments.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput, ToolSpec } from "../../tool-handler.js";
import { interceptPatch, recognisePatch, type ApplyPatchInterceptor } from "./apply-patch-interception.js";
import { DEFAULT_EXEC_TIMEOUT_MS } from "./run-one-shot.js";
import { executeShellInvocation } from "./shell-execution.js";
import { shellExecArgs, userShell } from "./user-shell.js";

const SandboxPermissions = s.enum(["use_default", "require_escalated"]);

const approvalArguments = {
  sandbox_permissions: SandboxPermissions.nullish(),
  justification: s.string().nullish(),
  prefix_rule: s.array(s.string()).nullish(),
};

const timeoutArgument = s.number().int().nonnegative().nullish();

const ShellArguments = s.object({
  command: s.array(s.string()),
  workdir: s.string().nullish(),
  timeout_ms: timeoutArgument,
  // Codex accepts `timeout` as an alias of `timeout_ms`.
  timeout: timeoutArgument,
  ...approvalArguments,
});

const ShellCommandArguments = s.object({
  command: s.string(),
  workdir: s.string().nullish(),
  login: s.boolean().nullish(),
  timeout_ms: timeoutArgument,
  timeout: timeoutArgument,
  ...approvalArguments,
});

type CommonArguments = {
  workdir?: string | null;
  timeout_ms?: number | null;
  timeout?: number | null;
  sandbox_permissions?: Infer<typeof SandboxPermissions> | null;
  justification?: string | null;
};

type ParsedCommand = {
  toolName: string;
  argv: string[];
  /** The script for the user's shell (shell_command), matched directly for patches. */
  script?: string;
  parsed: CommonArguments;
  format: "structured" | "freeform";
};

/** The shared part of every shell handler: patch interception, then the authorized run. */
async function runParsedCommand(
  { toolName, argv, script, parsed, format }: ParsedCommand,
  call: ToolCall,
  context: ToolCallContext,
  interceptApplyPatch: ApplyPatchInterceptor | undefined,
): Promise<ToolOutput> {
  const cwd = path.resolve(context.turn.settings.cwd, parsed.workdir ?? "");
  const recognition = recognisePatch(script === undefined ? { argv } : { script, argv });
  const intercepted = await interceptPatch(recognition, cwd, interceptApplyPatch, call, context);
  if (intercepted) return intercepted;
  if (argv.length === 0) {
    return { output: 'execution error: Io(Custom { kind: InvalidInput, error: "command args are empty" })', success: false };
  }
  const request = {
    callId: call.callId,
    toolName,
    argv,
    cwd,
    sandboxPermissions: parsed.sandbox_permissions ?? "use_default",
    ...(parsed.justification ? { justification: parsed.justification } : {}),
  };
  const timeoutMs = parsed.timeout_ms ?? parsed.timeout ?? DEFAULT_EXEC_TIMEOUT_MS;
  return executeShellInvocation({ request, timeoutMs, format }, context);
}

function unsupportedPayload(toolName: string): ToolOutput {
  return { output: `unsupported payload for ${toolName} handler: ${toolName}`, success: false };
}

/** `shell` (and its alias `container.exec`): argv passed to execvp, structured JSON output. */
export function createShellHandler(
  name: "shell" | "container.exec",
  spec: ToolSpec | null,
  interceptApplyPatch: ApplyPatchInterceptor | undefined,
): ToolHandler {
  return {
    name,
    spec,
    parallel: true,
    async handle(call, context) {
      if (call.kind !== "function") return unsupportedPayload(name);
      const parsed = parseToolArguments(ShellArguments, call.arguments);
      if (!parsed.ok) return { output: parsed.message, success: false };
      const command = { toolName: name, argv: parsed.value.command, parsed: parsed.value, format: "structured" } as const;
      return runParsedCommand(command, call, context, interceptApplyPatch);
    },
  };
}

/** `shell_command`: the script runs as `[userShell, "-lc"|"-c", script]`, freeform text output. */
export function createShellCommandHandler(spec: ToolSpec | null, interceptApplyPatch: ApplyPatchInterceptor | undefined): ToolHandler {
  return {
    name: "shell_command",
    spec,
    parallel: true,
    async handle(call, context) {
      if (call.kind !== "function") return unsupportedPayload("shell_command");
      const parsed = parseToolArguments(ShellCommandArguments, call.arguments);
      if (!parsed.ok) return { output: parsed.message, success: false };
      const { command, login } = parsed.value;
      const argv = shellExecArgs(userShell(context.turn.env), command, login ?? true);
      return runParsedCommand({ toolName: "shell_command", argv, script: command, parsed: parsed.value, format: "freeform" }, call, context, interceptApplyPatch);
    },
  };
}

/** `local_shell`: the model's `local_shell_call` action, run like `shell` (no escalation parameters). */
export function createLocalShellHandler(spec: ToolSpec | null, interceptApplyPatch: ApplyPatchInterceptor | undefined): ToolHandler {
  return {
    name: "local_shell",
    spec,
    parallel: true,
    async handle(call, context) {
      if (call.kind !== "local_shell") return unsupportedPayload("local_shell");
      if (!call.callId) return { output: "LocalShellCall without call_id or id", success: false };
      const { action } = call;
      const parsed: CommonArguments = { workdir: action.working_directory, timeout_ms: action.timeout_ms };
      return runParsedCommand({ toolName: "local_shell", argv: action.command, parsed, format: "structured" }, call, context, interceptApplyPatch);
    },
  };
}
