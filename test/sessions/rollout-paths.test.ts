import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { InvalidArgumentError } from "../../src/errors.js";
import { resolveCodexHome } from "../../src/sessions/codex-home.js";
import {
  findRolloutFile,
  listRolloutFiles,
  parseRolloutFileName,
  rolloutPathFor,
} from "../../src/sessions/rollout-paths.js";
import { readRollout } from "../../src/sessions/rollout-reader.js";
import { RolloutWriter } from "../../src/sessions/rollout-writer.js";
import { makeTempDir, removeTempDir, sampleMeta } from "./session-test-helpers.js";

let codexHome: string;
before(async () => {
  codexHome = await makeTempDir();
});
after(async () => {
  await removeTempDir(codexHome);
});

/** Runs `body` with the process time zone set to `zone` (Node re-reads TZ when it changes). */
function withTimeZone<T>(zone: string, body: () => T): T {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    return body();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

test("resolveCodexHome: CODEX_HOME wins, empty counts as unset, default is ~/.codex", () => {
  assert.equal(resolveCodexHome({ CODEX_HOME: "/opt/codex-home" }), "/opt/codex-home");
  assert.equal(resolveCodexHome({ CODEX_HOME: "" }), path.join(os.homedir(), ".codex"));
  assert.equal(resolveCodexHome({}), path.join(os.homedir(), ".codex"));
  assert.equal(resolveCodexHome({ CODEX_HOME: "relative/home" }), path.resolve("relative/home"));
});

test("rolloutPathFor names the file after the local start time, like the CLI", () => {
  const threadId = "5973b6c0-94b8-487b-a530-2aeb6098ae0e";
  // 20:30 UTC on May 7th is already May 8th in Tokyo: day directory and stamp follow local time.
  const startedAt = new Date("2025-05-07T20:30:05.250Z");
  const tokyo = withTimeZone("Asia/Tokyo", () => rolloutPathFor("/home/u/.codex", threadId, startedAt));
  assert.equal(
    tokyo,
    path.join("/home/u/.codex", "sessions", "2025", "05", "08", `rollout-2025-05-08T05-30-05-${threadId}.jsonl`),
  );
  const utc = withTimeZone("UTC", () => rolloutPathFor("/home/u/.codex", threadId, startedAt));
  assert.equal(utc, path.join("/home/u/.codex", "sessions", "2025", "05", "07", `rollout-2025-05-07T20-30-05-${threadId}.jsonl`));
  assert.throws(() => rolloutPathFor("/h", "thread-1", startedAt), InvalidArgumentError);
  assert.throws(() => rolloutPathFor("/h", threadId, new Date(Number.NaN)), InvalidArgumentError);
});

test("parseRolloutFileName reads back id and local start time", () => {
  const threadId = randomUUID();
  const startedAt = new Date(2024, 11, 31, 23, 59, 58);
  const name = path.basename(rolloutPathFor("/h", threadId, startedAt));
  assert.deepEqual(parseRolloutFileName(name), { threadId, startedAt });
  assert.equal(parseRolloutFileName(`rollout-2024-12-31T23-59-58-${threadId}.json`), null);
  assert.equal(parseRolloutFileName("rollout-2024-12-31T23-59-58-not-a-uuid.jsonl"), null);
  assert.equal(parseRolloutFileName(`history-${threadId}.jsonl`), null);
});

test("findRolloutFile finds a thread across year, month and day directories", async () => {
  const threads = [
    { threadId: randomUUID(), startedAt: new Date(2024, 11, 31, 23, 0, 0) },
    { threadId: randomUUID(), startedAt: new Date(2025, 0, 1, 0, 30, 0) },
    { threadId: randomUUID(), startedAt: new Date(2025, 9, 12, 8, 15, 42) },
    { threadId: randomUUID(), startedAt: new Date(2025, 9, 12, 9, 0, 1) },
  ];
  const written: string[] = [];
  for (const thread of threads) {
    const writer = await RolloutWriter.create({ codexHome, ...thread, meta: sampleMeta("/w") });
    written.push(writer.path);
    await writer.close();
  }
  // Noise the scan must step over.
  await mkdir(path.join(codexHome, "sessions", "not-a-year"), { recursive: true });
  await writeFile(path.join(codexHome, "sessions", "2025", "10", "12", "notes.txt"), "x");

  for (const [index, thread] of threads.entries()) {
    const found = await findRolloutFile(codexHome, thread.threadId);
    assert.equal(found, written[index]);
    assert.equal((await readRollout(found ?? "")).meta.id, thread.threadId);
  }
  assert.equal(await findRolloutFile(codexHome, threads[0]?.threadId.toUpperCase() ?? ""), written[0]);
  assert.equal(await findRolloutFile(codexHome, randomUUID()), null);
  assert.equal(await findRolloutFile(codexHome, "not-a-uuid"), null);

  const listed = await listRolloutFiles(codexHome);
  assert.deepEqual(
    listed.map((entry) => entry.path),
    [...written].reverse(),
  );
  assert.deepEqual(
    listed.map((entry) => entry.startedAt.getTime()),
    threads.map((thread) => thread.startedAt.getTime()).reverse(),
  );
  assert.equal(listed[0]?.threadId, threads[3]?.threadId);
});

test("a missing sessions directory lists nothing", async () => {
  const empty = await makeTempDir();
  try {
    assert.deepEqual(await listRolloutFiles(empty), []);
    assert.equal(await findRolloutFile(empty, randomUUID()), null);
  } finally {
    await removeTempDir(empty);
  }
});
