import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import type { ApprovalRequest, ThreadEvent } from "../../src/index.js";
import { assistantMessage, customToolCall, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

function lastOutput(callId: string): string {
  const item = (harness.server.requests.at(-1)!.body.input as any[]).find((entry) => entry.call_id === callId && entry.type.endsWith("_output"));
  return item.output;
}

test("the freeform apply_patch tool edits files and reports a file_change item", async () => {
  await writeFile(path.join(harness.workdir, "greeting.txt"), "hello\nworld\n");
  const patch = [
    "*** Begin Patch",
    "*** Update File: greeting.txt",
    "@@",
    " hello",
    "-world",
    "+there",
    "*** Add File: notes/new.md",
    "+# New",
    "*** End Patch",
  ].join("\n");
  harness.server.enqueue(mockTurn([customToolCall("apply_patch", patch, { callId: "call_patch" })]), mockTurn([assistantMessage("patched")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write" });
  const { events } = await thread.runStreamed("edit");
  const seen: ThreadEvent[] = [];
  for await (const event of events) seen.push(event);
  assert.equal(await readFile(path.join(harness.workdir, "greeting.txt"), "utf8"), "hello\nthere\n");
  assert.equal(await readFile(path.join(harness.workdir, "notes/new.md"), "utf8"), "# New\n");
  const fileChange = seen.find((event) => event.type === "item.completed" && event.item.type === "file_change");
  assert.deepEqual(fileChange, {
    type: "item.completed",
    item: {
      id: "item_0",
      type: "file_change",
      status: "completed",
      changes: [
        { path: path.join(harness.workdir, "greeting.txt"), kind: "update" },
        { path: path.join(harness.workdir, "notes/new.md"), kind: "add" },
      ],
    },
  });
  assert.match(lastOutput("call_patch"), /^Exit code: 0\nWall time: [\d.]+ seconds\nOutput:\nSuccess\. Updated the following files:\nA notes\/new\.md\nM greeting\.txt\n$/);
  const tools = harness.server.requests.at(-1)!.body.tools as any[];
  assert.equal(tools.find((tool) => tool.name === "apply_patch").type, "custom");
});

test("a patch that does not apply changes nothing and tells the model why", async () => {
  await writeFile(path.join(harness.workdir, "keep.txt"), "original\n");
  const patch = ["*** Begin Patch", "*** Update File: keep.txt", "@@", "-not there", "+x", "*** End Patch"].join("\n");
  harness.server.enqueue(mockTurn([customToolCall("apply_patch", patch, { callId: "call_bad" })]), mockTurn([assistantMessage("sorry")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write" });
  const turn = await thread.run("edit");
  assert.equal(await readFile(path.join(harness.workdir, "keep.txt"), "utf8"), "original\n");
  assert.match(lastOutput("call_bad"), /^apply_patch verification failed: Failed to find expected lines in .*keep\.txt/);
  assert.equal(turn.items.some((item) => item.type === "file_change"), false);
});

test("models with the function variant get apply_patch as a JSON tool", async () => {
  const patch = ["*** Begin Patch", "*** Add File: from-json.txt", "+json", "*** End Patch"].join("\n");
  harness.server.enqueue(mockTurn([functionCall("apply_patch", { input: patch }, { callId: "call_json" })]), mockTurn([assistantMessage("ok")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", model: "gpt-oss-120b" });
  await thread.run("add");
  assert.equal(await readFile(path.join(harness.workdir, "from-json.txt"), "utf8"), "json\n");
  const tools = harness.server.requests.at(-1)!.body.tools as any[];
  assert.equal(tools.find((tool) => tool.name === "apply_patch").type, "function");
});

test("in read-only mode a patch is not applied without approval", async () => {
  const patch = ["*** Begin Patch", "*** Add File: forbidden.txt", "+no", "*** End Patch"].join("\n");
  harness.server.enqueue(mockTurn([customToolCall("apply_patch", patch, { callId: "call_ro" })]), mockTurn([assistantMessage("blocked")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "read-only" });
  await thread.run("add");
  await assert.rejects(readFile(path.join(harness.workdir, "forbidden.txt")), { code: "ENOENT" });
  assert.ok(lastOutput("call_ro").length > 0);
});

test("a patch refused up front is a declined file_change item in turn.items and the session file", async () => {
  const patch = ["*** Begin Patch", "*** Add File: refused.txt", "+no", "*** End Patch"].join("\n");
  harness.server.enqueue(mockTurn([customToolCall("apply_patch", patch, { callId: "call_refused" })]), mockTurn([assistantMessage("ok")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", approvalPolicy: "untrusted" });
  thread.onApprovalRequest(() => ({ decision: "denied" }));
  const turn = await thread.run("add");
  await assert.rejects(readFile(path.join(harness.workdir, "refused.txt")), { code: "ENOENT" });
  assert.equal(lastOutput("call_refused"), "patch rejected by user");
  assert.deepEqual(turn.items.filter((item) => item.type === "file_change"), [
    { id: "item_0", type: "file_change", status: "declined", changes: [{ path: path.join(harness.workdir, "refused.txt"), kind: "add" }] },
  ]);
  const lines = await harness.sessionLines(thread.id!);
  const recorded = lines.find((line) => line.type === "event_msg" && line.payload.type === "patch_apply_end");
  assert.equal(recorded?.payload.status, "declined");
  assert.equal(recorded?.payload.call_id, "call_refused");
});

test("a confined write the sandbox refuses (a directory swapped for a symlink after approval) asks anew, escalated", async () => {
  const outside = await mkdtemp(path.join(path.dirname(harness.workdir), "patch-outside-"));
  const directory = path.join(harness.workdir, "swapped");
  await mkdir(directory);
  const patch = ["*** Begin Patch", "*** Add File: swapped/x.txt", "+x", "*** End Patch"].join("\n");
  harness.server.enqueue(mockTurn([customToolCall("apply_patch", patch, { callId: "call_swapped" })]), mockTurn([assistantMessage("ok")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true, excludeTmpdirEnvVar: true }, approvalPolicy: "untrusted" });
  const asked: ApprovalRequest[] = [];
  thread.onApprovalRequest(async (request) => {
    asked.push(request);
    if (request.escalated) return { decision: "denied" };
    // Between the check and the write: the approved directory now leads outside.
    await rm(directory, { recursive: true });
    await symlink(outside, directory);
    return { decision: "approved" };
  });
  const turn = await thread.run("add");
  assert.deepEqual(await readdir(outside), []);
  assert.deepEqual(asked.map((request) => [request.kind, request.escalated, request.reason]), [
    ["patch", false, undefined],
    ["patch", true, "command failed; retry without sandbox?"],
  ]);
  const item = turn.items.find((entry) => entry.type === "file_change");
  assert.equal(item?.type === "file_change" ? item.status : undefined, "declined");
  assert.equal(lastOutput("call_swapped"), "patch rejected by user");
});

test("a confined apply the sandbox refuses halfway rolls back, inside the sandbox, what it already wrote", async () => {
  const outside = await mkdtemp(path.join(path.dirname(harness.workdir), "rollback-outside-"));
  await writeFile(path.join(harness.workdir, "rollback.txt"), "before\n");
  const directory = path.join(harness.workdir, "later-swapped");
  await mkdir(directory);
  const patch = ["*** Begin Patch", "*** Update File: rollback.txt", "@@", "-before", "+after", "*** Add File: later-swapped/y.txt", "+y", "*** End Patch"].join("\n");
  harness.server.enqueue(mockTurn([customToolCall("apply_patch", patch, { callId: "call_rollback" })]), mockTurn([assistantMessage("ok")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true, excludeTmpdirEnvVar: true }, approvalPolicy: "untrusted" });
  thread.onApprovalRequest(async (request) => {
    if (request.escalated) return { decision: "denied" };
    await rm(directory, { recursive: true });
    await symlink(outside, directory);
    return { decision: "approved" };
  });
  await thread.run("edit");
  assert.equal(await readFile(path.join(harness.workdir, "rollback.txt"), "utf8"), "before\n");
  assert.deepEqual(await readdir(outside), []);
});
