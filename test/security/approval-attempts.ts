/**
 * Escape attempts through the approval rules, driven through the public API (a `Codex` thread
 * against the mock Responses server): issue 8 rows 5 and 6 (known-safe forms that execute or
 * write) and 7 (an approved sandboxed command that the sandbox denied is rerun unsandboxed only on
 * a second, escalated approval).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { ApprovalRequest } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { attempt, contentOf, type EscapeContext } from "./escape-harness.js";
import { confinedToWorkspace, sandboxOnlyApprover, withApiHarness } from "./patch-attempts.js";

/** Runs one `exec_command` under `untrusted` with a callback that refuses everything. */
async function untrustedCommandAllRefused(cmd: string, prepare: (workdir: string) => void) {
  return withApiHarness(async (harness) => {
    prepare(harness.workdir);
    harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd }, { callId: "cmd" })]), mockTurn([assistantMessage("done")]));
    const asked: ApprovalRequest[] = [];
    const thread = harness.codex().startThread(confinedToWorkspace(harness, "untrusted"));
    thread.onApprovalRequest((request) => {
      asked.push(request);
      return { decision: "denied" };
    });
    const turn = await thread.run("run it");
    return { workdir: harness.workdir, asked, turn };
  });
}

export function registerApprovalAttempts(context: EscapeContext): void {
  attempt(context, "untrusted: `sed -n 1p '-e1e CMD'` (a file named 1p exists) runs CMD without approval", async () => {
    const { workdir, asked } = await untrustedCommandAllRefused("sed -n 1p '-e1e touch sed-ran'", (dir) => writeFileSync(path.join(dir, "1p"), "line\n"));
    const ran = contentOf(path.join(workdir, "sed-ran")) !== undefined;
    return { blocked: !ran && asked.length === 1, detail: `CMD ran: ${ran}; approvals asked: ${asked.length}` };
  });

  attempt(context, "untrusted: `uniq IN OUT` writes OUT without approval", async () => {
    const { workdir, asked } = await untrustedCommandAllRefused("uniq in.txt out.txt", (dir) => writeFileSync(path.join(dir, "in.txt"), "a\na\n"));
    const written = contentOf(path.join(workdir, "out.txt"));
    return { blocked: written === undefined && asked.length === 1, detail: `out.txt: ${written}; approvals asked: ${asked.length}` };
  });

  attempt(context, "untrusted: an approved non-escalated command denied by the sandbox reruns unsandboxed without a second prompt", () =>
    withApiHarness(async (harness, outside) => {
      const target = path.join(outside, "rerun.txt");
      harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd: `echo pwned > '${target}'` }, { callId: "cmd" })]), mockTurn([assistantMessage("done")]));
      const asked: ApprovalRequest[] = [];
      const thread = harness.codex().startThread(confinedToWorkspace(harness, "untrusted"));
      thread.onApprovalRequest(sandboxOnlyApprover(asked));
      const turn = await thread.run("write outside");
      const written = contentOf(target);
      const escalations = asked.map((request) => request.escalated);
      const item = turn.items.find((entry) => entry.type === "command_execution");
      const declined = item?.type === "command_execution" && item.status === "declined";
      return {
        blocked: written === undefined && escalations.length === 2 && escalations[0] === false && escalations[1] === true && declined,
        detail: `outside file: ${written}; requests escalated: ${escalations}; item status: ${item && "status" in item ? item.status : "none"}`,
      };
    }),
  );
}
