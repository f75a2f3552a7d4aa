import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { createShellTools, type ApplyPatchInterceptor } from "../../../src/tools/builtin/exec/index.js";
import type { ToolCall, ToolHandler } from "../../../src/tools/tool-handler.js";
import { createExecTestContext, type ExecTestContext } from "./exec-test-context.js";

const PATCH = "*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch";

function fakeInterceptor(): { interceptor: ApplyPatchInterceptor; calls: Array<{ patch: string; workdir?: string; call: ToolCall }> } {
  const calls: Array<{ patch: string; workdir?: string; call: ToolCall }> = [];
  return {
    calls,
    interceptor: async (invocation, call) => {
      calls.push({ ...invocation, call });
      return { output: "Success. Updated the following files:\nA hello.txt\n", success: true };
    },
  };
}

function tool(context: ExecTestContext, name: string, interceptor?: ApplyPatchInterceptor): ToolHandler {
  return createShellTools(context.settings, interceptor ? { interceptApplyPatch: interceptor } : {}).find((handler) => handler.name === name)!;
}

test("an exec_command heredoc patch goes to the interceptor and never spawns or asks", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const { interceptor, calls } = fakeInterceptor();
  const result = await context.call(tool(context, "exec_command", interceptor), { cmd: `apply_patch <<'EOF'\n${PATCH}\nEOF\n` }, "call-p");
  assert.deepEqual(result, { output: "Success. Updated the following files:\nA hello.txt\n", success: true });
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.patch, PATCH);
  assert.equal(calls[0]!.workdir, context.workdir);
  assert.equal(calls[0]!.call.callId, "call-p");
  assert.equal(context.runner.spawned.length, 0);
  assert.equal(context.authorizer.commandRequests.length, 0);
  assert.deepEqual(context.events, []);
});

test("a leading cd and the call's workdir decide where the patch applies", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  const { interceptor, calls } = fakeInterceptor();
  await context.call(tool(context, "shell_command", interceptor), { command: `cd pkg && apply_patch <<'EOF'\n${PATCH}\nEOF`, workdir: "repo" });
  assert.equal(calls[0]!.workdir, path.join(context.workdir, "repo", "pkg"));
  await context.call(tool(context, "shell", interceptor), { command: ["apply_patch", PATCH], workdir: "/abs" });
  assert.equal(calls[1]!.workdir, "/abs");
  await context.call(tool(context, "shell", interceptor), { command: ["bash", "-lc", `apply_patch <<'EOF'\n${PATCH}\nEOF`] });
  assert.equal(calls[2]!.patch, PATCH);
  assert.equal(context.runner.spawned.length, 0);
});

test("a bare patch given as the command is refused the way Codex refuses it", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  const { interceptor, calls } = fakeInterceptor();
  const result = await context.call(tool(context, "shell", interceptor), { command: [PATCH] });
  assert.deepEqual(result, {
    output: 'apply_patch verification failed: patch detected without explicit call to apply_patch. Rerun as ["apply_patch", "<patch>"]',
    success: false,
  });
  assert.equal(calls.length, 0);
  assert.equal(context.runner.spawned.length, 0);
});

test("without an interceptor a patch call still does not run as a command", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const result = await context.call(tool(context, "exec_command"), { cmd: `apply_patch <<'EOF'\n${PATCH}\nEOF` });
  assert.deepEqual(result, { output: "apply_patch is unavailable in this session", success: false });
  assert.equal(context.runner.spawned.length, 0);
});

test("commands that merely mention apply_patch run normally", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const { interceptor, calls } = fakeInterceptor();
  const result = await context.call(tool(context, "exec_command", interceptor), { cmd: "echo apply_patch" });
  assert.match(result.output as string, /Output:\napply_patch\n$/);
  assert.equal(calls.length, 0);
});
