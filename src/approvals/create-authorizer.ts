/**
 * The per-thread authorizer: the approval policy decides, the user's callback answers when the
 * policy asks, and `approved_for_session` answers are remembered for the rest of the thread at
 * exactly the sandbox level they were given for. Leaving the sandbox is always its own request
 * (`escalated: true`).
 */
import type { ApprovalMode } from "../options/thread-options.js";
import type { SandboxPolicy } from "../sandbox/sandbox-policy.js";
import {
  type ApprovalCallback,
  type ApprovalCallbackFailure,
  createCallbackApprovalGate,
} from "./approval-callback.js";
import { RETRY_WITHOUT_SANDBOX_REASON, commandDisplayText, rejectedByUserMessage } from "./approval-messages.js";
import { decideCommandApproval, policyAsksToRetryWithoutSandbox, sandboxForRun } from "./approval-policy.js";
import type { ApprovalDecision, ApprovalRequest } from "./approval-types.js";
import { authorizePatch, authorizePatchRetryWithoutSandbox, type PatchAuthorizerContext } from "./patch-authorizer.js";
import { SessionApprovals } from "./session-approvals.js";
import type {
  CommandAuthorization,
  CommandAuthorizationRequest,
  ToolAuthorizer,
  ToolCallAuthorization,
  ToolCallAuthorizationRequest,
  ToolCallAuthorizer,
} from "./tool-authorizer.js";

export type CreateToolAuthorizerOptions = {
  threadId: string;
  /** The id of the turn in progress (read when a request is made). */
  currentTurnId: () => string;
  policy: ApprovalMode;
  sandbox: SandboxPolicy;
  /** The thread's working directory: root of the writable set. */
  cwd: string;
  /** The registered callback, read at each request (undefined: requests needing approval are denied). */
  callback: () => ApprovalCallback | undefined;
  /** How long the callback may take; default 5 minutes, `Infinity` waits forever. */
  timeoutMs?: number;
  /** Environment for `$TMPDIR` as a writable root; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Told about callbacks that threw, timed out or answered malformed (their requests were denied). */
  onCallbackFailure?: (failure: ApprovalCallbackFailure) => void;
};

/**
 * Creates the authorizer of one thread (its session approvals live as long as it does).
 * @throws InvalidArgumentError when `timeoutMs` is not a positive number.
 */
export function createToolAuthorizer(options: CreateToolAuthorizerOptions): ToolAuthorizer & ToolCallAuthorizer {
  const { policy, sandbox } = options;
  const gate = createCallbackApprovalGate({
    callback: options.callback,
    policy,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.onCallbackFailure === undefined ? {} : { onCallbackFailure: options.onCallbackFailure }),
  });
  const session = new SessionApprovals();

  const baseRequest = (callId: string, toolName: string, cwd: string) => ({
    threadId: options.threadId,
    turnId: options.currentTurnId(),
    callId,
    toolName,
    cwd,
    // A copy: the callback must not be able to change the thread's policy.
    sandbox: structuredClone(sandbox),
  });

  const askAboutCommand = async (
    request: CommandAuthorizationRequest,
    runSandbox: SandboxPolicy,
    reason: string | undefined,
    signal: AbortSignal,
  ): Promise<CommandAuthorization> => {
    const approvalRequest: ApprovalRequest = {
      ...baseRequest(request.callId, request.toolName, request.cwd),
      kind: "command",
      command: [...request.argv],
      commandText: commandDisplayText(request.argv),
      ...(reason === undefined ? {} : { reason }),
      escalated: runSandbox.mode === "danger-full-access",
    };
    const answer = await gate.request(approvalRequest, signal);
    if (answer.decision === "denied" || answer.decision === "abort") return refusal(answer, "command");
    const argv = answer.command ?? [...request.argv];
    if (answer.decision === "approved_for_session") session.rememberCommand(request.argv, request.cwd, runSandbox.mode, argv);
    return { action: "run", argv, sandbox: runSandbox };
  };

  const patchContext: PatchAuthorizerContext = {
    policy,
    sandbox,
    cwd: options.cwd,
    env: options.env ?? process.env,
    gate,
    session,
    baseRequest,
    refusal: (answer) => refusal(answer, "patch"),
  };

  return {
    async authorizeCommand(request, signal) {
      const requirement = decideCommandApproval({
        policy,
        sandbox,
        argv: request.argv,
        sandboxPermissions: request.sandboxPermissions,
      });
      if (requirement.outcome === "reject") return { action: "reject", message: requirement.message };
      const runSandbox = sandboxForRun(sandbox, requirement.sandboxed);
      if (requirement.outcome === "run") return { action: "run", argv: [...request.argv], sandbox: runSandbox };

      const approved = session.approvedCommand(request.argv, request.cwd, runSandbox.mode);
      if (approved !== undefined) return { action: "run", argv: approved, sandbox: runSandbox };
      return askAboutCommand(request, runSandbox, request.justification, signal);
    },

    async authorizeRetryWithoutSandbox(request, failureOutput, signal) {
      if (sandbox.mode === "danger-full-access" || !policyAsksToRetryWithoutSandbox(policy)) {
        return { action: "reject", message: failureOutput };
      }
      // A new question even when the sandboxed run was approved: that approval did not cover this.
      const unsandboxed = sandboxForRun(sandbox, false);
      const approved = session.approvedCommand(request.argv, request.cwd, unsandboxed.mode);
      if (approved !== undefined) return { action: "run", argv: approved, sandbox: unsandboxed };
      return askAboutCommand(request, unsandboxed, RETRY_WITHOUT_SANDBOX_REASON, signal);
    },

    authorizePatch: (request, signal) => authorizePatch(patchContext, request, signal),

    authorizePatchRetryWithoutSandbox: (request, failureOutput, signal) =>
      authorizePatchRetryWithoutSandbox(patchContext, request, failureOutput, signal),

    async authorizeToolCall(request: ToolCallAuthorizationRequest, signal: AbortSignal): Promise<ToolCallAuthorization> {
      if (policy !== "untrusted" || session.toolApproved(request.kind, request.toolName)) return { action: "run" };
      const answer = await gate.request(
        {
          ...baseRequest(request.callId, request.toolName, options.cwd),
          kind: request.kind,
          arguments: request.arguments,
          escalated: false,
        },
        signal,
      );
      if (answer.decision === "denied" || answer.decision === "abort") return refusal(answer, request.kind);
      if (answer.decision === "approved_for_session") session.rememberTool(request.kind, request.toolName);
      return { action: "run" };
    },
  };
}

/** A denial continues the turn with the message as tool output; an abort ends the turn. */
function refusal(
  answer: Extract<ApprovalDecision, { decision: "denied" | "abort" }>,
  kind: ApprovalRequest["kind"],
): { action: "reject" | "abort"; message: string } {
  const message = answer.message !== undefined && answer.message.trim() !== "" ? answer.message : rejectedByUserMessage(kind);
  return answer.decision === "abort" ? { action: "abort", message } : { action: "reject", message };
}
