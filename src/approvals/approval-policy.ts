/**
 * Codex's exec decision pipeline (spec §5.2; `tools/handlers/shell.rs`, `exec_policy.rs`
 * `render_decision_for_unmatched_command`, `tools/orchestrator.rs`), as pure functions: given the
 * approval policy, the sandbox policy and the command, decide whether it runs without asking, needs
 * the user's approval, or is rejected. Exec-policy `.rules` files are not supported, so every
 * command takes the "unmatched" path.
 *
 * | policy     | known-safe | other              | forced rm            | `require_escalated`           |
 * |------------|------------|--------------------|----------------------|-------------------------------|
 * | untrusted  | run        | ask                | ask                  | rejected                      |
 * | on-failure | run        | run (retry asks)   | ask                  | rejected                      |
 * | on-request | run        | run                | ask                  | ask (unsandboxed if approved) |
 * | never      | run        | run                | rejected¹            | rejected                      |
 *
 * ¹ Allowed when the sandbox is `danger-full-access` (nothing to protect, no one to ask).
 * Under `danger-full-access` nothing is sandboxed, but asking still follows the table.
 */
import type { ApprovalMode } from "../options/thread-options.js";
import type { SandboxPolicy } from "../sandbox/sandbox-policy.js";
import { commandBlockedByPolicyMessage, escalationNotAllowedMessage } from "./approval-messages.js";
import { commandMightBeDangerous } from "./dangerous-commands.js";
import { isKnownSafeCommand } from "./known-safe-commands.js";
import { parseShellLcPlainCommands } from "./shell-script-parser.js";

/** The model's `sandbox_permissions` argument of the shell tools. */
export type SandboxPermissions = "use_default" | "require_escalated";

export type CommandApprovalInput = {
  policy: ApprovalMode;
  sandbox: SandboxPolicy;
  argv: readonly string[];
  sandboxPermissions: SandboxPermissions;
};

/**
 * What to do with a command. `sandboxed` says how it runs (for `ask`: once approved): false when the
 * model asked for escalation or the sandbox is `danger-full-access`.
 */
export type CommandApprovalRequirement =
  | { outcome: "run"; sandboxed: boolean }
  | { outcome: "ask"; sandboxed: boolean }
  | { outcome: "reject"; message: string };

/** The policy a command runs under when it is not sandboxed. */
export const FULL_ACCESS_SANDBOX: SandboxPolicy = { mode: "danger-full-access", networkAccess: true };

type HeuristicDecision = "allow" | "prompt" | "forbidden";
const STRICTNESS: Record<HeuristicDecision, number> = { allow: 0, prompt: 1, forbidden: 2 };

/** Decides whether a command may run, per Codex's approval rules (see the table above). */
export function decideCommandApproval(input: CommandApprovalInput): CommandApprovalRequirement {
  const { policy, sandbox, argv, sandboxPermissions } = input;
  const escalationRequested = sandboxPermissions === "require_escalated";
  if (escalationRequested && policy !== "on-request") {
    return { outcome: "reject", message: escalationNotAllowedMessage(policy) };
  }

  // Each plain command of a `bash -lc` script is judged on its own; the strictest verdict wins.
  const parsed = parseShellLcPlainCommands(argv);
  const commands = parsed !== undefined && parsed.length > 0 ? parsed : [argv];
  let decision: HeuristicDecision = "allow";
  for (const command of commands) {
    const verdict = decideUnmatchedCommand(command, input);
    if (STRICTNESS[verdict] > STRICTNESS[decision]) decision = verdict;
  }

  const sandboxed = sandbox.mode !== "danger-full-access" && !escalationRequested;
  if (decision === "forbidden") return { outcome: "reject", message: commandBlockedByPolicyMessage(argv) };
  if (decision === "prompt") return { outcome: "ask", sandboxed };
  return { outcome: "run", sandboxed };
}

/**
 * After a sandboxed run failed with what looks like a sandbox denial: does the policy want to ask
 * the user about rerunning it unsandboxed? (`on-failure` and `untrusted` do; under `never` and
 * `on-request` the failure goes back to the model.)
 */
export function policyAsksToRetryWithoutSandbox(policy: ApprovalMode): boolean {
  return policy === "on-failure" || policy === "untrusted";
}

/** The sandbox a command runs under. */
export function sandboxForRun(sandbox: SandboxPolicy, sandboxed: boolean): SandboxPolicy {
  return sandboxed ? sandbox : FULL_ACCESS_SANDBOX;
}

function decideUnmatchedCommand(command: readonly string[], input: CommandApprovalInput): HeuristicDecision {
  const { policy, sandbox, sandboxPermissions } = input;
  if (policy === "untrusted" && isKnownSafeCommand(command)) return "allow";
  if (commandMightBeDangerous(command)) {
    if (policy !== "never") return "prompt";
    return sandbox.mode === "danger-full-access" ? "allow" : "forbidden";
  }
  switch (policy) {
    case "never":
    case "on-failure":
      return "allow";
    case "untrusted":
      return "prompt";
    case "on-request":
      // Unconfined already: just run. Confined: the sandbox enforces, ask only to escape it.
      if (sandbox.mode === "danger-full-access") return "allow";
      return sandboxPermissions === "require_escalated" ? "prompt" : "allow";
  }
}
