import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";
import { jsonLines, lastPrompt, runCodexNative } from "./cli-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness({ gitRepo: true });
});
after(() => harness.close());

function git(...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd: harness.workdir,
    env: harness.env,
    encoding: "utf8",
  });
}

test("fork starts a new session from a saved one's history before its last (or --at N) user message; the original is unchanged", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("first answer")]), mockTurn([assistantMessage("second answer")]));
  const first = await runCodexNative(harness, ["run", "--json", "first question about otters"]);
  const original = jsonLines(first.stdout)[0].thread_id;
  const second = await runCodexNative(harness, ["resume", original, "second question about beavers"]);
  assert.equal(second.code, 0, second.stderr);

  harness.server.enqueue(mockTurn([assistantMessage("forked answer")]));
  const fork = await runCodexNative(harness, ["fork", "--json", original, "instead, ask about badgers"]);
  assert.equal(fork.code, 0, fork.stderr);
  const forkId = jsonLines(fork.stdout)[0].thread_id;
  assert.notEqual(forkId, original);
  const texts = inputTexts(harness.server.requests.at(-1)!.body).join("\n");
  assert.match(texts, /first question about otters/);
  assert.doesNotMatch(texts, /beavers/, "the last user message and what followed are not in the fork");
  assert.equal(lastPrompt(harness), "instead, ask about badgers");

  harness.server.enqueue(mockTurn([assistantMessage("from scratch")]));
  const atZero = await runCodexNative(harness, ["fork", "--at", "0", original, "start over"]);
  assert.equal(atZero.code, 0, atZero.stderr);
  assert.doesNotMatch(inputTexts(harness.server.requests.at(-1)!.body).join("\n"), /otters|beavers/);

  // The original still continues from its own full history.
  harness.server.enqueue(mockTurn([assistantMessage("original continues")]));
  await runCodexNative(harness, ["resume", original, "third"]);
  assert.match(inputTexts(harness.server.requests.at(-1)!.body).join("\n"), /otters[\s\S]*beavers/);

  const badAt = await runCodexNative(harness, ["fork", "--at", "-1", original, "x"]);
  assert.equal(badAt.code, 2);
  const tooFar = await runCodexNative(harness, ["fork", "--at", "9", original, "x"]);
  assert.equal(tooFar.code, 1);
  assert.match(tooFar.stderr, /nthUserMessage must be an integer from 0 to/);
});

test("review --uncommitted, --commit and --base review git changes; findings and verdict on stdout, review events with --json", async () => {
  const file = path.join(harness.workdir, "auth.js");
  writeFileSync(file, "function login(user) {\n  return true;\n}\n");
  git("add", ".");
  git("commit", "-qm", "initial");
  writeFileSync(file, "function login(user) {\n  return user.name.length > 0;\n}\n");
  const review = JSON.stringify({
    findings: [
      {
        title: "[P1] Guard against a null user",
        body: "`login()` dereferences `user` before the null check.",
        confidence_score: 0.8,
        priority: 1,
        code_location: { absolute_file_path: file, line_range: { start: 2, end: 2 } },
      },
    ],
    overall_correctness: "patch is incorrect",
    overall_explanation: "The new login path crashes for unknown users.",
    overall_confidence_score: 0.7,
  });
  harness.server.enqueue(mockTurn([assistantMessage(review)]));
  const human = await runCodexNative(harness, ["review", "--uncommitted", "--color", "never"]);
  assert.equal(human.code, 0, human.stderr);
  assert.equal(
    human.stdout,
    "- [P1] Guard against a null user — auth.js:2\n  `login()` dereferences `user` before the null check.\n\nVerdict: patch is incorrect (confidence 0.7)\nThe new login path crashes for unknown users.\n",
  );
  assert.match(human.stderr, /review .*uncommitted/i);
  assert.match(lastPrompt(harness), /user\.name\.length/);

  git("commit", "-qam", "check names");
  const sha = git("rev-parse", "HEAD").trim();
  harness.server.enqueue(mockTurn([assistantMessage(review)]));
  const json = await runCodexNative(harness, ["review", "--json", "--commit", sha]);
  assert.equal(json.code, 0, json.stderr);
  const types = jsonLines(json.stdout).map((event) => event.type);
  assert.deepEqual(types, ["thread.started", "entered_review_mode", "turn.started", "item.completed", "exited_review_mode", "turn.completed"]);
  assert.equal(jsonLines(json.stdout)[1].target.sha, sha);

  const unknownBase = await runCodexNative(harness, ["review", "--base", "no-such-branch"]);
  assert.equal(unknownBase.code, 1);
  assert.match(unknownBase.stderr, /no-such-branch/);
  const two = await runCodexNative(harness, ["review", "--uncommitted", "--base", "main"]);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /choose one of --uncommitted, --base <branch>, --commit <sha>/);
});
