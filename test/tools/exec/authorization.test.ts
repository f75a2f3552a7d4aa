import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { AbortError } from "../../../src/errors.js";
import { isSandboxSupported } from "../../../src/exec/sandboxed-command-runner.js";
import type { SandboxPolicy } from "../../../src/sandbox/sandbox-policy.js";
import { createShellTools } from "../../../src/tools/builtin/exec/index.js";
import type { ToolHandler } from "../../../src/tools/tool-handler.js";
import { createExecTestContext, RecordingAuthorizer, type ExecTestContext } from "./exec-test-context.js";

const readOnly: SandboxPolicy = { mode: "read-only", networkAccess: false };
const fullAccess: SandboxPolicy = { mode: "danger-full-access", networkAccess: true };

function tool(context: ExecTestContext, name: string): ToolHandler {
  return createShellTools(context.settings).find((handler) => handler.name === name)!;
}

test("the authorizer sees the call before anything spawns", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  await context.call(
    tool(context, "shell_command"),
    { command: "echo hi", workdir: "/tmp", sandbox_permissions: "require_escalated", justification: "Need it?" },
    "call-7",
  );
  assert.deepEqual(context.authorizer.commandRequests, [
    {
      callId: "call-7",
      toolName: "shell_command",
      argv: ["/bin/bash", "-lc", "echo hi"],
      cwd: "/tmp",
      sandboxPermissions: "require_escalated",
      justification: "Need it?",
    },
  ]);
});

test("a rejected command does not run; it gets a declined item and a session record, and the rejection is the output", async (t) => {
  const authorizer = new RecordingAuthorizer(() => ({ action: "reject", message: "exec command rejected by user" }));
  const context = await createExecTestContext({ authorizer });
  t.after(() => context.close());
  for (const [name, args] of [
    ["exec_command", { cmd: "touch x" }],
    ["shell", { command: ["touch", "x"] }],
    ["shell_command", { command: "touch x" }],
  ] as const) {
    const result = await context.call(tool(context, name), args);
    assert.equal(result.output, "exec command rejected by user", name);
    assert.equal(result.success, false);
    assert.equal(result.item?.type === "command_execution" ? result.item.status : undefined, "declined", name);
  }
  assert.equal(context.runner.spawned.length, 0);
  assert.deepEqual(
    context.events.map((event) => event.type),
    ["item.started", "item.started", "item.started"],
  );
  assert.deepEqual(
    context.recordedEvents.map((event) => [event.type, event.status, event.aggregated_output]),
    Array.from({ length: 3 }, () => ["exec_command_end", "declined", "exec command rejected by user"]),
  );
});

test("an abort decision ends the turn with AbortError", async (t) => {
  const authorizer = new RecordingAuthorizer(() => ({ action: "abort", message: "user aborted" }));
  const context = await createExecTestContext({ authorizer });
  t.after(() => context.close());
  await assert.rejects(context.call(tool(context, "exec_command"), { cmd: "echo hi" }), AbortError);
  await assert.rejects(context.call(tool(context, "shell"), { command: ["echo", "hi"] }), AbortError);
  assert.equal(context.runner.spawned.length, 0);
});

test("the authorized argv and sandbox are what runs, and the item shows that argv", async (t) => {
  const authorizer = new RecordingAuthorizer(() => ({ action: "run", argv: ["echo", "rewritten"], sandbox: readOnly }));
  const context = await createExecTestContext({ authorizer });
  t.after(() => context.close());
  const result = await context.call(tool(context, "exec_command"), { cmd: "echo original" });
  assert.match(result.output as string, /Output:\nrewritten\n$/);
  assert.deepEqual(context.runner.spawned[0]!.argv, ["echo", "rewritten"]);
  assert.deepEqual(context.runner.spawned[0]!.sandbox, readOnly);
  assert.equal(context.runner.spawned[0]!.sandboxCwd, context.workdir);
  assert.equal(result.item && "command" in result.item ? result.item.command : undefined, "echo rewritten");
});

const deniedScript = "echo 'touch: cannot touch x: Read-only file system' >&2; exit 1";

test("a likely sandbox denial asks to retry unsandboxed and reruns when allowed", async (t) => {
  const authorizer = new RecordingAuthorizer(
    (request) => ({ action: "run", argv: request.argv, sandbox: readOnly }),
    () => ({ action: "run", argv: ["/bin/bash", "-c", "echo retried"], sandbox: fullAccess }),
  );
  const context = await createExecTestContext({ model: "o3", authorizer });
  t.after(() => context.close());
  const result = await context.call(tool(context, "shell_command"), { command: deniedScript });
  assert.equal(authorizer.retryRequests.length, 1);
  assert.match(authorizer.retryRequests[0]!.failureOutput, /^Exit code: 1\nWall time: [\d.]+ seconds\nOutput:\ntouch: cannot touch x: Read-only file system\n$/);
  assert.equal(authorizer.retryRequests[0]!.request.toolName, "shell_command");
  assert.deepEqual(
    context.runner.spawned.map((spec) => spec.sandbox.mode),
    ["read-only", "danger-full-access"],
  );
  assert.match(result.output as string, /^Exit code: 0\nWall time: [\d.]+ seconds\nOutput:\nretried\n$/);
  assert.equal(result.item && "status" in result.item ? result.item.status : undefined, "completed");
});

test("a retry the policy refuses leaves the sandboxed failure as the answer", async (t) => {
  const authorizer = new RecordingAuthorizer((request) => ({ action: "run", argv: request.argv, sandbox: readOnly }));
  const context = await createExecTestContext({ authorizer });
  t.after(() => context.close());
  const result = await context.call(tool(context, "exec_command"), { cmd: deniedScript });
  assert.equal(authorizer.retryRequests.length, 1);
  assert.equal(authorizer.retryRequests[0]!.failureOutput, result.output);
  assert.equal(context.runner.spawned.length, 1);
  assert.match(result.output as string, /Process exited with code 1\nOriginal token count: \d+\nOutput:\ntouch: cannot touch x: Read-only file system\n$/);
  assert.equal(result.success, false);
  assert.equal(result.item && "exit_code" in result.item ? result.item.exit_code : undefined, 1);
});

test("a retry the user refuses answers with the refusal", async (t) => {
  const authorizer = new RecordingAuthorizer(
    (request) => ({ action: "run", argv: request.argv, sandbox: readOnly }),
    () => ({ action: "reject", message: "exec command rejected by user" }),
  );
  const context = await createExecTestContext({ model: "o3", authorizer });
  t.after(() => context.close());
  const result = await context.call(tool(context, "shell"), { command: ["bash", "-c", deniedScript] });
  assert.equal(result.output, "exec command rejected by user");
  assert.equal(result.item && "status" in result.item ? result.item.status : undefined, "declined");
  assert.equal(context.runner.spawned.length, 1);
});

test("unsandboxed failures and sandboxed successes never ask for a retry", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  await context.call(tool(context, "exec_command"), { cmd: deniedScript });
  assert.equal(context.authorizer.retryRequests.length, 0);
});

test(
  "a write blocked by the real read-only sandbox is detected and succeeds when retried unsandboxed",
  { skip: !isSandboxSupported() && "this kernel cannot confine commands" },
  async (t) => {
    const authorizer = new RecordingAuthorizer(
      (request) => ({ action: "run", argv: request.argv, sandbox: readOnly }),
      (request) => ({ action: "run", argv: request.argv, sandbox: fullAccess }),
    );
    const context = await createExecTestContext({ authorizer });
    t.after(() => context.close());
    const result = await context.call(tool(context, "exec_command"), { cmd: "echo written > out.txt && cat out.txt" });
    assert.equal(authorizer.retryRequests.length, 1);
    assert.match(authorizer.retryRequests[0]!.failureOutput, /Process exited with code [1-9]\d*\n.*\nOutput:\n.*(Read-only file system|Permission denied|Operation not permitted)/s);
    assert.match(result.output as string, /Process exited with code 0\nOriginal token count: \d+\nOutput:\nwritten\n$/);
    assert.equal(await readFile(path.join(context.workdir, "out.txt"), "utf8"), "written\n");
  },
);
