/**
 * What the tools ask before they act. The approvals module implements it from the approval
 * policy, the known-safe command list and the user's callback; tools only see these answers.
 */
import type { SandboxPolicy } from "../sandbox/sandbox-policy.js";
import type { ApprovalFileChange } from "./approval-types.js";

export type CommandAuthorizationRequest = {
  callId: string;
  toolName: string;
  argv: string[];
  /** Where the command runs (the tool's `workdir`, resolved). */
  cwd: string;
  /** The model's `sandbox_permissions` argument. */
  sandboxPermissions: "use_default" | "require_escalated";
  /** The model's `justification`; shown to the user as the reason when escalation is requested. */
  justification?: string;
};

export type CommandAuthorization =
  /** Run `argv` (possibly rewritten by the callback) under `sandbox` (full access when escalated). */
  | { action: "run"; argv: string[]; sandbox: SandboxPolicy }
  /** Do not run; `message` goes back to the model as the tool output. */
  | { action: "reject"; message: string }
  /** End the turn (the user chose to abort); `message` is the tool output recorded for this call. */
  | { action: "abort"; message: string };

export type PatchAuthorizationRequest = {
  callId: string;
  toolName: string;
  patch: string;
  /** The turn's working directory the patch paths were resolved against. */
  cwd: string;
  /** Every file operation of the planned patch (absolute paths); an empty list is rejected. */
  changes: ApprovalFileChange[];
  /**
   * The SDK's home (config, credentials, sessions): never writable by a sandboxed patch, so a
   * patch into it asks (or is rejected under `never`) even when it lies under a writable root.
   */
  codexHome?: string;
};

export type PatchAuthorization =
  /**
   * Apply `patch` (possibly rewritten by the callback). When `unsandboxed` is false the writes run
   * confined by the thread's sandbox (the kernel refuses anything outside the writable roots); when
   * true they run unconfined (the user approved exactly that escalation, or the sandbox is
   * `danger-full-access`).
   */
  | { action: "apply"; patch: string; unsandboxed: boolean }
  | { action: "reject"; message: string }
  | { action: "abort"; message: string };

export interface ToolAuthorizer {
  authorizeCommand(request: CommandAuthorizationRequest, signal: AbortSignal): Promise<CommandAuthorization>;
  /**
   * After a sandboxed run that looks like a sandbox denial: may the command run again without the
   * sandbox? `on-failure` and `untrusted` make a NEW approval request (`escalated: true`), whether
   * or not the first run was approved, unless this exact escape (argv, cwd, unsandboxed) was
   * approved for the session; `never` and `on-request` say no. `request.argv` is the argv that ran.
   * `failureOutput` is the tool output the model gets if there is no retry: a policy "no" returns it
   * unchanged as the `reject` message. A user denial returns "exec command rejected by user".
   */
  authorizeRetryWithoutSandbox(request: CommandAuthorizationRequest, failureOutput: string, signal: AbortSignal): Promise<CommandAuthorization>;
  authorizePatch(request: PatchAuthorizationRequest, signal: AbortSignal): Promise<PatchAuthorization>;
  /**
   * After a confined apply that the sandbox refused: may the patch be applied without the sandbox?
   * Every policy but `never` makes a NEW approval request (`escalated: true`) unless these real
   * paths were approved unsandboxed for the session; a policy "no" returns `failureOutput`.
   */
  authorizePatchRetryWithoutSandbox(request: PatchAuthorizationRequest, failureOutput: string, signal: AbortSignal): Promise<PatchAuthorization>;
}

export type ToolCallAuthorizationRequest = {
  callId: string;
  /** The name the model called (for MCP tools `mcp__<server>__<tool>`). */
  toolName: string;
  kind: "mcp_tool_call" | "custom_tool";
  arguments: unknown;
};

export type ToolCallAuthorization =
  | { action: "run" }
  | { action: "reject"; message: string }
  | { action: "abort"; message: string };

/**
 * Approval of MCP and user-defined tools. Only `untrusted` asks (once per tool with
 * `approved_for_session`); every other policy runs them, since they are not sandboxed commands.
 */
export interface ToolCallAuthorizer {
  authorizeToolCall(request: ToolCallAuthorizationRequest, signal: AbortSignal): Promise<ToolCallAuthorization>;
}
