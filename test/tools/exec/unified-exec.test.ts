import assert from "node:assert/strict";
import { test } from "node:test";
import { createShellTools, unifiedExecManagerFor } from "../../../src/tools/builtin/exec/index.js";
import type { ToolHandler, ToolOutput } from "../../../src/tools/tool-handler.js";
import { hostProcessesWithArgument, uniqueSleepSeconds, waitFor } from "../../sandbox/command-harness.js";
import { createExecTestContext, eventSummary, type ExecTestContext } from "./exec-test-context.js";

function handlers(context: ExecTestContext): { exec: ToolHandler; write: ToolHandler } {
  const tools = createShellTools(context.settings);
  return { exec: tools.find((tool) => tool.name === "exec_command")!, write: tools.find((tool) => tool.name === "write_stdin")! };
}

const HEADER = /^Chunk ID: [0-9a-f]{6}\nWall time: \d+\.\d{4} seconds\n/;

/** The answer with its variable header lines normalised. */
function normalised(result: ToolOutput): string {
  return (result.output as string).replace(HEADER, "Chunk ID: <id>\nWall time: <t> seconds\n");
}

function sessionIdOf(result: ToolOutput): number {
  const match = /Process running with session ID (\d+)/.exec(result.output as string);
  assert.ok(match, `no session id in ${String(result.output)}`);
  return Number(match[1]);
}

test("a command that finishes within the yield time answers with its exit code", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const result = await context.call(handlers(context).exec, { cmd: "echo hi" });
  assert.equal(normalised(result), "Chunk ID: <id>\nWall time: <t> seconds\nProcess exited with code 0\nOriginal token count: 1\nOutput:\nhi\n");
  assert.equal(result.success, true);
  assert.deepEqual(context.runner.spawned[0]!.argv, ["/bin/bash", "-lc", "echo hi"]);
  assert.equal(context.runner.spawned[0]!.tty, false);
  assert.deepEqual(eventSummary(context.events), ["item.started item_0 in_progress"]);
  assert.equal((context.events[0] as { item: { command: string } }).item.command, "/bin/bash -lc 'echo hi'");
  assert.deepEqual(result.item, {
    id: "item_0",
    type: "command_execution",
    command: "/bin/bash -lc 'echo hi'",
    aggregated_output: "hi\n",
    exit_code: 0,
    status: "completed",
  });
  assert.deepEqual(unifiedExecManagerFor(context.services.toolState).ids(), []);
});

test("unified exec processes get Codex's environment overrides on top of the thread's", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const result = await context.call(handlers(context).exec, {
    cmd: 'echo "$TERM $NO_COLOR $PAGER $GIT_PAGER $GH_PAGER $CODEX_CI $LANG $LC_ALL [$COLORTERM] $HOME"',
    login: false,
  });
  assert.deepEqual(context.runner.spawned[0]!.argv.slice(0, 2), ["/bin/bash", "-c"]);
  assert.match(result.output as string, new RegExp(`Output:\\ndumb 1 cat cat cat 1 C.UTF-8 C.UTF-8 \\[\\] ${context.root}\\n$`));
});

test("a long-running command yields a session id and is polled to completion with write_stdin", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const { exec, write } = handlers(context);
  const started = await context.call(exec, { cmd: "echo begin; sleep 1; echo done; exit 7", yield_time_ms: 250 });
  const sessionId = sessionIdOf(started);
  assert.ok(sessionId >= 1000 && sessionId <= 99_999);
  assert.equal(
    normalised(started),
    `Chunk ID: <id>\nWall time: <t> seconds\nProcess running with session ID ${sessionId}\nOriginal token count: 2\nOutput:\nbegin\n`,
  );
  assert.equal(started.item, undefined);

  const finished = await context.call(write, { session_id: sessionId, chars: "" }, "call-2");
  assert.equal(normalised(finished), "Chunk ID: <id>\nWall time: <t> seconds\nProcess exited with code 7\nOriginal token count: 2\nOutput:\ndone\n");
  // The exec_command item (started by the first call) completes with the whole transcript.
  assert.deepEqual(finished.item, {
    id: "item_0",
    type: "command_execution",
    command: "/bin/bash -lc 'echo begin; sleep 1; echo done; exit 7'",
    aggregated_output: "begin\ndone\n",
    exit_code: 7,
    status: "failed",
  });
  const again = await context.call(write, { session_id: sessionId }, "call-3");
  assert.deepEqual(again, { output: `write_stdin failed: Unknown process id ${sessionId}`, success: false });
});

test("with tty the process keeps stdin open and write_stdin talks to it", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const { exec, write } = handlers(context);
  const started = await context.call(exec, { cmd: "cat", tty: true, yield_time_ms: 300 });
  assert.equal(context.runner.spawned[0]!.tty, true);
  const sessionId = sessionIdOf(started);
  const echoed = await context.call(write, { session_id: sessionId, chars: "hello tty\n", yield_time_ms: 500 }, "call-2");
  assert.match(echoed.output as string, new RegExp(`^Chunk ID: [0-9a-f]{6}\\nWall time: \\d+\\.\\d{4} seconds\\nProcess running with session ID ${sessionId}\\n`));
  // The terminal echoes the input and cat prints it back.
  const outputPart = (echoed.output as string).split("Output:\n")[1]!;
  assert.equal(outputPart.split("hello tty").length - 1, 2, outputPart);
  const ended = await context.call(write, { session_id: sessionId, chars: "\u0004", yield_time_ms: 2_000 }, "call-3");
  assert.match(ended.output as string, /Process exited with code 0/);
});

test("writing to a session without a tty is refused: its stdin is closed", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const { exec, write } = handlers(context);
  const sessionId = sessionIdOf(await context.call(exec, { cmd: "sleep 5", yield_time_ms: 250 }));
  const refused = await context.call(write, { session_id: sessionId, chars: "x" }, "call-2");
  assert.deepEqual(refused, {
    output: "write_stdin failed: stdin is closed for this session; rerun exec_command with tty=true to keep stdin open",
    success: false,
  });
  assert.deepEqual(await context.call(write, { session_id: 5, chars: "" }, "call-3"), { output: "write_stdin failed: Unknown process id 5", success: false });
});

test("max_output_tokens truncates the middle and the raw token count is reported", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const result = await context.call(handlers(context).exec, { cmd: "seq 1 2000", max_output_tokens: 20 });
  const output = result.output as string;
  // 8893 bytes of output: 2224 tokens; 20 tokens keep 40 bytes of head and 40 of tail.
  const head = Array.from({ length: 16 }, (_, index) => `${index + 1}\n`).join("");
  const tail = Array.from({ length: 8 }, (_, index) => `${1993 + index}\n`).join("");
  assert.ok(output.endsWith(`\nProcess exited with code 0\nOriginal token count: 2224\nOutput:\nTotal output lines: 2000\n\n${head}1…2204 tokens truncated…${tail}`));
});

test("sessions outlive the turn; a later turn can poll them but not complete the old item", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const { exec, write } = handlers(context);
  const sessionId = sessionIdOf(await context.call(exec, { cmd: "sleep 0.5; echo later", yield_time_ms: 250 }));
  context.nextTurn("turn-2");
  const result = await context.call(write, { session_id: sessionId, chars: "", yield_time_ms: 5_000 }, "call-2");
  assert.match(result.output as string, /Process exited with code 0\nOriginal token count: 2\nOutput:\nlater\n$/);
  assert.equal(result.item, undefined);
  assert.deepEqual(context.events, []);
});

test("disposing the thread's tool state kills its sessions", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  // Commands run in their own PID namespace: the process is found on the host by a unique argument.
  const seconds = uniqueSleepSeconds();
  const started = await context.call(handlers(context).exec, { cmd: `exec sleep ${seconds}`, yield_time_ms: 250 });
  sessionIdOf(started);
  assert.equal(hostProcessesWithArgument(seconds).length, 1);
  const { disposeUnifiedExec } = await import("../../../src/tools/builtin/exec/index.js");
  disposeUnifiedExec(context.services.toolState);
  assert.equal(unifiedExecManagerFor(context.services.toolState).ids().length, 0);
  assert.equal(await exitsSoon(seconds), true, "the session's process survived dispose");
});

/** Whether every process with `argument` ends within a second. */
async function exitsSoon(argument: string): Promise<boolean> {
  return waitFor(() => hostProcessesWithArgument(argument).length === 0, 1_000);
}

test("a model-chosen shell and workdir are honoured", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const result = await context.call(handlers(context).exec, { cmd: "pwd", shell: "sh", workdir: "/tmp", login: false });
  assert.match(context.runner.spawned[0]!.argv[0]!, /\/sh$/);
  assert.equal(context.runner.spawned[0]!.cwd, "/tmp");
  assert.match(result.output as string, /Output:\n\/tmp\n$/);
});

test("aborting exec_command while it waits kills the process it started", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const seconds = uniqueSleepSeconds();
  const running = context.call(handlers(context).exec, { cmd: `exec sleep ${seconds}`, yield_time_ms: 10_000 });
  await waitFor(() => hostProcessesWithArgument(seconds).length === 1, 5_000);
  context.controller.abort();
  await assert.rejects(running, { name: "AbortError" });
  assert.equal(await exitsSoon(seconds), true);
  assert.deepEqual(unifiedExecManagerFor(context.services.toolState).ids(), []);
});

test("a process that cannot start fails the call and its item", async (t) => {
  const context = await createExecTestContext();
  t.after(() => context.close());
  const result = await context.call(handlers(context).exec, { cmd: "echo hi", shell: "/nonexistent/bin/zsh" });
  assert.equal(result.output, 'exec_command failed: CreateProcess { message: "No such file or directory (os error 2)" }');
  const missingDirectory = await context.call(handlers(context).exec, { cmd: "echo hi", workdir: "does/not/exist" });
  assert.match(missingDirectory.output as string, /^exec_command failed: CreateProcess \{ message: ".*does\/not\/exist does not exist" \}$/);
  assert.equal(result.success, false);
  const item = result.item as { status: string; exit_code: number };
  assert.deepEqual([item.status, item.exit_code], ["failed", -1]);
});
