/**
 * The per-thread authorizer: the approval policy decides, the user's callback answers when the
 * policy asks, and `approved_for_session` answers are remembered for the rest of the thread.
 */
import type { ApprovalMode } from "../options/thread-options.js";
import type { SandboxPolicy } from "../sandbox/sandbox-policy.js";
import {
  type ApprovalCallback,
  type ApprovalCallbackFailure,
  createCallbackApprovalGate,
} from "./approval-callback.js";
import {
  PATCH_OUTSIDE_WRITABLE_ROOTS_REASON,
  RETRY_WITHOUT_SANDBOX_REASON,
  commandDisplayText,
  rejectedByUserMessage,
} from "./approval-messages.js";
import { decideCommandApproval, policyAsksToRetryWithoutSandbox, sandboxForRun } from "./approval-policy.js";
import type { ApprovalDecision, ApprovalRequest } from "./approval-types.js";
import { assessPatchSafety, patchStaysInWritableRoots, resolveWritableRoots } from "./patch-safety.js";
import { SessionApprovals } from "./session-approvals.js";
import type {
  CommandAuthorization,
  CommandAuthorizationRequest,
  PatchAuthorization,
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
    if (answer.decision === "approved_for_session") {
      session.rememberCommand(request.argv, request.cwd, request.sandboxPermissions, argv);
    }
    session.rememberCall(request.callId, argv);
    return { action: "run", argv, sandbox: runSandbox };
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

      const approved = session.approvedCommand(request.argv, request.cwd, request.sandboxPermissions);
      if (approved !== undefined) {
        session.rememberCall(request.callId, approved);
        return { action: "run", argv: approved, sandbox: runSandbox };
      }
      return askAboutCommand(request, runSandbox, request.justification, signal);
    },

    async authorizeRetryWithoutSandbox(request, failureOutput, signal) {
      if (sandbox.mode === "danger-full-access" || !policyAsksToRetryWithoutSandbox(policy)) {
        return { action: "reject", message: failureOutput };
      }
      const unsandboxed = sandboxForRun(sandbox, false);
      const approved =
        session.approvedCall(request.callId) ??
        session.approvedCommand(request.argv, request.cwd, request.sandboxPermissions);
      if (approved !== undefined) return { action: "run", argv: approved, sandbox: unsandboxed };
      return askAboutCommand(request, unsandboxed, RETRY_WITHOUT_SANDBOX_REASON, signal);
    },

    async authorizePatch(request, signal): Promise<PatchAuthorization> {
      const writableRoots = await resolveWritableRoots(sandbox, options.cwd, options.env ?? process.env);
      const patchInput = {
        policy,
        sandbox,
        cwd: options.cwd,
        changes: request.changes,
        writableRoots,
        writesOutsideSandbox: request.writesOutsideSandbox === true,
      };
      const safety = assessPatchSafety(patchInput);
      if (safety.outcome === "reject") return { action: "reject", message: safety.message };
      if (safety.outcome === "auto") return { action: "apply", patch: request.patch, unsandboxed: !safety.sandboxed };

      // Approved patches that stay in the writable roots still apply under the sandbox.
      const staysInRoots = patchStaysInWritableRoots(patchInput);
      const unsandboxed = sandbox.mode === "danger-full-access" || !staysInRoots;
      const paths = request.changes.flatMap((change) => (change.movePath === undefined ? [change.path] : [change.path, change.movePath]));
      if (session.pathsApproved(paths)) return { action: "apply", patch: request.patch, unsandboxed };

      const answer = await gate.request(
        {
          ...baseRequest(request.callId, request.toolName, request.cwd),
          kind: "patch",
          patch: request.patch,
          changes: request.changes.map((change) => ({ ...change })),
          ...(staysInRoots ? {} : { reason: PATCH_OUTSIDE_WRITABLE_ROOTS_REASON }),
          escalated: unsandboxed,
        },
        signal,
      );
      if (answer.decision === "denied" || answer.decision === "abort") return refusal(answer, "patch");
      if (answer.decision === "approved_for_session") session.rememberPaths(paths);
      // A patch the user wrote themselves is theirs to place anywhere.
      if (answer.patch !== undefined) return { action: "apply", patch: answer.patch, unsandboxed: true };
      return { action: "apply", patch: request.patch, unsandboxed };
    },

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
