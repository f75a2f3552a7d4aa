import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import {
  InvalidArgumentError,
  reverieGetConversationInsights,
  reverieSearchConversations,
  SessionNotFoundError,
  type ReverieExcerpt,
} from "../../src/index.js";
import { agent, line, smallTalk, threadIdOf, tool, user, writeSession } from "./session-tree.js";

const home = mkdtempSync(path.join(os.tmpdir(), "reverie-search-"));
after(() => rmSync(home, { recursive: true, force: true }));

const withTalk = (...groups: string[][]) => [...groups, ...smallTalk()];
writeSession(home, 1, withTalk(user("the JWT refresh fails; JWT expiry and refresh token rotation")));
writeSession(home, 2, withTalk(agent("I checked the JWT middleware")));
writeSession(home, 3, withTalk(tool("grep -r JWT src", "src/auth.rs: verify JWT")));
writeSession(home, 4, withTalk(user("rotate the signing keys 🔑 then redeploy")));
writeSession(home, 5, withTalk(user("rotate the signing keys 🔑 then redeploy")));
writeSession(home, 6, smallTalk());

const ids = (results: Array<{ conversation: { id: string } }>) => results.map((result) => result.conversation.id);
const matchedWords = (excerpt: ReverieExcerpt) => excerpt.matches.map((range) => excerpt.text.slice(range.start, range.end));

test("conversations rank by BM25F: more mentions in messages first, tool-only mentions last", async () => {
  const results = await reverieSearchConversations(home, "jwt refresh", 10);
  assert.deepEqual(ids(results), [threadIdOf(1), threadIdOf(2), threadIdOf(3)]);
  assert.ok(results[0]!.relevanceScore > results[1]!.relevanceScore);
  assert.ok(results[1]!.relevanceScore > results[2]!.relevanceScore);
  assert.equal(results[2]!.excerpts[0]!.role, "tool");
  assert.equal(results[0]!.conversation.cwd, "/work/project-1");
  assert.equal(results[0]!.conversation.headRecordsToon.length, results[0]!.conversation.headRecords.length);
});

test("equal scores go to the newer conversation, and limit is honoured", async () => {
  const results = await reverieSearchConversations(home, "signing keys", 1);
  assert.deepEqual(ids(results), [threadIdOf(5)]);
  const both = await reverieSearchConversations(home, "signing keys", 5);
  assert.deepEqual(ids(both), [threadIdOf(5), threadIdOf(4)]);
  assert.equal(both[0]!.relevanceScore, both[1]!.relevanceScore);
});

test("excerpts carry the message text, role, line and UTF-16 match ranges", async () => {
  const [result] = await reverieSearchConversations(home, "REDEPLOY keys", 1);
  const excerpt = result!.excerpts[0]!;
  assert.equal(excerpt.text, "rotate the signing keys 🔑 then redeploy");
  assert.deepEqual(result!.matchingExcerpts, [excerpt.text]);
  assert.equal(excerpt.role, "user");
  assert.deepEqual(matchedWords(excerpt), ["keys", "redeploy"]);
  const fileLines = readFileSync(result!.conversation.path, "utf8").split("\n");
  assert.match(fileLines[excerpt.line - 1]!, /"user_message"/);
  assert.equal(readFileSync(result!.conversation.path).subarray(excerpt.byteOffset).toString("utf8").split("\n")[0], fileLines[excerpt.line - 1]);
});

test("a query without words is rejected; nothing found is an empty list", async () => {
  await assert.rejects(reverieSearchConversations(home, "  ?! ", 5), InvalidArgumentError);
  await assert.rejects(reverieSearchConversations(home, "x", 0), InvalidArgumentError);
  assert.deepEqual(await reverieSearchConversations(home, "nonexistentword", 5), []);
});

test("insights rank the messages of one conversation", async () => {
  const file = writeSession(home, 20, [
    user("the cache is slow"),
    agent("the cache eviction policy evicts the cache too often, so the cache misses"),
    tool("cat cache.rs", "fn cache() {}"),
    agent("unrelated answer"),
  ]);
  const insights = await reverieGetConversationInsights(file, "cache eviction");
  // The tool call (`cat cache.rs`) and its output mention "cache" too, but weigh less.
  assert.deepEqual(
    insights.map((insight) => insight.role),
    ["agent", "user", "tool", "tool"],
  );
  assert.ok(insights[0]!.text.startsWith("the cache eviction policy"));
  assert.deepEqual(matchedWords(insights[0]!), ["cache", "eviction", "cache", "cache"]);
  assert.equal((await reverieGetConversationInsights(file, "cache", 1)).length, 1);
  await assert.rejects(reverieGetConversationInsights(path.join(home, "missing.jsonl"), "cache"), SessionNotFoundError);
});

test("damaged files are searched around the damage: torn line, invalid UTF-8, junk", async () => {
  const damaged = mkdtempSync(path.join(os.tmpdir(), "reverie-damaged-"));
  try {
    const file = writeSession(damaged, 1, [user("first mention of zeppelin")]);
    const bad = Buffer.from(line("event_msg", { type: "agent_message", message: "zeppelin XX landed" }));
    bad.forEach((byte, index) => {
      if (byte === 0x58) bad[index] = 0xff; // "X" → a byte that is never valid UTF-8
    });
    appendFileSync(file, "{this is not json, zeppelin\n");
    appendFileSync(file, Buffer.concat([bad, Buffer.from("\n")]));
    appendFileSync(file, line("event_msg", { type: "user_message", message: "zeppelin torn" }).slice(0, 40));
    const [result] = await reverieSearchConversations(damaged, "zeppelin", 5);
    assert.deepEqual(result!.matchingExcerpts.sort(), ["first mention of zeppelin", "zeppelin \uFFFD\uFFFD landed"]);
    // meta, the user message's two lines and the repaired UTF-8 line; junk and torn lines are skipped.
    assert.equal(result!.conversation.tailRecords.length, 4);
  } finally {
    rmSync(damaged, { recursive: true, force: true });
  }
});

test("a session being appended to while searching is searched to where it is", async () => {
  const live = mkdtempSync(path.join(os.tmpdir(), "reverie-live-"));
  try {
    const file = writeSession(live, 1, [user("harbor start")]);
    let appended = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const text = line("event_msg", { type: "agent_message", message: `harbor step ${appended}` });
        appendFileSync(file, text.slice(0, 25)); // half a line is visible between the two writes
        await new Promise((resolve) => setImmediate(resolve));
        appendFileSync(file, `${text.slice(25)}\n`);
        appended += 1;
      }
    })();
    for (let round = 0; round < 20; round += 1) {
      const results = await reverieSearchConversations(live, "harbor", 5);
      assert.equal(results.length, 1);
      assert.ok(results[0]!.excerpts.length >= 1);
    }
    writing = false;
    await writer;
    assert.ok(appended > 0);
    const final = await reverieGetConversationInsights(file, "harbor", 1_000_000);
    assert.equal(final.length, appended + 1);
    writeFileSync(file, ""); // an emptied file is simply not a match
    assert.deepEqual(await reverieSearchConversations(live, "harbor", 5), []);
  } finally {
    rmSync(live, { recursive: true, force: true });
  }
});
