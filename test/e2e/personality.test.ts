import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { InvalidArgumentError, SessionNotFoundError } from "../../src/index.js";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

test("personality is sent as a developer message after the permissions, and recorded for resume", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("ok")]), mockTurn([assistantMessage("again")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, personality: "pragmatic" });
  await thread.run("hello");
  const texts = inputTexts(harness.server.requests.at(-1)!.body);
  assert.match(texts[0]!, /^developer: <permissions instructions>/);
  assert.match(texts[1]!, /^developer: <personality_spec>\n[\s\S]*direct and efficient[\s\S]*<\/personality_spec>$/);
  const lines = await harness.sessionLines(thread.id!);
  assert.equal(lines.find((line) => line.type === "turn_context")!.payload.personality, "pragmatic");

  const resumed = harness.codex().resumeThread(thread.id!, { skipGitRepoCheck: true });
  await resumed.run("more");
  const resumedLines = await harness.sessionLines(thread.id!);
  assert.equal(resumedLines.filter((line) => line.type === "turn_context").at(-1)!.payload.personality, "pragmatic");
});

test("config personality applies; personality none adds nothing", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("ok")]), mockTurn([assistantMessage("ok")]));
  await harness.codex({ config: { personality: "friendly" } }).startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true }).run("hi");
  assert.match(inputTexts(harness.server.requests.at(-1)!.body)[1]!, /warm and encouraging/);
  await harness.codex({ config: { personality: "friendly" } })
    .startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, personality: "none" })
    .run("hi");
  assert.ok(!inputTexts(harness.server.requests.at(-1)!.body).some((text) => text.includes("<personality_spec>")));
});

test("an ephemeral thread writes no session file, keeps its history in memory, and cannot be resumed", async () => {
  const sessions = path.join(harness.codexHome, "sessions");
  const countFiles = async (): Promise<number> =>
    (await readdir(sessions, { recursive: true }).catch(() => [] as string[])).filter((name) => String(name).endsWith(".jsonl")).length;
  const filesBefore = await countFiles();
  harness.server.enqueue(mockTurn([assistantMessage("first answer")]), mockTurn([assistantMessage("second answer")]));
  const codex = harness.codex();
  const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, ephemeral: true });
  await thread.run("first question");
  await thread.run("second question");
  assert.deepEqual(inputTexts(harness.server.requests.at(-1)!.body).slice(-3), [
    "user: first question",
    "assistant: first answer",
    "user: second question",
  ]);
  assert.equal(await countFiles(), filesBefore, "no session file was written");
  assert.throws(() => codex.resumeThread(thread.id!), (error: unknown) => error instanceof InvalidArgumentError && /ephemeral/.test(error.message));
  await assert.rejects(harness.codex().resumeThread(thread.id!, { skipGitRepoCheck: true }).run("again"), SessionNotFoundError);
  await assert.rejects(thread.fork({ nthUserMessage: 0 }), InvalidArgumentError);
});
