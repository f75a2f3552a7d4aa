import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import { readFileSync } from "node:fs";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { hostProcessesWithArgument, uniqueSleepSeconds, waitFor } from "../sandbox/command-harness.js";

const run = promisify(execFile);
// The published bin, built by `npm run build:ts` (part of `npm test`).
const cli = path.resolve(import.meta.dirname, "../../dist/cli.js");
let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

function codexNative(args: string[]) {
  return run(process.execPath, [cli, ...args], {
    cwd: harness.workdir,
    env: { ...harness.env, OPENAI_BASE_URL: harness.server.url, OPENAI_API_KEY: "sk-cli-test" },
    // A run that hangs fails the test instead of stalling the suite.
    timeout: 30_000,
  });
}

test("codex-native run prints the final answer, and --json prints the events", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("CLI answer")]), mockTurn([assistantMessage("second")]));
  const plain = await codexNative(["run", "--skip-git-repo-check", "hello", "there"]);
  assert.equal(plain.stdout, "CLI answer\n");
  const threadId = /thread: (\S+)/.exec(plain.stderr)![1]!;
  assert.equal(harness.server.requests.at(-1)!.body.input.at(-1).content[0].text, "hello there");

  const json = await codexNative(["run", "--json", "--skip-git-repo-check", "--resume", threadId, "again"]);
  const events = json.stdout.trim().split("\n").map((line) => JSON.parse(line));
  assert.deepEqual(events.map((event) => event.type), ["thread.started", "turn.started", "item.completed", "turn.completed"]);
  assert.equal(events[0].thread_id, threadId);
});

test("codex-native reports errors with a non-zero exit code", async () => {
  await assert.rejects(codexNative(["run", "hi"]), (error: { code: number; stderr: string }) => {
    assert.equal(error.code, 1);
    assert.match(error.stderr, /Not inside a trusted directory/);
    return true;
  });
  await assert.rejects(codexNative(["bogus"]), (error: { code: number }) => error.code === 2);
});

test("codex-native run exits when the turn ends even though the model left a command running, and the command ends too", async () => {
  // The command runs in its own PID namespace: it is found on the host by a unique argument.
  const markerFile = path.join(harness.workdir, "cli-session.started");
  const seconds = uniqueSleepSeconds();
  harness.server.enqueue(
    mockTurn([functionCall("exec_command", { cmd: `echo started > ${markerFile}; exec sleep ${seconds}`, yield_time_ms: 300 })]),
    mockTurn([assistantMessage("left it running")]),
  );
  const result = await codexNative(["run", "--skip-git-repo-check", "--sandbox", "danger-full-access", "start a server"]);
  assert.equal(result.stdout, "left it running\n");
  assert.equal(readFileSync(markerFile, "utf8").trim(), "started", "the command ran");
  assert.ok(await waitFor(() => hostProcessesWithArgument(seconds).length === 0, 5_000), "the command outlived the CLI");
});
