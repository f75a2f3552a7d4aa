/**
 * Escape attempts through apply_patch, driven through the public API (a `Codex` thread against the
 * mock Responses server, the model's tool calls scripted): issue 8 rows 3, 4, 11 (patch side) and
 * 12 (patch side). Each must leave everything outside the writable roots, `CODEX_HOME` and the
 * protected entries untouched, and may only reach them through an escalated approval the user
 * refused.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ApprovalRequest, ThreadOptions } from "../../src/index.js";
import { assistantMessage, customToolCall, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { attempt, contentOf, type EscapeContext } from "./escape-harness.js";

/** A fresh mock server, CODEX_HOME (under the temp dir) and workspace, with an `outside` sibling. */
export async function withApiHarness<T>(run: (harness: Harness, outside: string) => Promise<T>): Promise<T> {
  const harness = await createHarness();
  const outside = path.join(path.dirname(harness.workdir), "outside");
  mkdirSync(outside);
  try {
    return await run(harness, outside);
  } finally {
    await harness.close();
  }
}

/** workspace-write with only the workspace writable (the temp dirs hold `outside`). */
export const confinedToWorkspace = (harness: Harness, approvalPolicy: ThreadOptions["approvalPolicy"]): ThreadOptions => ({
  workingDirectory: harness.workdir,
  skipGitRepoCheck: true,
  sandboxMode: "workspace-write",
  workspaceWriteOptions: { excludeSlashTmp: true, excludeTmpdirEnvVar: true },
  approvalPolicy,
});

const addFile = (file: string, text: string) => ["*** Begin Patch", `*** Add File: ${file}`, `+${text}`, "*** End Patch"].join("\n");

/** Approves what stays in the sandbox, refuses every escalation; records what it was asked. */
export function sandboxOnlyApprover(asked: ApprovalRequest[]) {
  return (request: ApprovalRequest) => {
    asked.push(request);
    return request.escalated ? { decision: "denied" as const } : { decision: "approved_for_session" as const };
  };
}

export function registerPatchAttempts(context: EscapeContext): void {
  attempt(context, "apply_patch (never) racing an exec session that swaps a directory for a symlink to outside, 200 patches", () =>
    withApiHarness(async (harness, outside) => {
      const patches = 200;
      // `d` flips between a real directory and a symlink to outside with renameat2(RENAME_EXCHANGE),
      // so it is never missing; without Python, a shell loop of rm/mkdir/ln does the same, slower.
      const exchange =
        "import ctypes,os,time\nlibc=ctypes.CDLL(None,use_errno=True)\nend=time.time()+40\n" +
        "while not os.path.exists('stop') and time.time()<end:\n libc.renameat2(-100,b'd',-100,b'e',2)";
      const swapLoop = context.python
        ? `mkdir d && ln -s '${outside}' e && exec ${context.python} -c "${exchange}"`
        : `end=$((SECONDS+40)); while [ ! -e stop ] && [ $SECONDS -lt $end ]; do rm -rf d; mkdir d; rm -rf d; ln -s '${outside}' d; done`;
      const calls = Array.from({ length: patches }, (_, index) =>
        customToolCall("apply_patch", addFile(index % 2 === 0 ? `d/race-${index}.txt` : `d/sub/race-${index}.txt`, "pwned"), { callId: `race_${index}` }),
      );
      harness.server.enqueue(
        mockTurn([functionCall("exec_command", { cmd: swapLoop, yield_time_ms: 250 }, { callId: "swapper" })]),
        mockTurn(calls),
        mockTurn([assistantMessage("done")]),
      );
      const thread = harness.codex().startThread(confinedToWorkspace(harness, "never"));
      try {
        await thread.run("race");
      } finally {
        writeFileSync(path.join(harness.workdir, "stop"), "");
      }
      const escaped = readdirSync(outside, { recursive: true }).map(String).filter((name) => name.includes("race-"));
      return { blocked: escaped.length === 0, detail: `written outside: ${escaped.join(", ")}` };
    }),
  );

  attempt(context, "apply_patch to a path approved for the session after it became a symlink to outside", () =>
    withApiHarness(async (harness, outside) => {
      mkdirSync(path.join(harness.workdir, "d"));
      harness.server.enqueue(
        mockTurn([customToolCall("apply_patch", addFile("d/a.txt", "first"), { callId: "first" })]),
        mockTurn([functionCall("exec_command", { cmd: `rm -rf d && ln -s '${outside}' d` }, { callId: "swap" })]),
        mockTurn([customToolCall("apply_patch", addFile("d/a.txt", "pwned"), { callId: "second" })]),
        mockTurn([assistantMessage("done")]),
      );
      const asked: ApprovalRequest[] = [];
      const thread = harness.codex().startThread(confinedToWorkspace(harness, "untrusted"));
      thread.onApprovalRequest(sandboxOnlyApprover(asked));
      await thread.run("patch twice");
      const patchRequests = asked.filter((request) => request.kind === "patch").map((request) => request.escalated);
      const written = contentOf(path.join(outside, "a.txt"));
      // The second patch must have been asked about as an escalation (and refused), never applied silently.
      return { blocked: written === undefined && patchRequests.length === 2 && patchRequests[1] === true, detail: `outside a.txt: ${written}; patch requests escalated: ${patchRequests}` };
    }),
  );

  attempt(context, "apply_patch (on-request) to CODEX_HOME/config.toml while CODEX_HOME lies under a writable root", () =>
    withApiHarness(async (harness) => {
      const config = path.join(harness.codexHome, "config.toml");
      writeFileSync(config, 'model = "gpt-5.5"\n');
      const patch = ["*** Begin Patch", `*** Update File: ${config}`, "@@", '-model = "gpt-5.5"', '+approval_policy = "never"', "*** End Patch"].join("\n");
      harness.server.enqueue(mockTurn([customToolCall("apply_patch", patch, { callId: "home" })]), mockTurn([assistantMessage("done")]));
      const asked: ApprovalRequest[] = [];
      // The default workspace-write: the temp dirs (and CODEX_HOME inside them) are writable roots.
      const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", approvalPolicy: "on-request" });
      thread.onApprovalRequest(sandboxOnlyApprover(asked));
      await thread.run("reconfigure");
      const after = contentOf(config);
      return { blocked: after === 'model = "gpt-5.5"\n', detail: `config.toml now: ${after}; asked: ${asked.map((request) => `${request.kind}/${request.escalated}`)}` };
    }),
  );

  attempt(context, "apply_patch (never) creating .codex/config.toml where .codex/ did not exist", () =>
    withApiHarness(async (harness) => {
      harness.server.enqueue(
        mockTurn([customToolCall("apply_patch", addFile(".codex/config.toml", 'sandbox_mode = "danger-full-access"'), { callId: "dotcodex" })]),
        mockTurn([customToolCall("apply_patch", addFile(".git/hooks/pre-commit", "touch pwned"), { callId: "dotgit" })]),
        mockTurn([assistantMessage("done")]),
      );
      const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", approvalPolicy: "never" });
      await thread.run("configure");
      const created = [".codex/config.toml", ".git/hooks/pre-commit"].filter((file) => existsSync(path.join(harness.workdir, file)));
      return { blocked: created.length === 0, detail: `created: ${created.join(", ")}` };
    }),
  );
}
