import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { readFileSync, writeFileSync } from "node:fs";
import { assistantMessage, customToolCall, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { hostProcessesWithArgument, uniqueSleepSeconds, waitFor } from "../sandbox/command-harness.js";
import { jsonLines, lastPrompt, runCodexNative } from "./cli-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

const plan = (steps: Array<[string, string]>) => ({ plan: steps.map(([step, status]) => ({ step, status })) });

test("run shows the header, the command, the plan and the patch on stderr, the answer on stdout, then the token usage", async () => {
  writeFileSync(path.join(harness.workdir, "greeting.txt"), "hello\nworld\n");
  const patch = ["*** Begin Patch", "*** Update File: greeting.txt", "@@", " hello", "-world", "+there", "*** End Patch"].join("\n");
  harness.server.enqueue(
    mockTurn([functionCall("update_plan", plan([["Look around", "completed"], ["Edit greeting", "in_progress"]]))]),
    mockTurn([functionCall("exec_command", { cmd: "echo listing-output" })]),
    mockTurn([customToolCall("apply_patch", patch)]),
    mockTurn([assistantMessage("Greeting updated.")]),
  );
  const result = await runCodexNative(harness, ["run", "--skip-git-repo-check", "-s", "workspace-write", "--color", "never", "fix", "the", "greeting"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "Greeting updated.\n");
  assert.equal(lastPrompt(harness), "fix the greeting");
  const err = result.stderr;
  assert.match(err, /^codex-native \d+\.\d+\.\d+\n--------\nworkdir: .*\nsandbox: workspace-write\n--------\nuser\nfix the greeting\n/);
  assert.match(err, /session id: [0-9a-f-]{36}/);
  assert.match(err, /plan\n  ✔ Look around\n  □ Edit greeting/);
  // No terminal: the command is announced when it starts, and its result and output follow.
  assert.match(err, /exec echo listing-output\n/);
  assert.match(err, /exec echo listing-output ✓ exit 0\n  listing-output\n/);
  assert.match(err, /file update applied\n  M .*greeting\.txt\n  Update greeting\.txt\n  @@\n   hello\n  -world\n  \+there\n/);
  assert.match(err, /tokens used: [\d,]+ — input [\d,]+, output [\d,]+/);
  assert.ok(err.indexOf("plan") < err.indexOf("exec echo") && err.indexOf("exec echo") < err.indexOf("file update"), err);
  assert.equal(readFileSync(path.join(harness.workdir, "greeting.txt"), "utf8"), "hello\nthere\n");
});

test("run --json prints the event stream as JSON lines like codex exec --json, and nothing else on stdout", async () => {
  harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd: "echo json-mode" })]), mockTurn([assistantMessage("done")]));
  const result = await runCodexNative(harness, ["exec", "--json", "--skip-git-repo-check", "go"]);
  assert.equal(result.code, 0, result.stderr);
  const events = jsonLines(result.stdout);
  assert.deepEqual(
    events.map((event) => (event.item ? `${event.type}:${event.item.type}` : event.type)),
    ["thread.started", "turn.started", "item.started:command_execution", "item.completed:command_execution", "item.completed:agent_message", "turn.completed"],
  );
  assert.equal(events[3].item.aggregated_output, "json-mode\n");
  assert.deepEqual(Object.keys(events.at(-1).usage).sort(), ["cache_write_input_tokens", "cached_input_tokens", "input_tokens", "output_tokens", "reasoning_output_tokens"]);
  assert.doesNotMatch(result.stderr, /codex-native \d/, "no human header in --json mode");
});

test("a failed turn exits 1 with the error on stderr; unknown commands and flags exit 2", async () => {
  const notGit = await runCodexNative(harness, ["run", "hi"]);
  assert.equal(notGit.code, 1);
  assert.match(notGit.stderr, /Not inside a trusted directory/);
  const unknownCommand = await runCodexNative(harness, ["bogus"]);
  assert.equal(unknownCommand.code, 2);
  assert.match(unknownCommand.stderr, /unknown command "bogus"/);
  const unknownFlag = await runCodexNative(harness, ["run", "--frobnicate", "hi"]);
  assert.equal(unknownFlag.code, 2);
  assert.match(unknownFlag.stderr, /--frobnicate[\s\S]*codex-native run --help/);
  const badSandbox = await runCodexNative(harness, ["run", "-s", "nowhere", "hi"]);
  assert.equal(badSandbox.code, 2);
  assert.match(badSandbox.stderr, /--sandbox must be one of read-only, workspace-write, danger-full-access/);
});

test("run exits when the turn ends even though the model left a command running, and the command ends too", async () => {
  // The command runs in its own PID namespace: it is found on the host by a unique argument.
  const markerFile = path.join(harness.workdir, "cli-session.started");
  const seconds = uniqueSleepSeconds();
  harness.server.enqueue(
    mockTurn([functionCall("exec_command", { cmd: `echo started > ${markerFile}; exec sleep ${seconds}`, yield_time_ms: 300 })]),
    mockTurn([assistantMessage("left it running")]),
  );
  const result = await runCodexNative(harness, ["run", "--skip-git-repo-check", "--sandbox", "danger-full-access", "start a server"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "left it running\n");
  assert.equal(readFileSync(markerFile, "utf8").trim(), "started", "the command ran");
  assert.ok(await waitFor(() => hostProcessesWithArgument(seconds).length === 0, 5_000), "the command outlived the CLI");
});
