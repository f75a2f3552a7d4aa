/**
 * How the command tools act on the authorizer's answers: `run` goes ahead (with the possibly
 * rewritten argv and the sandbox it chose), `reject` becomes the tool output, `abort` ends the turn.
 */
import type { CommandAuthorization, CommandAuthorizationRequest, ToolAuthorizer } from "../../../approvals/tool-authorizer.js";
import { AbortError } from "../../../errors.js";
import type { ToolOutput } from "../../tool-handler.js";

export type AuthorizedRun = Extract<CommandAuthorization, { action: "run" }>;

/**
 * Asks before spawning. A rejected command produces no `command_execution` item (the item is only
 * started once the command really runs), and the rejection text goes back to the model.
 */
export async function authorizeOrRespond(
  authorizer: ToolAuthorizer,
  request: CommandAuthorizationRequest,
  signal: AbortSignal,
): Promise<AuthorizedRun | { action: "respond"; output: ToolOutput }> {
  const authorization = await authorizer.authorizeCommand(request, signal);
  return settle(authorization, (message) => ({ action: "respond", output: { output: message, success: false } }));
}

/**
 * After a likely sandbox denial: the unsandboxed run to do, or the answer to send instead.
 * `failureOutput` is the tool output of the sandboxed run; the authorizer returns it unchanged when
 * the policy says no, and its own text when the user refuses.
 */
export async function retryWithoutSandbox(
  authorizer: ToolAuthorizer,
  request: CommandAuthorizationRequest,
  failureOutput: string,
  signal: AbortSignal,
): Promise<AuthorizedRun | { action: "respond"; message: string }> {
  const authorization = await authorizer.authorizeRetryWithoutSandbox(request, failureOutput, signal);
  return settle(authorization, (message) => ({ action: "respond", message }));
}

function settle<T>(authorization: CommandAuthorization, onReject: (message: string) => T): AuthorizedRun | T {
  switch (authorization.action) {
    case "run":
      return authorization;
    case "reject":
      return onReject(authorization.message);
    case "abort":
      throw new AbortError(authorization.message);
  }
}
