import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import type { ApprovalRequest } from "../../src/index.js";
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

const escalated = (cmd: string, callId: string) =>
  functionCall("exec_command", { cmd, sandbox_permissions: "require_escalated", justification: "Do you allow this?" }, { callId });

test("on-request: an escalation the callback approves runs outside the sandbox", async () => {
  const outside = path.join(path.dirname(harness.workdir), "approved.txt");
  harness.server.enqueue(mockTurn([escalated(`echo approved > ${outside}`, "call_ok")]), mockTurn([assistantMessage("done")]));
  const requests: ApprovalRequest[] = [];
  const codex = harness.codex();
  codex.setApprovalCallback((request) => {
    requests.push(request);
    return { decision: "approved" };
  });
  const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true }, approvalPolicy: "on-request" });
  await thread.run("write outside");
  assert.equal(await readFile(outside, "utf8"), "approved\n");
  assert.equal(requests.length, 1);
  assert.equal(requests[0]!.kind, "command");
  assert.equal(requests[0]!.reason, "Do you allow this?");
  assert.equal(requests[0]!.escalated, true);
  assert.equal(requests[0]!.cwd, harness.workdir);
  assert.equal(requests[0]!.sandbox.mode, "workspace-write");
});

test("on-request: a denial sends the callback's message to the model and nothing runs", async () => {
  const outside = path.join(path.dirname(harness.workdir), "denied.txt");
  harness.server.enqueue(mockTurn([escalated(`echo no > ${outside}`, "call_denied")]), mockTurn([assistantMessage("understood")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true }, approvalPolicy: "on-request" });
  thread.onApprovalRequest(() => ({ decision: "denied", message: "Not today: use the workspace." }));
  await thread.run("write outside");
  await assert.rejects(readFile(outside), { code: "ENOENT" });
  assert.match(outputOf("call_denied"), /Not today: use the workspace\./);
});

test("the thread's callback wins and may rewrite the command", async () => {
  harness.server.enqueue(mockTurn([escalated("echo original > rewritten.txt", "call_rw")]), mockTurn([assistantMessage("ok")]));
  const codex = harness.codex();
  codex.setApprovalCallback(() => ({ decision: "denied" }));
  const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true }, approvalPolicy: "on-request" });
  thread.onApprovalRequest(() => ({ decision: "approved", command: ["bash", "-c", "echo rewritten > rewritten.txt"] }));
  await thread.run("rewrite");
  assert.equal(await readFile(path.join(harness.workdir, "rewritten.txt"), "utf8"), "rewritten\n");
});

test("a callback that throws counts as denied; without a callback the request is denied clearly", async () => {
  harness.server.enqueue(mockTurn([escalated("echo x > thrown.txt", "call_throw")]), mockTurn([assistantMessage("ok")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true }, approvalPolicy: "on-request" });
  thread.onApprovalRequest(() => {
    throw new Error("callback exploded");
  });
  await thread.run("throw");
  await assert.rejects(readFile(path.join(harness.workdir, "thrown.txt")), { code: "ENOENT" });
  assert.match(outputOf("call_throw"), /approval callback threw/);

  harness.server.enqueue(mockTurn([escalated("echo x > none.txt", "call_none")]), mockTurn([assistantMessage("ok")]));
  const bare = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true }, approvalPolicy: "on-request" });
  await bare.run("no callback");
  assert.match(outputOf("call_none"), /no approval callback is registered/);
});

test("an abort decision ends the turn", async () => {
  harness.server.enqueue(mockTurn([escalated("echo x", "call_abort")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true }, approvalPolicy: "on-request" });
  thread.onApprovalRequest(() => ({ decision: "abort" }));
  await assert.rejects(thread.run("abort please"), { name: "AbortError" });
});

test("untrusted: known-safe commands run without asking, others ask first", async () => {
  harness.server.enqueue(
    mockTurn([functionCall("exec_command", { cmd: "ls" }, { callId: "call_ls" }), functionCall("exec_command", { cmd: "touch made.txt" }, { callId: "call_touch" })]),
    mockTurn([assistantMessage("ok")]),
  );
  const asked: string[] = [];
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true }, approvalPolicy: "untrusted" });
  thread.onApprovalRequest((request) => {
    asked.push(request.commandText ?? "");
    return { decision: "approved" };
  });
  await thread.run("list and touch");
  assert.equal(asked.length, 1);
  assert.match(asked[0]!, /touch made\.txt/);
  assert.equal(await readFile(path.join(harness.workdir, "made.txt"), "utf8"), "");
});

test("never: an escalation request is refused with Codex's message", async () => {
  harness.server.enqueue(mockTurn([escalated("echo x", "call_never")]), mockTurn([assistantMessage("ok")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true }, approvalPolicy: "never" });
  await thread.run("escalate");
  assert.match(outputOf("call_never"), /approval policy is never; reject command/i);
});

test("on-failure: a sandbox denial asks to retry without the sandbox, then succeeds", async () => {
  const outside = path.join(path.dirname(harness.workdir), "retried.txt");
  harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd: `echo retried > ${outside}` }, { callId: "call_retry" })]), mockTurn([assistantMessage("ok")]));
  const reasons: Array<string | undefined> = [];
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true }, approvalPolicy: "on-failure" });
  thread.onApprovalRequest((request) => {
    reasons.push(request.reason);
    return { decision: "approved" };
  });
  await thread.run("write outside");
  assert.equal(reasons.length, 1);
  assert.equal(await readFile(outside, "utf8"), "retried\n");
  assert.match(outputOf("call_retry"), /Process exited with code 0/);
});

test("a declined command is a declined command_execution item in turn.items, the event stream and the session file", async () => {
  const outside = path.join(path.dirname(harness.workdir), "declined-visible.txt");
  harness.server.enqueue(mockTurn([escalated(`echo no > ${outside}`, "call_visible")]), mockTurn([assistantMessage("ok")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true }, approvalPolicy: "on-request" });
  thread.onApprovalRequest(() => ({ decision: "denied", message: "Not that one." }));
  const { events } = await thread.runStreamed("write outside");
  const seen: any[] = [];
  for await (const event of events) seen.push(event);
  await assert.rejects(readFile(outside), { code: "ENOENT" });
  const itemEvents = seen.filter((event) => event.type.startsWith("item.") && event.item.type === "command_execution");
  assert.deepEqual(
    itemEvents.map((event) => [event.type, event.item.status]),
    [
      ["item.started", "declined"],
      ["item.completed", "declined"],
    ],
  );
  assert.equal(itemEvents[1].item.command, `/bin/bash -lc 'echo no > ${outside}'`);
  assert.equal(itemEvents[1].item.aggregated_output, "Not that one.");
  assert.equal(itemEvents[1].item.exit_code, undefined);
  const lines = await harness.sessionLines(thread.id!);
  const recorded = lines.find((line) => line.type === "event_msg" && line.payload.type === "exec_command_end");
  assert.equal(recorded?.payload.status, "declined");
  assert.equal(recorded?.payload.call_id, "call_visible");
});

test("untrusted: an approved command the sandbox denies asks again, escalated, and a refusal leaves it declined", async () => {
  const outside = path.join(path.dirname(harness.workdir), "second-prompt.txt");
  harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd: `echo x > ${outside}` }, { callId: "call_second" })]), mockTurn([assistantMessage("ok")]));
  const asked: ApprovalRequest[] = [];
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true, excludeTmpdirEnvVar: true }, approvalPolicy: "untrusted" });
  thread.onApprovalRequest((request) => {
    asked.push(request);
    return { decision: request.escalated ? "denied" : "approved" };
  });
  const turn = await thread.run("write outside");
  await assert.rejects(readFile(outside), { code: "ENOENT" });
  assert.deepEqual(asked.map((request) => [request.escalated, request.reason]), [
    [false, undefined],
    [true, "command failed; retry without sandbox?"],
  ]);
  const item = turn.items.find((entry) => entry.type === "command_execution");
  assert.equal(item?.type === "command_execution" ? item.status : undefined, "declined");
  assert.match(item?.type === "command_execution" ? item.aggregated_output : "", /Permission denied|Read-only file system|Operation not permitted/);
  assert.equal(outputOf("call_second"), "exec command rejected by user");
});
