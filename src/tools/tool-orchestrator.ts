/**
 * The one path every tool side effect takes (DESIGN.md decision 5): approve → choose the sandbox →
 * attempt → on a likely sandbox denial, escalate with a NEW approval request and attempt again
 * without the sandbox. The approval policy decides whether work runs; the sandbox decides what it
 * can touch; leaving the sandbox always asks.
 *
 * A tool describes its side effect as a {@link SideEffect}; {@link orchestrate} drives it. The
 * shell tools, `exec_command` and `apply_patch` use it today; custom JS tools and MCP tools plug in
 * the same way (their `approve` asks `authorizeToolCall`, their `attempt` runs the handler, and
 * `deniedBySandbox` is false for work that has no sandbox to be denied by).
 */
import { AbortError } from "../errors.js";
import type { SandboxPolicy } from "../sandbox/sandbox-policy.js";

/** An approval answer about one attempt. */
export type AttemptApproval<Plan> =
  /** Go ahead with `plan` (possibly rewritten by the user) under `sandbox`. */
  | { action: "run"; plan: Plan; sandbox: SandboxPolicy }
  /** Refused (by the policy or the user); `message` goes back to the model. */
  | { action: "decline"; message: string }
  /** No escalation is offered (the policy does not ask): the denied attempt's result stands. */
  | { action: "keep" }
  /** The user chose to end the turn. */
  | { action: "abort"; message: string };

/** One tool side effect, as the orchestrator sees it. */
export interface SideEffect<Plan, Outcome> {
  /** The first approval: policy, session approvals and (when the policy asks) the user. */
  approve(signal: AbortSignal): Promise<AttemptApproval<Plan>>;
  /** Carries the plan out once under `sandbox`. Expected failures belong in `Outcome`. */
  attempt(plan: Plan, sandbox: SandboxPolicy): Promise<Outcome>;
  /** True when `outcome` most likely failed because `sandbox` refused something. */
  deniedBySandbox(outcome: Outcome, sandbox: SandboxPolicy): boolean;
  /**
   * Asked only after a denial: a NEW approval request (`escalated: true`) to attempt `plan`
   * without the sandbox. Never skipped because the first attempt was approved.
   */
  approveEscalation(plan: Plan, denied: Outcome, signal: AbortSignal): Promise<AttemptApproval<Plan>>;
}

/** How the side effect ended. */
export type Orchestrated<Plan, Outcome> =
  /** The first approval refused it: nothing ran. */
  | { status: "declined"; message: string }
  /** It ran (`escalated`: the last attempt ran without the sandbox after a second approval). */
  | { status: "ran"; plan: Plan; sandbox: SandboxPolicy; outcome: Outcome; escalated: boolean }
  /** The sandbox refused it and the escalation was refused: `outcome` is the confined attempt's. */
  | { status: "escalation_declined"; plan: Plan; sandbox: SandboxPolicy; outcome: Outcome; message: string };

/**
 * Runs `effect` through approve → attempt → escalate.
 * @throws AbortError when the user answers `abort` (or `signal` fires while asking).
 */
export async function orchestrate<Plan, Outcome>(effect: SideEffect<Plan, Outcome>, signal: AbortSignal): Promise<Orchestrated<Plan, Outcome>> {
  const approval = await effect.approve(signal);
  if (approval.action === "abort") throw new AbortError(approval.message);
  if (approval.action === "decline") return { status: "declined", message: approval.message };
  if (approval.action === "keep") throw new Error("orchestrate: `keep` is only an answer to an escalation");

  const first = await effect.attempt(approval.plan, approval.sandbox);
  const ran = { status: "ran", plan: approval.plan, sandbox: approval.sandbox, outcome: first, escalated: false } as const;
  if (approval.sandbox.mode === "danger-full-access" || !effect.deniedBySandbox(first, approval.sandbox)) return ran;

  const escalation = await effect.approveEscalation(approval.plan, first, signal);
  switch (escalation.action) {
    case "abort":
      throw new AbortError(escalation.message);
    case "keep":
      return ran;
    case "decline":
      return { status: "escalation_declined", plan: approval.plan, sandbox: approval.sandbox, outcome: first, message: escalation.message };
    case "run": {
      const second = await effect.attempt(escalation.plan, escalation.sandbox);
      return { status: "ran", plan: escalation.plan, sandbox: escalation.sandbox, outcome: second, escalated: true };
    }
  }
}
