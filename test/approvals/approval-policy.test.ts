import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  escalationNotAllowedMessage,
  commandBlockedByPolicyMessage,
  shellJoin,
} from "../../src/approvals/approval-messages.js";
import {
  type SandboxPermissions,
  decideCommandApproval,
  policyAsksToRetryWithoutSandbox,
} from "../../src/approvals/approval-policy.js";
import type { ApprovalMode } from "../../src/options/thread-options.js";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";

const SANDBOXES: Record<"read-only" | "workspace-write" | "danger-full-access", SandboxPolicy> = {
  "read-only": { mode: "read-only", networkAccess: false },
  "workspace-write": { mode: "workspace-write", writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false },
  "danger-full-access": { mode: "danger-full-access", networkAccess: true },
};
const COMMANDS = {
  safe: ["ls", "-la"],
  unsafe: ["cargo", "build"],
  dangerous: ["rm", "-rf", "build"],
} as const;

// Expected outcome per sandbox, in the order read-only, workspace-write, danger-full-access.
// "escalation" = rejected because escalation was requested under a policy other than on-request;
// "blocked" = rejected by the dangerous-command rule under `never`.
type Expected = "run" | "ask" | "escalation" | "blocked";
type Row = [Expected, Expected, Expected];
const EXPECTED: Record<ApprovalMode, Record<SandboxPermissions, Record<keyof typeof COMMANDS, Row>>> = {
  untrusted: {
    use_default: { safe: ["run", "run", "run"], unsafe: ["ask", "ask", "ask"], dangerous: ["ask", "ask", "ask"] },
    require_escalated: { safe: ["escalation", "escalation", "escalation"], unsafe: ["escalation", "escalation", "escalation"], dangerous: ["escalation", "escalation", "escalation"] },
  },
  "on-failure": {
    use_default: { safe: ["run", "run", "run"], unsafe: ["run", "run", "run"], dangerous: ["ask", "ask", "ask"] },
    require_escalated: { safe: ["escalation", "escalation", "escalation"], unsafe: ["escalation", "escalation", "escalation"], dangerous: ["escalation", "escalation", "escalation"] },
  },
  "on-request": {
    use_default: { safe: ["run", "run", "run"], unsafe: ["run", "run", "run"], dangerous: ["ask", "ask", "ask"] },
    require_escalated: { safe: ["ask", "ask", "run"], unsafe: ["ask", "ask", "run"], dangerous: ["ask", "ask", "ask"] },
  },
  never: {
    use_default: { safe: ["run", "run", "run"], unsafe: ["run", "run", "run"], dangerous: ["blocked", "blocked", "run"] },
    require_escalated: { safe: ["escalation", "escalation", "escalation"], unsafe: ["escalation", "escalation", "escalation"], dangerous: ["escalation", "escalation", "escalation"] },
  },
};

describe("decideCommandApproval policy matrix", () => {
  for (const [policy, byPermission] of Object.entries(EXPECTED) as Array<[ApprovalMode, (typeof EXPECTED)[ApprovalMode]]>) {
    for (const [sandboxPermissions, byCommand] of Object.entries(byPermission) as Array<[SandboxPermissions, Record<keyof typeof COMMANDS, Row>]>) {
      for (const [commandName, row] of Object.entries(byCommand) as Array<[keyof typeof COMMANDS, Row]>) {
        (["read-only", "workspace-write", "danger-full-access"] as const).forEach((mode, index) => {
          const expected = row[index] as Expected;
          const argv = [...COMMANDS[commandName]];
          test(`${policy} / ${mode} / ${sandboxPermissions} / ${commandName} → ${expected}`, () => {
            const decision = decideCommandApproval({ policy, sandbox: SANDBOXES[mode], argv, sandboxPermissions });
            const sandboxed = mode !== "danger-full-access" && sandboxPermissions === "use_default";
            if (expected === "run" || expected === "ask") {
              assert.deepEqual(decision, { outcome: expected, sandboxed });
            } else if (expected === "escalation") {
              assert.deepEqual(decision, { outcome: "reject", message: escalationNotAllowedMessage(policy) });
            } else {
              assert.deepEqual(decision, { outcome: "reject", message: "`rm -rf build` rejected: blocked by policy" });
            }
          });
        });
      }
    }
  }
});

describe("decideCommandApproval details", () => {
  const workspace = SANDBOXES["workspace-write"];

  test("escalation messages use Codex's policy names", () => {
    assert.equal(
      escalationNotAllowedMessage("never"),
      "approval policy is Never; reject command — you should not ask for escalated permissions if the approval policy is Never",
    );
    assert.equal(
      escalationNotAllowedMessage("untrusted"),
      "approval policy is UnlessTrusted; reject command — you should not ask for escalated permissions if the approval policy is UnlessTrusted",
    );
    assert.equal(
      escalationNotAllowedMessage("on-failure"),
      "approval policy is OnFailure; reject command — you should not ask for escalated permissions if the approval policy is OnFailure",
    );
  });

  test("each plain command of a bash -lc script is judged; the strictest wins", () => {
    const decide = (policy: ApprovalMode, script: string) =>
      decideCommandApproval({ policy, sandbox: workspace, argv: ["bash", "-lc", script], sandboxPermissions: "use_default" });
    assert.deepEqual(decide("untrusted", "ls && pwd | wc -l"), { outcome: "run", sandboxed: true });
    assert.deepEqual(decide("untrusted", "ls && cargo build"), { outcome: "ask", sandboxed: true });
    assert.deepEqual(decide("on-request", "ls && rm -rf build"), { outcome: "ask", sandboxed: true });
    assert.deepEqual(decide("never", "ls && rm -rf build"), {
      outcome: "reject",
      message: "`bash -lc 'ls && rm -rf build'` rejected: blocked by policy",
    });
    // Not a plain script: judged as one command, which is not known-safe.
    assert.deepEqual(decide("untrusted", "ls > out.txt"), { outcome: "ask", sandboxed: true });
    assert.deepEqual(decide("never", "ls > out.txt"), { outcome: "run", sandboxed: true });
  });

  test("a bash -lc script of known-safe commands runs without asking under untrusted", () => {
    const decision = decideCommandApproval({
      policy: "untrusted",
      sandbox: SANDBOXES["read-only"],
      argv: ["/bin/zsh", "-lc", "git status && git diff HEAD | head -n 40"],
      sandboxPermissions: "use_default",
    });
    assert.deepEqual(decision, { outcome: "run", sandboxed: true });
  });

  test("blocked-command messages quote argv like a shell", () => {
    assert.equal(commandBlockedByPolicyMessage(["rm", "-rf", "my dir"]), "`rm -rf 'my dir'` rejected: blocked by policy");
    assert.equal(shellJoin(["echo", "it's", ""]), `echo 'it'"'"'s' ''`);
  });

  test("only on-failure and untrusted ask to retry without the sandbox", () => {
    assert.equal(policyAsksToRetryWithoutSandbox("on-failure"), true);
    assert.equal(policyAsksToRetryWithoutSandbox("untrusted"), true);
    assert.equal(policyAsksToRetryWithoutSandbox("on-request"), false);
    assert.equal(policyAsksToRetryWithoutSandbox("never"), false);
  });
});
