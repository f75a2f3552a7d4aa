/**
 * The patch half of a thread's authorizer: whether an apply_patch call applies confined, asks, or
 * is rejected, and the escalation question after the sandbox refused a confined apply. Session
 * approvals cover the real paths written at the level approved, never more.
 */
import type { ApprovalMode } from "../options/thread-options.js";
import type { SandboxPolicy } from "../sandbox/sandbox-policy.js";
import { PATCH_OUTSIDE_WRITABLE_ROOTS_REASON, RETRY_WITHOUT_SANDBOX_REASON } from "./approval-messages.js";
import { FULL_ACCESS_SANDBOX } from "./approval-policy.js";
import type { ApprovalDecision, ApprovalGate, ApprovalRequest } from "./approval-types.js";
import { assessPatchSafety, patchStaysInWritableRoots, resolvePatchTargets, resolveWritableRoots } from "./patch-safety.js";
import type { SessionApprovals } from "./session-approvals.js";
import type { PatchAuthorization, PatchAuthorizationRequest } from "./tool-authorizer.js";

export type PatchAuthorizerContext = {
  policy: ApprovalMode;
  sandbox: SandboxPolicy;
  cwd: string;
  env: Record<string, string | undefined>;
  gate: ApprovalGate;
  session: SessionApprovals;
  /** The fields every approval request of this thread carries. */
  baseRequest: (callId: string, toolName: string, cwd: string) => Omit<ApprovalRequest, "kind" | "escalated">;
  refusal: (answer: Extract<ApprovalDecision, { decision: "denied" | "abort" }>) => { action: "reject" | "abort"; message: string };
};

/** `authorizePatch`: see {@link ToolAuthorizer.authorizePatch}. */
export async function authorizePatch(context: PatchAuthorizerContext, request: PatchAuthorizationRequest, signal: AbortSignal): Promise<PatchAuthorization> {
  const { policy, sandbox } = context;
  const writableRoots = await resolveWritableRoots(sandbox, context.cwd, context.env, request.codexHome);
  const targets = await resolvePatchTargets(request.changes);
  const patchInput = { policy, sandbox, cwd: context.cwd, changes: targets, writableRoots };
  const safety = assessPatchSafety(patchInput);
  if (safety.outcome === "reject") return { action: "reject", message: safety.message };
  if (safety.outcome === "auto") return { action: "apply", patch: request.patch, unsandboxed: !safety.sandboxed };

  // Approved patches that stay in the writable roots still apply under the sandbox.
  const staysInRoots = patchStaysInWritableRoots(patchInput);
  const unsandboxed = sandbox.mode === "danger-full-access" || !staysInRoots;
  return ask(context, request, realPathsOf(targets), unsandboxed, staysInRoots ? undefined : PATCH_OUTSIDE_WRITABLE_ROOTS_REASON, signal);
}

/** `authorizePatchRetryWithoutSandbox`: see {@link ToolAuthorizer.authorizePatchRetryWithoutSandbox}. */
export async function authorizePatchRetryWithoutSandbox(
  context: PatchAuthorizerContext,
  request: PatchAuthorizationRequest,
  failureOutput: string,
  signal: AbortSignal,
): Promise<PatchAuthorization> {
  if (context.sandbox.mode === "danger-full-access" || context.policy === "never") return { action: "reject", message: failureOutput };
  const targets = await resolvePatchTargets(request.changes);
  return ask(context, request, realPathsOf(targets), true, RETRY_WITHOUT_SANDBOX_REASON, signal);
}

async function ask(
  context: PatchAuthorizerContext,
  request: PatchAuthorizationRequest,
  realPaths: string[],
  unsandboxed: boolean,
  reason: string | undefined,
  signal: AbortSignal,
): Promise<PatchAuthorization> {
  const level = unsandboxed ? FULL_ACCESS_SANDBOX.mode : context.sandbox.mode;
  if (context.session.pathsApproved(realPaths, level)) return { action: "apply", patch: request.patch, unsandboxed };
  const answer = await context.gate.request(
    {
      ...context.baseRequest(request.callId, request.toolName, request.cwd),
      kind: "patch",
      patch: request.patch,
      changes: request.changes.map((change) => ({ ...change })),
      ...(reason === undefined ? {} : { reason }),
      escalated: unsandboxed,
    },
    signal,
  );
  if (answer.decision === "denied" || answer.decision === "abort") return context.refusal(answer);
  // A rewritten patch was not what the paths were resolved for: it applies at the approved level
  // but is not remembered for the session.
  if (answer.patch !== undefined) return { action: "apply", patch: answer.patch, unsandboxed };
  if (answer.decision === "approved_for_session") context.session.rememberPaths(realPaths, level);
  return { action: "apply", patch: request.patch, unsandboxed };
}

function realPathsOf(targets: ReadonlyArray<{ path: string; movePath?: string | undefined }>): string[] {
  return targets.flatMap((change) => (change.movePath === undefined ? [change.path] : [change.path, change.movePath]));
}
