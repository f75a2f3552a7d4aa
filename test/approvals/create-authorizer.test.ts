import assert from "node:assert/strict";
import { mkdir, mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { ApprovalCallback, ApprovalCallbackAnswer } from "../../src/approvals/approval-callback.js";
import type { ApprovalRequest } from "../../src/approvals/approval-types.js";
import { createToolAuthorizer } from "../../src/approvals/create-authorizer.js";
import type { CommandAuthorizationRequest } from "../../src/approvals/tool-authorizer.js";
import { AbortError } from "../../src/errors.js";
import type { ApprovalMode } from "../../src/options/thread-options.js";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";

let project: string;
let outside: string;
before(async () => {
  project = await realpath(await mkdtemp(path.join(os.tmpdir(), "authorizer-project-")));
  outside = await realpath(await mkdtemp(path.join(os.tmpdir(), "authorizer-outside-")));
});
after(async () => {
  await rm(project, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const WORKSPACE: SandboxPolicy = { mode: "workspace-write", writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: true, excludeSlashTmp: true };
const FULL_ACCESS: SandboxPolicy = { mode: "danger-full-access", networkAccess: true };
const live = () => new AbortController().signal;

/** An authorizer whose callback answers from a script and records what it was asked. */
function setup(policy: ApprovalMode, options: { sandbox?: SandboxPolicy; answers?: ApprovalCallbackAnswer[]; callback?: ApprovalCallback | null; timeoutMs?: number } = {}) {
  const asked: ApprovalRequest[] = [];
  const answers = [...(options.answers ?? [])];
  let turn = 1;
  const scripted: ApprovalCallback = (request) => {
    asked.push(request);
    const answer = answers.shift();
    if (answer === undefined) throw new Error("unexpected approval request");
    return answer;
  };
  const callback = options.callback === null ? undefined : (options.callback ?? scripted);
  const authorizer = createToolAuthorizer({
    threadId: "thread-1",
    currentTurnId: () => `turn-${turn}`,
    policy,
    sandbox: options.sandbox ?? WORKSPACE,
    cwd: project,
    callback: () => callback,
    env: {},
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return { authorizer, asked, nextTurn: () => (turn += 1) };
}

const command = (argv: string[], extra: Partial<CommandAuthorizationRequest> = {}): CommandAuthorizationRequest => ({
  callId: extra.callId ?? "call-1",
  toolName: "exec_command",
  argv,
  cwd: extra.cwd ?? project,
  sandboxPermissions: extra.sandboxPermissions ?? "use_default",
  ...(extra.justification === undefined ? {} : { justification: extra.justification }),
});

describe("createToolAuthorizer: commands", () => {
  test("untrusted asks before an unknown command and runs it sandboxed once approved", async () => {
    const { authorizer, asked } = setup("untrusted", { answers: ["approved"] });
    assert.deepEqual(await authorizer.authorizeCommand(command(["bash", "-lc", "cargo build && ls"]), live()), {
      action: "run",
      argv: ["bash", "-lc", "cargo build && ls"],
      sandbox: WORKSPACE,
    });
    assert.deepEqual(asked, [
      {
        threadId: "thread-1",
        turnId: "turn-1",
        callId: "call-1",
        toolName: "exec_command",
        cwd: project,
        sandbox: WORKSPACE,
        kind: "command",
        command: ["bash", "-lc", "cargo build && ls"],
        commandText: "cargo build && ls",
        escalated: false,
      },
    ]);
  });

  test("known-safe commands run without asking under untrusted", async () => {
    const { authorizer, asked } = setup("untrusted");
    const result = await authorizer.authorizeCommand(command(["bash", "-lc", "git status && ls"]), live());
    assert.equal(result.action, "run");
    assert.equal(asked.length, 0);
  });

  test("a denial continues with the user's message, or Codex's text when there is none", async () => {
    const { authorizer } = setup("untrusted", { answers: [{ decision: "denied", message: "use make instead" }, "denied", { decision: "denied", message: "  " }] });
    assert.deepEqual(await authorizer.authorizeCommand(command(["cargo", "build"]), live()), { action: "reject", message: "use make instead" });
    assert.deepEqual(await authorizer.authorizeCommand(command(["cargo", "build"]), live()), { action: "reject", message: "exec command rejected by user" });
    assert.deepEqual(await authorizer.authorizeCommand(command(["cargo", "build"]), live()), { action: "reject", message: "exec command rejected by user" });
  });

  test("abort ends the turn", async () => {
    const { authorizer } = setup("untrusted", { answers: ["abort", { decision: "abort", message: "stop everything" }] });
    assert.deepEqual(await authorizer.authorizeCommand(command(["cargo", "build"]), live()), { action: "abort", message: "exec command rejected by user" });
    assert.deepEqual(await authorizer.authorizeCommand(command(["cargo", "build"]), live()), { action: "abort", message: "stop everything" });
  });

  test("the callback may rewrite the command", async () => {
    const { authorizer } = setup("untrusted", { answers: [{ decision: "approved", command: ["cargo", "build", "--offline"] }] });
    assert.deepEqual(await authorizer.authorizeCommand(command(["cargo", "build"]), live()), {
      action: "run",
      argv: ["cargo", "build", "--offline"],
      sandbox: WORKSPACE,
    });
  });

  test("callback failures and malformed answers deny with a message saying which", async () => {
    const throwing = setup("untrusted", {
      callback: () => {
        throw new Error("secret-ish detail");
      },
    });
    assert.deepEqual(await throwing.authorizer.authorizeCommand(command(["cargo", "build"]), live()), {
      action: "reject",
      message: "exec command rejected: the approval callback threw an error",
    });
    const slow = setup("untrusted", { callback: () => new Promise(() => {}), timeoutMs: 15 });
    assert.deepEqual(await slow.authorizer.authorizeCommand(command(["cargo", "build"]), live()), {
      action: "reject",
      message: "exec command rejected: the approval callback did not answer within 15 ms",
    });
    const malformed = setup("untrusted", { answers: [{ decision: "sure" } as never] });
    const result = await malformed.authorizer.authorizeCommand(command(["cargo", "build"]), live());
    assert.equal(result.action, "reject");
    assert.match((result as { message: string }).message, /^exec command rejected: the approval callback returned an invalid answer/);
  });

  test("with no callback a command needing approval is denied, never auto-approved", async () => {
    const { authorizer } = setup("on-request", { callback: null });
    assert.deepEqual(
      await authorizer.authorizeCommand(command(["curl", "example.com"], { sandboxPermissions: "require_escalated", justification: "fetch?" }), live()),
      {
        action: "reject",
        message:
          "approval required by policy (on-request), but no approval callback is registered; " +
          "register one with codex.setApprovalCallback() or thread.onApprovalRequest()",
      },
    );
  });

  test("never runs everything sandboxed without asking and rejects escalation", async () => {
    const { authorizer, asked } = setup("never");
    assert.deepEqual(await authorizer.authorizeCommand(command(["cargo", "build"]), live()), { action: "run", argv: ["cargo", "build"], sandbox: WORKSPACE });
    assert.deepEqual(await authorizer.authorizeCommand(command(["cargo", "build"], { sandboxPermissions: "require_escalated" }), live()), {
      action: "reject",
      message: "approval policy is Never; reject command — you should not ask for escalated permissions if the approval policy is Never",
    });
    assert.deepEqual(await authorizer.authorizeCommand(command(["rm", "-rf", "target"]), live()), {
      action: "reject",
      message: "`rm -rf target` rejected: blocked by policy",
    });
    assert.equal(asked.length, 0);
  });

  test("on-request asks to escalate with the model's justification and runs unsandboxed once approved", async () => {
    const { authorizer, asked } = setup("on-request", { answers: ["approved"] });
    const result = await authorizer.authorizeCommand(
      command(["git", "pull"], { sandboxPermissions: "require_escalated", justification: "Do you want to pull the latest changes?" }),
      live(),
    );
    assert.deepEqual(result, { action: "run", argv: ["git", "pull"], sandbox: FULL_ACCESS });
    assert.equal(asked[0]?.reason, "Do you want to pull the latest changes?");
    assert.equal(asked[0]?.escalated, true);
  });

  test("danger-full-access still asks under untrusted, and runs unconfined", async () => {
    const { authorizer, asked } = setup("untrusted", { sandbox: FULL_ACCESS, answers: ["approved"] });
    assert.deepEqual(await authorizer.authorizeCommand(command(["cargo", "build"]), live()), { action: "run", argv: ["cargo", "build"], sandbox: FULL_ACCESS });
    assert.equal(asked[0]?.escalated, true);
  });

  test("approved_for_session skips asking for the same argv, cwd and permissions for the rest of the thread", async () => {
    const { authorizer, asked, nextTurn } = setup("untrusted", {
      answers: [{ decision: "approved_for_session", command: ["cargo", "build", "--offline"] }, "approved", "approved"],
    });
    await authorizer.authorizeCommand(command(["cargo", "build"]), live());
    nextTurn();
    assert.deepEqual(await authorizer.authorizeCommand(command(["cargo", "build"], { callId: "call-2" }), live()), {
      action: "run",
      argv: ["cargo", "build", "--offline"],
      sandbox: WORKSPACE,
    });
    assert.equal(asked.length, 1);
    await authorizer.authorizeCommand(command(["cargo", "build"], { cwd: path.join(project, "sub") }), live());
    await authorizer.authorizeCommand(command(["cargo", "test"]), live());
    assert.deepEqual(asked.map((request) => [request.turnId, request.command, request.cwd]), [
      ["turn-1", ["cargo", "build"], project],
      ["turn-2", ["cargo", "build"], path.join(project, "sub")],
      ["turn-2", ["cargo", "test"], project],
    ]);
  });

  test("a plain approval is not remembered", async () => {
    const { authorizer, asked } = setup("untrusted", { answers: ["approved", "approved"] });
    await authorizer.authorizeCommand(command(["cargo", "build"]), live());
    await authorizer.authorizeCommand(command(["cargo", "build"], { callId: "call-2" }), live());
    assert.equal(asked.length, 2);
  });

  test("aborting while the callback is pending rejects with AbortError", async () => {
    const controller = new AbortController();
    const { authorizer } = setup("untrusted", {
      callback: () => {
        queueMicrotask(() => controller.abort());
        return new Promise(() => {});
      },
    });
    await assert.rejects(authorizer.authorizeCommand(command(["cargo", "build"]), controller.signal), AbortError);
  });
});

describe("createToolAuthorizer: retry without sandbox", () => {
  const denial = "Exit code: 1\nOutput:\ntouch: /etc/x: Read-only file system";

  test("on-failure runs sandboxed first, then asks with Codex's reason and reruns unconfined", async () => {
    const { authorizer, asked } = setup("on-failure", { answers: ["approved"] });
    const request = command(["touch", "/etc/x"]);
    assert.deepEqual(await authorizer.authorizeCommand(request, live()), { action: "run", argv: ["touch", "/etc/x"], sandbox: WORKSPACE });
    assert.equal(asked.length, 0);
    assert.deepEqual(await authorizer.authorizeRetryWithoutSandbox(request, denial, live()), {
      action: "run",
      argv: ["touch", "/etc/x"],
      sandbox: FULL_ACCESS,
    });
    assert.equal(asked[0]?.reason, "command failed; retry without sandbox?");
    assert.equal(asked[0]?.escalated, true);
  });

  test("a denied retry answers with Codex's rejection text", async () => {
    const { authorizer } = setup("on-failure", { answers: ["denied"] });
    assert.deepEqual(await authorizer.authorizeRetryWithoutSandbox(command(["touch", "/etc/x"]), denial, live()), {
      action: "reject",
      message: "exec command rejected by user",
    });
  });

  test("never and on-request return the failure output unchanged without asking", async () => {
    for (const policy of ["never", "on-request"] as const) {
      const { authorizer, asked } = setup(policy);
      assert.deepEqual(await authorizer.authorizeRetryWithoutSandbox(command(["touch", "/etc/x"]), denial, live()), { action: "reject", message: denial });
      assert.equal(asked.length, 0);
    }
  });

  test("an approved run that the sandbox denied asks again, escalated, about the argv that ran", async () => {
    const { authorizer, asked } = setup("untrusted", {
      answers: [{ decision: "approved", command: ["make", "install"] }, "approved"],
    });
    const first = await authorizer.authorizeCommand(command(["make"], { callId: "call-9" }), live());
    assert.deepEqual(first, { action: "run", argv: ["make", "install"], sandbox: WORKSPACE });
    assert.equal(asked[0]?.escalated, false);
    assert.deepEqual(await authorizer.authorizeRetryWithoutSandbox(command(["make", "install"], { callId: "call-9" }), denial, live()), {
      action: "run",
      argv: ["make", "install"],
      sandbox: FULL_ACCESS,
    });
    assert.equal(asked.length, 2);
    assert.equal(asked[1]?.escalated, true);
    assert.deepEqual(asked[1]?.command, ["make", "install"]);
  });

  test("a session approval of the sandboxed run does not cover the unsandboxed retry", async () => {
    const { authorizer, asked } = setup("untrusted", { answers: ["approved_for_session", "denied"] });
    await authorizer.authorizeCommand(command(["make"]), live());
    assert.deepEqual(await authorizer.authorizeCommand(command(["make"], { callId: "call-2" }), live()), { action: "run", argv: ["make"], sandbox: WORKSPACE });
    assert.deepEqual(await authorizer.authorizeRetryWithoutSandbox(command(["make"], { callId: "call-2" }), denial, live()), {
      action: "reject",
      message: "exec command rejected by user",
    });
    assert.deepEqual(asked.map((request) => request.escalated), [false, true]);
  });

  test("a retry approved for the session is not asked again", async () => {
    const { authorizer, asked } = setup("on-failure", { answers: ["approved_for_session"] });
    await authorizer.authorizeRetryWithoutSandbox(command(["npm", "install"], { callId: "a" }), denial, live());
    const second = await authorizer.authorizeRetryWithoutSandbox(command(["npm", "install"], { callId: "b" }), denial, live());
    assert.deepEqual(second, { action: "run", argv: ["npm", "install"], sandbox: FULL_ACCESS });
    assert.equal(asked.length, 1);
  });
});

describe("createToolAuthorizer: patches", () => {
  const patchText = "*** Begin Patch\n*** Add File: x\n+x\n*** End Patch";
  const patch = (changes: Array<{ path: string; kind?: "add" | "update" | "delete"; movePath?: string }>, callId = "call-p") => ({
    callId,
    toolName: "apply_patch",
    patch: patchText,
    cwd: project,
    changes: changes.map((change) => ({ kind: change.kind ?? "add", path: change.path, ...(change.movePath ? { movePath: change.movePath } : {}) })),
  });

  test("on-request applies patches inside the writable roots without asking, sandboxed", async () => {
    const { authorizer, asked } = setup("on-request");
    assert.deepEqual(await authorizer.authorizePatch(patch([{ path: path.join(project, "a.txt") }]), live()), {
      action: "apply",
      patch: patchText,
      unsandboxed: false,
    });
    assert.equal(asked.length, 0);
  });

  test("writes outside the roots ask with a reason and apply unsandboxed once approved", async () => {
    const { authorizer, asked } = setup("on-request", { answers: ["approved"] });
    const target = path.join(outside, "b.txt");
    assert.deepEqual(await authorizer.authorizePatch(patch([{ path: target }]), live()), { action: "apply", patch: patchText, unsandboxed: true });
    assert.equal(asked[0]?.kind, "patch");
    assert.equal(asked[0]?.patch, patchText);
    assert.deepEqual(asked[0]?.changes, [{ kind: "add", path: target }]);
    assert.equal(asked[0]?.reason, "the patch writes outside the sandbox's writable roots");
    assert.equal(asked[0]?.escalated, true);
  });

  test("untrusted asks even inside the roots; the approved patch stays sandboxed", async () => {
    const { authorizer, asked } = setup("untrusted", { answers: ["approved"] });
    assert.deepEqual(await authorizer.authorizePatch(patch([{ path: path.join(project, "a.txt") }]), live()), {
      action: "apply",
      patch: patchText,
      unsandboxed: false,
    });
    assert.equal(asked[0]?.escalated, false);
    assert.equal(asked[0]?.reason, undefined);
  });

  test("denials, never and empty patches reject with Codex's texts", async () => {
    const denied = setup("on-request", { answers: ["denied"] });
    assert.deepEqual(await denied.authorizer.authorizePatch(patch([{ path: path.join(outside, "b.txt") }]), live()), {
      action: "reject",
      message: "patch rejected by user",
    });
    const never = setup("never");
    assert.deepEqual(await never.authorizer.authorizePatch(patch([{ path: path.join(outside, "b.txt") }]), live()), {
      action: "reject",
      message: "writing outside of the project; rejected by user approval settings",
    });
    assert.deepEqual(await never.authorizer.authorizePatch(patch([]), live()), { action: "reject", message: "empty patch" });
    assert.equal(never.asked.length, 0);
  });

  test("the callback may rewrite the patch; the rewrite applies at the approved level (sandboxed here)", async () => {
    const { authorizer } = setup("untrusted", { answers: [{ decision: "approved", patch: "*** Begin Patch\n*** Delete File: y\n*** End Patch" }] });
    assert.deepEqual(await authorizer.authorizePatch(patch([{ path: path.join(project, "a.txt") }]), live()), {
      action: "apply",
      patch: "*** Begin Patch\n*** Delete File: y\n*** End Patch",
      unsandboxed: false,
    });
  });

  test("approved_for_session remembers every path, including move targets", async () => {
    const { authorizer, asked } = setup("on-request", { answers: ["approved_for_session", "approved"] });
    const source = path.join(outside, "old.txt");
    const target = path.join(outside, "new.txt");
    await authorizer.authorizePatch(patch([{ path: source, kind: "update", movePath: target }]), live());
    assert.deepEqual(await authorizer.authorizePatch(patch([{ path: target, kind: "update" }], "call-2"), live()), {
      action: "apply",
      patch: patchText,
      unsandboxed: true,
    });
    assert.equal(asked.length, 1);
    await authorizer.authorizePatch(patch([{ path: target }, { path: path.join(outside, "other.txt") }], "call-3"), live());
    assert.equal(asked.length, 2);
  });

  test("a path inside the roots that is a symlink to outside asks, escalated", async () => {
    const { authorizer, asked } = setup("on-request", { answers: ["approved"] });
    await symlink(outside, path.join(project, "symlink"));
    assert.deepEqual(await authorizer.authorizePatch(patch([{ path: path.join(project, "symlink/x") }]), live()), { action: "apply", patch: patchText, unsandboxed: true });
    assert.equal(asked[0]?.escalated, true);
  });

  test("a session approval covers the real paths at the approved level only", async () => {
    const { authorizer, asked } = setup("untrusted", { answers: ["approved_for_session", "denied"] });
    await mkdir(path.join(project, "session-dir"), { recursive: true });
    const target = path.join(project, "session-dir/a.txt");
    assert.deepEqual(await authorizer.authorizePatch(patch([{ path: target }]), live()), { action: "apply", patch: patchText, unsandboxed: false });
    assert.deepEqual(await authorizer.authorizePatch(patch([{ path: target }], "call-2"), live()), { action: "apply", patch: patchText, unsandboxed: false });
    assert.equal(asked.length, 1);
    // The sandbox refused a later apply: escaping it is a new question.
    assert.deepEqual(await authorizer.authorizePatchRetryWithoutSandbox(patch([{ path: target }], "call-3"), "denied output", live()), {
      action: "reject",
      message: "patch rejected by user",
    });
    assert.deepEqual(asked.map((request) => [request.escalated, request.reason]), [
      [false, undefined],
      [true, "command failed; retry without sandbox?"],
    ]);
    // The same path swapped for a symlink to outside is another real path: asked again.
    await rm(path.join(project, "session-dir"), { recursive: true });
    await symlink(outside, path.join(project, "session-dir"));
    const swapped = setup("untrusted", { answers: ["denied"] });
    assert.equal((await swapped.authorizer.authorizePatch(patch([{ path: target }]), live())).action, "reject");
    assert.equal(swapped.asked[0]?.escalated, true);
  });

  test("never refuses the retry without asking and hands back the failure", async () => {
    const { authorizer, asked } = setup("never");
    assert.deepEqual(await authorizer.authorizePatchRetryWithoutSandbox(patch([{ path: path.join(project, "a.txt") }]), "denied output", live()), {
      action: "reject",
      message: "denied output",
    });
    assert.equal(asked.length, 0);
  });
});

describe("createToolAuthorizer: MCP and custom tools", () => {
  const call = (toolName: string, callId = "call-t") => ({ callId, toolName, kind: "mcp_tool_call" as const, arguments: { query: "x" } });

  test("only untrusted asks; approved_for_session covers the tool for the thread", async () => {
    const { authorizer, asked } = setup("untrusted", { answers: ["approved_for_session", "denied"] });
    assert.deepEqual(await authorizer.authorizeToolCall(call("mcp__docs__search"), live()), { action: "run" });
    assert.deepEqual(await authorizer.authorizeToolCall(call("mcp__docs__search", "call-2"), live()), { action: "run" });
    assert.deepEqual(await authorizer.authorizeToolCall(call("mcp__docs__fetch", "call-3"), live()), { action: "reject", message: "tool call rejected by user" });
    assert.deepEqual(asked.map((request) => [request.kind, request.toolName, request.arguments, request.cwd]), [
      ["mcp_tool_call", "mcp__docs__search", { query: "x" }, project],
      ["mcp_tool_call", "mcp__docs__fetch", { query: "x" }, project],
    ]);
    for (const policy of ["never", "on-request", "on-failure"] as const) {
      const other = setup(policy);
      assert.deepEqual(await other.authorizer.authorizeToolCall({ ...call("lookup"), kind: "custom_tool" }, live()), { action: "run" });
      assert.equal(other.asked.length, 0);
    }
  });
});
