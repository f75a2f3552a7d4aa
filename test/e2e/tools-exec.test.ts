import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import type { ThreadEvent } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

function outputOf(callId: string): string {
  const item = (harness.server.requests.at(-1)!.body.input as any[]).find((entry) => entry.call_id === callId && entry.type === "function_call_output");
  return item.output;
}

async function runEvents(thread: { runStreamed: (input: string) => Promise<{ events: AsyncGenerator<ThreadEvent> }> }, prompt: string) {
  const seen: ThreadEvent[] = [];
  const { events } = await thread.runStreamed(prompt);
  for await (const event of events) seen.push(event);
  return seen;
}

test("exec_command runs the command and reports a command_execution item and Codex's output text", async () => {
  harness.server.enqueue(
    mockTurn([functionCall("exec_command", { cmd: "echo hello from exec", yield_time_ms: 2000 }, { callId: "call_exec" })]),
    mockTurn([assistantMessage("ran it")]),
  );
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "danger-full-access" });
  const seen = await runEvents(thread, "run echo");
  const commandEvents = seen.filter((event) => (event.type === "item.started" || event.type === "item.completed") && event.item.type === "command_execution");
  assert.equal(commandEvents.length, 2);
  assert.equal(commandEvents[0]!.type, "item.started");
  assert.equal((commandEvents[0] as any).item.status, "in_progress");
  const completed = (commandEvents[1] as any).item;
  assert.equal(completed.status, "completed");
  assert.equal(completed.exit_code, 0);
  assert.equal(completed.aggregated_output, "hello from exec\n");
  assert.match(completed.command, /echo hello from exec/);
  assert.match(
    outputOf("call_exec"),
    /^Chunk ID: [0-9a-f]{6}\nWall time: \d+\.\d{4} seconds\nProcess exited with code 0\nOriginal token count: \d+\nOutput:\nhello from exec\n$/,
  );
});

test("in workspace-write the sandbox lets commands write inside the workspace but not outside", async () => {
  const outside = path.join(path.dirname(harness.workdir), "outside.txt");
  harness.server.enqueue(
    mockTurn([
      functionCall("exec_command", { cmd: "echo inside > inside.txt && cat inside.txt" }, { callId: "call_in" }),
      functionCall("exec_command", { cmd: `echo escaped > ${outside}` }, { callId: "call_out" }),
    ]),
    mockTurn([assistantMessage("done")]),
  );
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true } });
  await thread.run("write files");
  assert.equal(await readFile(path.join(harness.workdir, "inside.txt"), "utf8"), "inside\n");
  await assert.rejects(readFile(outside), { code: "ENOENT" });
  assert.match(outputOf("call_in"), /Process exited with code 0/);
  assert.match(outputOf("call_out"), /Process exited with code [1-9]/);
  assert.match(outputOf("call_out"), /(Permission denied|Read-only file system|Operation not permitted)/);
});

test("secrets in the environment do not reach commands", async () => {
  harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd: "echo key=${MY_SERVICE_API_KEY:-unset} path=${PATH:+set}" }, { callId: "call_env" })]), mockTurn([assistantMessage("ok")]));
  const codex = harness.codex({ env: { ...harness.env, MY_SERVICE_API_KEY: "super-secret-value" } });
  const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "danger-full-access" });
  await thread.run("print env");
  assert.match(outputOf("call_env"), /key=unset path=set/);
  assert.ok(!JSON.stringify(harness.server.requests.at(-1)!.body).includes("super-secret-value"));
});

test("a malformed exec_command call and a huge output come back to the model; the turn goes on", async () => {
  harness.server.enqueue(
    mockTurn([
      functionCall("exec_command", { command: "no cmd field" }, { callId: "call_malformed" }),
      functionCall("exec_command", { cmd: "head -c 300000 /dev/zero | tr '\\0' 'x'; echo", max_output_tokens: 100 }, { callId: "call_huge" }),
    ]),
    mockTurn([assistantMessage("handled")]),
  );
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "danger-full-access" });
  const turn = await thread.run("bad calls");
  assert.equal(turn.finalResponse, "handled");
  assert.match(outputOf("call_malformed"), /^failed to parse function arguments/);
  const huge = outputOf("call_huge");
  assert.ok(huge.length < 2000, `output was ${huge.length} chars`);
  assert.match(huge, /truncated/);
});
