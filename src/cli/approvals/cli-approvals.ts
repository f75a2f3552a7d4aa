/**
 * Who answers approval requests in the line-output commands: the config's `approvals` callback
 * if any, else the person at the terminal, else nobody: the request is denied and the reason
 * printed (the model reads "rejected", the turn goes on).
 */
import type { ApprovalCallback } from "../../options/approval-callback-types.js";
import type { Styles } from "../output/ansi.js";
import { requestSummary } from "./describe-request.js";
import { terminalApprovalCallback, type TerminalPromptHooks } from "./terminal-approval.js";

export function cliApprovalCallback(configured: ApprovalCallback | undefined, styles: Styles, hooks: TerminalPromptHooks): ApprovalCallback {
  if (configured) return configured;
  if (process.stdin.isTTY && process.stderr.isTTY) return terminalApprovalCallback(process.stdin, styles, hooks);
  return (request) => {
    hooks.print(
      styles.yellow(
        `approval needed for ${requestSummary(request)}: denied (no terminal to ask and no approvals callback in the config; see --approval)`,
      ),
    );
    return { decision: "denied" };
  };
}
