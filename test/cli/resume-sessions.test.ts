import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";
import { jsonLines, lastPrompt, runCodexNative } from "./cli-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

async function newSession(prompt: string, cwd = harness.workdir): Promise<string> {
  harness.server.enqueue(mockTurn([assistantMessage(`answer to ${prompt}`)]));
  const result = await runCodexNative(harness, ["run", "--skip-git-repo-check", prompt], { cwd });
  assert.equal(result.code, 0, result.stderr);
  return /session id: (\S+)/.exec(result.stderr)![1]!;
}

test("resume <id> [prompt] and resume --last continue saved sessions with their history", async () => {
  const first = await newSession("zebra facts please");
  const second = await newSession("giraffe facts please");

  harness.server.enqueue(mockTurn([assistantMessage("more zebra")]));
  const byId = await runCodexNative(harness, ["resume", "--skip-git-repo-check", "--json", first, "and", "more"]);
  assert.equal(byId.code, 0, byId.stderr);
  assert.equal(jsonLines(byId.stdout)[0].thread_id, first);
  const texts = inputTexts(harness.server.requests.at(-1)!.body);
  assert.ok(texts.some((text) => text.includes("zebra facts please")) && !texts.some((text) => text.includes("giraffe")), texts.join("\n"));
  assert.equal(lastPrompt(harness), "and more");

  // --last: the most recently updated session of this directory (the one just resumed).
  harness.server.enqueue(mockTurn([assistantMessage("latest")]));
  const last = await runCodexNative(harness, ["resume", "--last", "--skip-git-repo-check", "--json"], { input: "from stdin" });
  assert.equal(last.code, 0, last.stderr);
  assert.equal(jsonLines(last.stdout)[0].thread_id, first);
  assert.equal(lastPrompt(harness), "from stdin");
  assert.notEqual(first, second);

  const missing = await runCodexNative(harness, ["resume", "--skip-git-repo-check"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /resume needs a session id \(or --last\)/);
  const unknown = await runCodexNative(harness, ["resume", "--skip-git-repo-check", "019a0000-0000-7000-8000-000000000000", "hi"]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /019a0000-0000-7000-8000-000000000000/);
});

test("sessions list shows this directory's sessions newest first (--all: every directory); sessions search finds words", async () => {
  const elsewhere = path.join(harness.workdir, "elsewhere");
  mkdirSync(elsewhere, { recursive: true });
  const here = await newSession("pelican migration question");
  const there = await newSession("walrus habitat question", elsewhere);

  const list = await runCodexNative(harness, ["sessions", "list"]);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout.split("\n")[0]!, new RegExp(`^${here} .*pelican migration question`));
  assert.doesNotMatch(list.stdout, new RegExp(there));

  const all = await runCodexNative(harness, ["sessions", "list", "--all", "--json"]);
  const sessions = jsonLines(all.stdout);
  assert.deepEqual(sessions.slice(0, 2).map((session) => session.id), [there, here]);
  assert.equal(sessions[0].cwd, elsewhere);
  assert.equal(sessions[0].title, "walrus habitat question");

  const search = await runCodexNative(harness, ["sessions", "search", "walrus", "--json"]);
  assert.equal(search.code, 0, search.stderr);
  const found = jsonLines(search.stdout);
  assert.deepEqual(found.map((result) => result.id), [there]);
  assert.ok(found[0].excerpts.some((excerpt: string) => excerpt.includes("walrus")));
  const human = await runCodexNative(harness, ["sessions", "search", "pelican"]);
  assert.match(human.stdout, new RegExp(`^${here}[\\s\\S]*pelican migration`));

  const bad = await runCodexNative(harness, ["sessions", "frob"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown sessions action "frob"/);
});
