import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { encode } from "@toon-format/toon";
import { InvalidArgumentError, reverieListConversations } from "../../src/index.js";
import { agent, line, smallTalk, threadIdOf, user, writeSession } from "./session-tree.js";

const home = mkdtempSync(path.join(os.tmpdir(), "reverie-list-"));
after(() => rmSync(home, { recursive: true, force: true }));

const long = Array.from({ length: 15 }, (_, index) => user(`message ${index}`));
writeSession(home, 3, smallTalk());
writeSession(home, 12, long);
const torn = writeSession(home, 7, [...smallTalk(), agent("last whole line")]);
appendFileSync(torn, line("event_msg", { type: "agent_message", message: "half" }).slice(0, 30));

test("conversations come newest first with ids, paths, timestamps and the working directory", async () => {
  const listed = await reverieListConversations(home, 10);
  assert.deepEqual(listed.map((conversation) => conversation.id), [threadIdOf(12), threadIdOf(7), threadIdOf(3)]);
  const [first] = listed;
  assert.equal(first!.path, path.join(home, "sessions/2025/03/12", `rollout-2025-03-12T10-00-00-${threadIdOf(12)}.jsonl`));
  assert.equal(first!.cwd, "/work/project-12");
  assert.equal(first!.createdAt, "2025-03-12T10:00:00.000Z");
  assert.ok(!Number.isNaN(Date.parse(first!.updatedAt!)));
});

test("limit and offset page through the list", async () => {
  assert.deepEqual((await reverieListConversations(home, 1, 1)).map((conversation) => conversation.id), [threadIdOf(7)]);
  assert.deepEqual(await reverieListConversations(home, 5, 3), []);
  assert.deepEqual(await reverieListConversations(path.join(home, "absent"), 5), []);
  await assert.rejects(reverieListConversations(home, -1), InvalidArgumentError);
});

test("head and tail hold the first and last ten records, as JSON and as reference TOON", async () => {
  const [conversation] = await reverieListConversations(home, 1);
  assert.equal(conversation!.headRecords.length, 10);
  assert.equal(conversation!.tailRecords.length, 10);
  const head = conversation!.headRecords.map((record) => JSON.parse(record));
  assert.equal(head[0].type, "session_meta");
  assert.equal(head[1].payload.content[0].text, "message 0");
  const tail = conversation!.tailRecords.map((record) => JSON.parse(record));
  assert.equal(tail.at(-1).payload.message, "message 14");
  assert.equal(tail[0].payload.content[0].text, "message 10");
  assert.deepEqual(conversation!.headRecordsToon, head.map((record) => encode(record)));
  assert.deepEqual(conversation!.tailRecordsToon, tail.map((record) => encode(record)));
});

test("a torn last line is left out of the tail", async () => {
  const [conversation] = await reverieListConversations(home, 1, 1);
  const tail = conversation!.tailRecords.map((record) => JSON.parse(record));
  assert.equal(tail.at(-1).payload.message, "last whole line");
  assert.equal(conversation!.headRecords.length, 9, "meta + 8 lines; the torn one is skipped");
});
