import assert from "node:assert/strict";
import { test } from "node:test";
import { AbortError } from "../../src/errors.js";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";
import { orchestrate, type AttemptApproval, type SideEffect } from "../../src/tools/tool-orchestrator.js";

const readOnly: SandboxPolicy = { mode: "read-only", networkAccess: false };
const fullAccess: SandboxPolicy = { mode: "danger-full-access", networkAccess: true };
const live = () => new AbortController().signal;

/** A side effect whose attempts are "denied" under a sandbox, and that records what happened. */
function effect(first: AttemptApproval<string>, escalation: AttemptApproval<string>) {
  const log: string[] = [];
  const side: SideEffect<string, { plan: string; mode: string; denied: boolean }> = {
    approve: async () => {
      log.push("approve");
      return first;
    },
    attempt: async (plan, sandbox) => {
      log.push(`attempt ${plan} ${sandbox.mode}`);
      return { plan, mode: sandbox.mode, denied: sandbox.mode !== "danger-full-access" };
    },
    deniedBySandbox: (outcome) => outcome.denied,
    approveEscalation: async (plan) => {
      log.push(`escalate ${plan}`);
      return escalation;
    },
  };
  return { side, log };
}

test("a denied sandboxed attempt escalates with a new approval and reruns unsandboxed", async () => {
  const { side, log } = effect({ action: "run", plan: "p", sandbox: readOnly }, { action: "run", plan: "p2", sandbox: fullAccess });
  const result = await orchestrate(side, live());
  assert.deepEqual(log, ["approve", "attempt p read-only", "escalate p", "attempt p2 danger-full-access"]);
  assert.equal(result.status, "ran");
  assert.equal(result.status === "ran" && result.escalated, true);
});

test("a refused escalation keeps the confined outcome and says so; `keep` returns it as it ran", async () => {
  const declined = await orchestrate(effect({ action: "run", plan: "p", sandbox: readOnly }, { action: "decline", message: "no" }).side, live());
  assert.deepEqual(declined, { status: "escalation_declined", plan: "p", sandbox: readOnly, outcome: { plan: "p", mode: "read-only", denied: true }, message: "no" });
  const kept = await orchestrate(effect({ action: "run", plan: "p", sandbox: readOnly }, { action: "keep" }).side, live());
  assert.deepEqual(kept, { status: "ran", plan: "p", sandbox: readOnly, outcome: { plan: "p", mode: "read-only", denied: true }, escalated: false });
});

test("a declined first approval runs nothing; an unconfined run never escalates; abort throws", async () => {
  const declined = effect({ action: "decline", message: "refused" }, { action: "keep" });
  assert.deepEqual(await orchestrate(declined.side, live()), { status: "declined", message: "refused" });
  assert.deepEqual(declined.log, ["approve"]);
  const unconfined = effect({ action: "run", plan: "p", sandbox: fullAccess }, { action: "keep" });
  await orchestrate(unconfined.side, live());
  assert.deepEqual(unconfined.log, ["approve", "attempt p danger-full-access"]);
  await assert.rejects(orchestrate(effect({ action: "abort", message: "stop" }, { action: "keep" }).side, live()), AbortError);
  await assert.rejects(orchestrate(effect({ action: "run", plan: "p", sandbox: readOnly }, { action: "abort", message: "stop" }).side, live()), AbortError);
});
