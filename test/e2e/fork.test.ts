import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { InvalidArgumentError } from "../../src/index.js";
import { findRolloutFile } from "../../src/sessions/rollout-paths.js";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

test("fork before the second user message: fresh id, own file, next request carries exactly the truncated history", async () => {
  const codex = harness.codex();
  const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  harness.server.enqueue(mockTurn([assistantMessage("one")]), mockTurn([assistantMessage("two")]));
  await thread.run("List flaky tests");
  const initial = inputTexts(harness.server.requests.at(-1)!.body).slice(0, -1);
  await thread.run("Propose fixes");
  const originalFile = (await findRolloutFile(harness.codexHome, thread.id!))!;
  const originalBytes = await readFile(originalFile, "utf8");

  const branch = await thread.fork({ nthUserMessage: 1, threadOptions: { model: "gpt-5.1" } });
  assert.ok(branch.id);
  assert.notEqual(branch.id, thread.id);
  const branchFile = await findRolloutFile(harness.codexHome, branch.id!);
  assert.ok(branchFile && branchFile !== originalFile);
  const branchLines = await harness.sessionLines(branch.id!);
  assert.equal(branchLines[0]!.payload.id, branch.id);
  assert.equal(branchLines[0]!.payload.forked_from_id, thread.id);

  harness.server.enqueue(mockTurn([assistantMessage("payments")]));
  await branch.run("Focus on the payment suite instead");
  const request = harness.server.requests.at(-1)!.body;
  assert.equal(request.model, "gpt-5.1");
  assert.equal(request.prompt_cache_key, branch.id);
  assert.deepEqual(inputTexts(request), [...initial, "user: List flaky tests", "assistant: one", "user: Focus on the payment suite instead"]);
  assert.equal(await readFile(originalFile, "utf8"), originalBytes, "the original file is untouched");

  // The original goes on with its whole history.
  harness.server.enqueue(mockTurn([assistantMessage("three")]));
  await thread.run("And now?");
  assert.deepEqual(inputTexts(harness.server.requests.at(-1)!.body).slice(-5), [
    "user: List flaky tests",
    "assistant: one",
    "user: Propose fixes",
    "assistant: two",
    "user: And now?",
  ]);
  // The branch can be resumed by its own id.
  harness.server.enqueue(mockTurn([assistantMessage("resumed")]));
  await harness.codex().resumeThread(branch.id!, { skipGitRepoCheck: true }).run("still there?");
  assert.deepEqual(inputTexts(harness.server.requests.at(-1)!.body).slice(-3), ["user: Focus on the payment suite instead", "assistant: payments", "user: still there?"]);
});

test("fork at 0 keeps only the initial context; an index out of range is a clear error", async () => {
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  harness.server.enqueue(mockTurn([assistantMessage("one")]));
  await thread.run("only question");
  const initial = inputTexts(harness.server.requests.at(-1)!.body).slice(0, -1);
  for (const nthUserMessage of [1, -1, 0.5]) {
    await assert.rejects(
      thread.fork({ nthUserMessage }),
      (error: unknown) => error instanceof InvalidArgumentError && /nthUserMessage must be an integer from 0 to 0 \(the thread has 1 user message\)/.test(error.message),
    );
  }
  await assert.rejects(thread.fork({} as never), InvalidArgumentError);
  const fresh = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  await assert.rejects(fresh.fork({ nthUserMessage: 0 }), /needs a thread that has run/);

  const branch = await thread.fork({ nthUserMessage: 0 });
  harness.server.enqueue(mockTurn([assistantMessage("fresh")]));
  await branch.run("different question");
  assert.deepEqual(inputTexts(harness.server.requests.at(-1)!.body), [...initial, "user: different question"]);
});
