import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InvalidArgumentError } from "../../src/errors.js";
import { forkRollout } from "../../src/sessions/fork-rollout.js";
import { listConversations } from "../../src/sessions/list-conversations.js";
import { readRollout } from "../../src/sessions/rollout-reader.js";

const fixtureName = "rollout-2026-11-14T10-21-07-019a8f3c-5b2e-7d41-9c3a-2f6e8b1d4a70.jsonl";
const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/sessions/0.169", fixtureName);
let codexHome: string;
let cliFile: string;
before(async () => {
  codexHome = await mkdtemp(path.join(os.tmpdir(), "conversations-"));
  cliFile = path.join(codexHome, "sessions/2026/11/14", fixtureName);
  await mkdir(path.dirname(cliFile), { recursive: true });
  await copyFile(fixture, cliFile);
});
after(() => rm(codexHome, { recursive: true, force: true }));

test("a Codex CLI 0.169 session is listed with its first prompt, model and cwd", async () => {
  const page = await listConversations(codexHome, {});
  assert.equal(page.conversations.length, 1);
  const [conversation] = page.conversations;
  assert.equal(conversation!.id, "019a8f3c-5b2e-7d41-9c3a-2f6e8b1d4a70");
  assert.equal(conversation!.path, cliFile);
  assert.equal(conversation!.preview, "Say hello.");
  assert.equal(conversation!.model, "gpt-6.1-sol");
  assert.equal(conversation!.cwd, "/home/dev/projects/hello");
});

test("a CLI session forks before its second prompt into a readable file of its own", async () => {
  const source = await readRollout(cliFile);
  const newThreadId = "019a8f3c-0000-7000-8000-000000000001";
  const forked = await forkRollout({ codexHome, env: { PATH: process.env.PATH }, source, nthUserMessage: 1, newThreadId });
  const contents = await readRollout(forked);
  assert.equal(contents.meta.id, newThreadId);
  assert.equal(contents.meta.forked_from_id, source.meta.id);
  const texts = contents.history.flatMap((item: any) => (item.type === "message" ? [`${item.role}: ${item.content.map((part: any) => part.text).join("")}`] : [item.type]));
  assert.ok(texts.includes("user: Say hello.") && texts.includes("assistant: Hello!"));
  assert.ok(!texts.some((text) => text.includes("hello.txt")), "nothing from the second turn");
  assert.equal(contents.lines.filter((line) => line.type === "turn_context").length, 1, "the cut turn's turn_context is left out");
  await assert.rejects(
    forkRollout({ codexHome, env: {}, source, nthUserMessage: 2, newThreadId: "019a8f3c-0000-7000-8000-000000000002" }),
    (error: unknown) => error instanceof InvalidArgumentError && /from 0 to 1 \(the thread has 2 user messages\)/.test(error.message),
  );
});
