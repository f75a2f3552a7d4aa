/**
 * The command tools' side of the orchestrator (src/tools/tool-orchestrator.ts): the authorizer's
 * answers as orchestrator approvals. The plan of a command is the argv to run (the user may have
 * rewritten it); `run` goes ahead under the sandbox the authorizer chose, `reject` declines,
 * `abort` ends the turn.
 */
import type { CommandAuthorization, CommandAuthorizationRequest, ToolAuthorizer } from "../../../approvals/tool-authorizer.js";
import type { AttemptApproval } from "../../tool-orchestrator.js";

/** The first approval of a command. */
export async function approveCommand(authorizer: ToolAuthorizer, request: CommandAuthorizationRequest, signal: AbortSignal): Promise<AttemptApproval<string[]>> {
  return fromAuthorization(await authorizer.authorizeCommand(request, signal), undefined);
}

/**
 * The escalation after a likely sandbox denial: a new approval request about running `ranArgv`
 * (what actually ran) without the sandbox. `failureOutput` is the denied run's tool output; the
 * authorizer hands it back unchanged when the policy offers no retry, which means "keep".
 */
export async function approveCommandEscalation(
  authorizer: ToolAuthorizer,
  request: CommandAuthorizationRequest,
  ranArgv: readonly string[],
  failureOutput: string,
  signal: AbortSignal,
): Promise<AttemptApproval<string[]>> {
  const authorization = await authorizer.authorizeRetryWithoutSandbox({ ...request, argv: [...ranArgv] }, failureOutput, signal);
  return fromAuthorization(authorization, failureOutput);
}

function fromAuthorization(authorization: CommandAuthorization, failureOutput: string | undefined): AttemptApproval<string[]> {
  switch (authorization.action) {
    case "run":
      return { action: "run", plan: authorization.argv, sandbox: authorization.sandbox };
    case "reject":
      return failureOutput !== undefined && authorization.message === failureOutput ? { action: "keep" } : { action: "decline", message: authorization.message };
    case "abort":
      return { action: "abort", message: authorization.message };
  }
}
