/**
 * Option bags are validated on the public API: no options (undefined, {}, a null-prototype {}) are
 * accepted like empty options (src/options/validate-options.ts), valid options are checked without
 * zod and invalid ones get zod's messages (src/validation/spec.ts).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Codex } from "../../src/index.js";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

const here = () => ({ workingDirectory: harness.workdir, skipGitRepoCheck: true });

test("invalid CodexOptions, ThreadOptions and TurnOptions throw InvalidArgumentError with zod's messages", async () => {
  const invalid = (what: string, detail: string) => ({ name: "InvalidArgumentError", message: `Invalid ${what}: ${detail}` });
  assert.throws(() => new Codex([] as never), invalid("CodexOptions", "(root): Invalid input: expected object, received array"));
  assert.throws(() => new Codex({ bogus: 1 } as never), invalid("CodexOptions", '(root): Unrecognized key: "bogus"'));
  const codex = harness.codex();
  assert.throws(() => codex.startThread([] as never), invalid("ThreadOptions", "(root): Invalid input: expected object, received array"));
  assert.throws(() => codex.startThread({ model: "" }), invalid("ThreadOptions", "model: Too small: expected string to have >=1 characters"));
  assert.throws(() => codex.startThread({ bogus: 1 } as never), invalid("ThreadOptions", '(root): Unrecognized key: "bogus"'));
  const thread = codex.startThread(here());
  await assert.rejects(thread.run("hi", [] as never), invalid("TurnOptions", "(root): Invalid input: expected object, received array"));
  await assert.rejects(thread.run("hi", { bogus: 1 } as never), invalid("TurnOptions", '(root): Unrecognized key: "bogus"'));
  await assert.rejects(thread.run("hi", { signal: 3 } as never), invalid("TurnOptions", "signal: Invalid input: expected AbortSignal, received number"));
  assert.equal(harness.server.requests.length, 0, "no request was sent for a rejected turn");
});

test("no options at all (undefined, {}, a null-prototype {}) run a turn like no options", async () => {
  const codex = harness.codex();
  for (const turnOptions of [undefined, {}, Object.create(null) as object]) {
    harness.server.enqueue(mockTurn([assistantMessage("fine")]));
    const turn = await codex.startThread(here()).run("hello", turnOptions);
    assert.equal(turn.finalResponse, "fine");
  }
  harness.server.enqueue(mockTurn([assistantMessage("also fine")]));
  const signal = new AbortController().signal;
  assert.equal((await codex.startThread({ ...here(), model: "gpt-5.5" }).run("hello", { signal })).finalResponse, "also fine");
});
