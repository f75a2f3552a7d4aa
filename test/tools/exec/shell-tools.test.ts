import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { AbortError } from "../../../src/errors.js";
import type { ThreadSettings } from "../../../src/config/thread-settings.js";
import { createShellTools } from "../../../src/tools/builtin/exec/index.js";
import type { ToolHandler } from "../../../src/tools/tool-handler.js";
import { hostProcessesWithArgument, uniqueSleepSeconds, waitFor } from "../../sandbox/command-harness.js";
import { createExecTestContext, eventSummary } from "./exec-test-context.js";

function handler(settings: ThreadSettings, name: string): ToolHandler {
  const found = createShellTools(settings).find((candidate) => candidate.name === name);
  assert.ok(found, `no handler ${name}`);
  return found;
}

const WALL_TIME = /^Wall time: \d+(\.\d)? seconds$/m;

test("shell_command runs in the user's login shell and answers in freeform text", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  const result = await context.call(handler(context.settings, "shell_command"), { command: "echo hello; echo oops >&2" });
  assert.equal(result.success, true);
  assert.match(result.output as string, WALL_TIME);
  assert.equal((result.output as string).replace(WALL_TIME, "Wall time: <t> seconds"), "Exit code: 0\nWall time: <t> seconds\nOutput:\nhello\noops\n");
  assert.deepEqual(context.runner.spawned[0]!.argv, ["/bin/bash", "-lc", "echo hello; echo oops >&2"]);
  assert.equal(context.runner.spawned[0]!.cwd, context.workdir);
  assert.deepEqual(eventSummary(context.events), ["item.started item_0 in_progress"]);
  assert.deepEqual(context.events[0], {
    type: "item.started",
    item: { id: "item_0", type: "command_execution", command: "/bin/bash -lc 'echo hello; echo oops >&2'", aggregated_output: "", status: "in_progress" },
  });
  assert.deepEqual(result.item, {
    id: "item_0",
    type: "command_execution",
    command: "/bin/bash -lc 'echo hello; echo oops >&2'",
    aggregated_output: "hello\noops\n",
    exit_code: 0,
    status: "completed",
  });
});

test("stdout comes before stderr in the aggregate, as in Codex", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  const result = await context.call(handler(context.settings, "shell_command"), { command: "echo err >&2; sleep 0.1; echo out", login: false });
  assert.deepEqual(context.runner.spawned[0]!.argv, ["/bin/bash", "-c", "echo err >&2; sleep 0.1; echo out"]);
  assert.equal(result.item && "aggregated_output" in result.item ? result.item.aggregated_output : undefined, "out\nerr\n");
});

test("a failing command is sent with its exit code and completes its item as failed", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  const result = await context.call(handler(context.settings, "shell"), { command: ["bash", "-c", "echo nope; exit 3"] });
  assert.equal(result.success, false);
  assert.match(result.output as string, /^\{"output":"nope\\n","metadata":\{"exit_code":3,"duration_seconds":\d+\.\d\}\}$/);
  assert.deepEqual(result.item, {
    id: "item_0",
    type: "command_execution",
    command: "bash -c 'echo nope; exit 3'",
    aggregated_output: "nope\n",
    exit_code: 3,
    status: "failed",
  });
});

test("shell resolves workdir against the thread's working directory", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  await mkdir(path.join(context.workdir, "sub"));
  const result = await context.call(handler(context.settings, "shell"), { command: ["pwd"], workdir: "sub" });
  assert.equal(JSON.parse(result.output as string).output, `${path.join(context.workdir, "sub")}\n`);
});

test("local_shell calls are answered like shell", async (t) => {
  const context = await createExecTestContext({ model: "codex-mini-latest" });
  t.after(() => context.close());
  const result = await context.invoke(handler(context.settings, "local_shell"), {
    kind: "local_shell",
    name: "local_shell",
    callId: "call-9",
    action: { type: "exec", command: ["echo", "from local"], working_directory: context.workdir, timeout_ms: 5_000 },
  });
  assert.equal(JSON.parse(result.output as string).output, "from local\n");
  assert.equal(result.item?.type, "command_execution");
  const missingId = await context.invoke(handler(context.settings, "local_shell"), {
    kind: "local_shell",
    name: "local_shell",
    callId: "",
    action: { type: "exec", command: ["echo", "x"] },
  });
  assert.deepEqual(missingId, { output: "LocalShellCall without call_id or id", success: false });
  assert.equal(context.runner.spawned.length, 1);
});

test("a command past its timeout is killed and reported with exit code 124", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  const result = await context.call(handler(context.settings, "shell_command"), { command: "echo started; sleep 30", timeout_ms: 300 });
  assert.equal(result.success, false);
  assert.equal(
    (result.output as string).replace(WALL_TIME, "Wall time: <t> seconds"),
    "Exit code: 124\nWall time: <t> seconds\nOutput:\ncommand timed out after 300 milliseconds\nstarted\n",
  );
  assert.equal(result.item && "exit_code" in result.item ? result.item.exit_code : undefined, 124);
});

test("aborting the turn kills the whole process group, background children included", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  // Commands run in their own PID namespace: the background child is found on the host by a unique argument.
  const seconds = uniqueSleepSeconds();
  const running = context.call(handler(context.settings, "shell_command"), { command: `sleep ${seconds} & wait` });
  assert.equal(await waitFor(() => hostProcessesWithArgument(seconds).length === 1, 5_000), true);
  context.controller.abort();
  await assert.rejects(running, AbortError);
  assert.equal(await waitFor(() => hostProcessesWithArgument(seconds).length === 0, 2_000), true);
});


test("huge output is middle-truncated to the model's budget; the item keeps it all", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  const result = await context.call(handler(context.settings, "shell_command"), { command: "seq 1 100000" });
  const output = result.output as string;
  assert.match(output, /^Exit code: 0\nWall time: [\d.]+ seconds\nTotal output lines: 100000\nOutput:\n1\n2\n3\n/);
  assert.match(output, /…\d+ chars truncated…/);
  assert.ok(output.endsWith("99999\n100000\n"));
  assert.ok(Buffer.byteLength(output.slice(output.indexOf("Output:\n") + 8)) < 10_100);
  const item = result.item as { aggregated_output: string };
  assert.equal(item.aggregated_output.split("\n").length, 100_001);
});

test("non-UTF-8 output is decoded lossily", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  const result = await context.call(handler(context.settings, "shell"), { command: ["printf", "\\377\\376 ok \\303"] });
  assert.equal(JSON.parse(result.output as string).output, "\uFFFD\uFFFD ok \uFFFD");
});

test("a command that cannot start is an execution error with a failed item", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  const result = await context.call(handler(context.settings, "shell"), { command: ["definitely-not-a-command-xyz"] });
  assert.equal(result.success, false);
  assert.equal(result.output, "execution error: No such file or directory (os error 2)");
  assert.deepEqual(result.item, {
    id: "item_0",
    type: "command_execution",
    command: "definitely-not-a-command-xyz",
    aggregated_output: "execution error: No such file or directory (os error 2)",
    exit_code: -1,
    status: "failed",
  });
});

test("bad arguments are reported in Codex's words without running anything", async (t) => {
  const context = await createExecTestContext({ model: "o3" });
  t.after(() => context.close());
  const result = await context.call(handler(context.settings, "shell"), { command: "not an array" });
  assert.equal(result.success, false);
  assert.match(result.output as string, /^failed to parse function arguments: command: /);
  assert.equal(context.runner.spawned.length, 0);
  assert.deepEqual(context.events, []);
});
