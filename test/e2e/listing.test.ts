import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { InvalidArgumentError } from "../../src/index.js";
import { findRolloutFile } from "../../src/sessions/rollout-paths.js";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

test("listConversations pages newest first with ids, paths, timestamps, preview, model and cwd; deleteConversation removes one", async () => {
  const codex = harness.codex();
  const empty = await codex.listConversations();
  assert.deepEqual(empty, { conversations: [] });

  const ids: string[] = [];
  for (const [index, model] of ["gpt-5.5", "gpt-5.1", "gpt-5.2"].entries()) {
    harness.server.enqueue(mockTurn([assistantMessage(`answer ${index}`)]));
    const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, model });
    await thread.run(`question number ${index}`);
    ids.push(thread.id!);
  }
  const first = await codex.listConversations({ limit: 2 });
  assert.deepEqual(first.conversations.map((conversation) => conversation.id), [ids[2], ids[1]]);
  assert.equal(typeof first.nextCursor, "string");
  const newest = first.conversations[0]!;
  assert.equal(newest.path, await findRolloutFile(harness.codexHome, ids[2]!));
  assert.equal(newest.preview, "question number 2");
  assert.equal(newest.model, "gpt-5.2");
  assert.equal(newest.cwd, harness.workdir);
  assert.ok(!Number.isNaN(Date.parse(newest.createdAt)) && !Number.isNaN(Date.parse(newest.updatedAt)));
  assert.ok(Date.parse(newest.updatedAt) >= Date.parse(newest.createdAt) - 1000);

  const second = await codex.listThreads({ limit: 2, cursor: first.nextCursor! });
  assert.deepEqual(second.conversations.map((conversation) => conversation.id), [ids[0]]);
  assert.equal(second.nextCursor, undefined);
  assert.equal(second.conversations[0]!.preview, "question number 0");

  // Deleting between pages does not disturb the cursor.
  assert.equal(await codex.deleteConversation(ids[1]!), true);
  assert.deepEqual((await codex.listConversations({ limit: 2, cursor: first.nextCursor! })).conversations.map((c) => c.id), [ids[0]]);
  assert.deepEqual((await codex.listConversations()).conversations.map((c) => c.id), [ids[2], ids[0]]);
  assert.equal(await codex.deleteThread(ids[1]!), false);
  assert.equal(await findRolloutFile(harness.codexHome, ids[1]!), null);
});

test("bad listing arguments are clear errors", async () => {
  const codex = harness.codex();
  await assert.rejects(codex.listConversations({ limit: 0 }), InvalidArgumentError);
  await assert.rejects(codex.listConversations({ cursor: "not-a-cursor" }), InvalidArgumentError);
  await assert.rejects(codex.deleteConversation(""), InvalidArgumentError);
});
