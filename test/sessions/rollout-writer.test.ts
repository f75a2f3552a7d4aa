import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { appendFile, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { CodexError, InvalidArgumentError } from "../../src/errors.js";
import { readRollout } from "../../src/sessions/rollout-reader.js";
import { RolloutWriter } from "../../src/sessions/rollout-writer.js";
import {
  ROLLOUT_TIMESTAMP,
  assistantMessage,
  makeTempDir,
  removeTempDir,
  sampleMeta,
  userMessage,
} from "./session-test-helpers.js";

let codexHome: string;

before(async () => {
  codexHome = await makeTempDir();
});
after(async () => {
  await removeTempDir(codexHome);
});

async function fileLines(filePath: string): Promise<string[]> {
  const text = await readFile(filePath, "utf8");
  assert.ok(text.endsWith("\n"), "every line ends with a newline");
  return text.slice(0, -1).split("\n");
}

test("create + append write CLI-shaped lines that read back exactly", async () => {
  const threadId = randomUUID();
  const startedAt = new Date(2025, 4, 7, 17, 24, 21, 123);
  const writer = await RolloutWriter.create({
    codexHome,
    threadId,
    startedAt,
    meta: sampleMeta("/work/project", { thread_source: "user" }),
  });
  const turnContext = {
    turn_id: "turn-1",
    cwd: "/work/project",
    approval_policy: "never",
    sandbox_policy: { type: "workspace-write", network_access: false },
    model: "gpt-5.5",
    effort: "medium",
    summary: "auto",
  };
  await writer.append([
    { type: "turn_context", payload: turnContext },
    { type: "response_item", payload: userMessage("Say hello.") },
    { type: "event_msg", payload: { type: "user_message", message: "Say hello.", images: [] } },
  ]);
  await writer.append([{ type: "response_item", payload: assistantMessage("Hello!") }]);
  await writer.close();

  const raw = await fileLines(writer.path);
  assert.equal(raw.length, 5);
  const parsed = raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  for (const [index, line] of parsed.entries()) {
    assert.deepEqual(Object.keys(line), ["timestamp", "ordinal", "type", "payload"]);
    assert.match(line.timestamp as string, ROLLOUT_TIMESTAMP);
    assert.equal(line.ordinal, index);
  }
  const withoutTimestamps = parsed.map(({ timestamp: _timestamp, ...rest }) => rest);
  assert.deepEqual(withoutTimestamps, [
    {
      ordinal: 0,
      type: "session_meta",
      payload: {
        id: threadId,
        timestamp: startedAt.toISOString(),
        cwd: "/work/project",
        originator: "codex_sdk_test",
        cli_version: "0.1.0",
        source: "exec",
        thread_source: "user",
        model_provider: "openai",
        base_instructions: { text: "You are a test agent." },
      },
    },
    { ordinal: 1, type: "turn_context", payload: turnContext },
    { ordinal: 2, type: "response_item", payload: userMessage("Say hello.") },
    { ordinal: 3, type: "event_msg", payload: { type: "user_message", message: "Say hello.", images: [] } },
    { ordinal: 4, type: "response_item", payload: assistantMessage("Hello!") },
  ]);
  // Meta keys in the CLI's order, caller extras before the nullable pair.
  assert.deepEqual(Object.keys(parsed[0]?.payload as object), [
    "id",
    "timestamp",
    "cwd",
    "originator",
    "cli_version",
    "source",
    "thread_source",
    "model_provider",
    "base_instructions",
  ]);
  assert.equal(
    raw[2],
    `{"timestamp":"${parsed[2]?.timestamp as string}","ordinal":2,"type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"Say hello."}]}}`,
  );

  const contents = await readRollout(writer.path);
  assert.equal(contents.meta.id, threadId);
  assert.equal(contents.lines.length, 5);
  assert.deepEqual(contents.history, [userMessage("Say hello."), assistantMessage("Hello!")]);
  assert.deepEqual(contents.lastTurnContext, turnContext);
  assert.equal(contents.tornTail, false);
  assert.equal(contents.skippedUnknownLines, 0);
});

test("meta without provider or instructions writes them as null, like the CLI", async () => {
  const writer = await RolloutWriter.create({
    codexHome,
    threadId: randomUUID(),
    meta: { cwd: "/w", originator: "o", cli_version: "1", source: "cli", git: { branch: "main" } },
  });
  await writer.close();
  const [first] = await fileLines(writer.path);
  const payload = (JSON.parse(first ?? "") as { payload: Record<string, unknown> }).payload;
  assert.equal(payload.model_provider, null);
  assert.equal(payload.base_instructions, null);
  assert.deepEqual(payload.git, { branch: "main" });
  assert.equal(Object.keys(payload).at(-1), "git");
});

test("an append resolves only after its bytes are in the file", async () => {
  const writer = await RolloutWriter.create({ codexHome, threadId: randomUUID(), meta: sampleMeta("/w") });
  await writer.append([{ type: "response_item", payload: userMessage("visible now") }]);
  const text = await readFile(writer.path, "utf8");
  assert.ok(text.includes("visible now"));
  await writer.close();
});

test("concurrent appends land whole, in call order, with consecutive ordinals", async () => {
  const writer = await RolloutWriter.create({ codexHome, threadId: randomUUID(), meta: sampleMeta("/w") });
  const pending: Array<Promise<void>> = [];
  const expected: string[] = [];
  for (let call = 0; call < 40; call += 1) {
    const batch = Array.from({ length: (call % 3) + 1 }, (_, index) => {
      // Every 8th batch is large enough (> 512 KiB) to need several write calls, which would
      // interleave with the small ones if appends were not serialised.
      const filler = call % 8 === 0 ? 700_000 : call * 97;
      const text = `call ${call} line ${index} ${"x".repeat(filler)}`;
      expected.push(text);
      return { type: "response_item" as const, payload: userMessage(text) };
    });
    pending.push(writer.append(batch));
  }
  await Promise.all(pending);
  await writer.close();

  const raw = await fileLines(writer.path);
  const parsed = raw.map((line) => JSON.parse(line) as { ordinal: number; payload: { content?: Array<{ text: string }> } });
  assert.deepEqual(
    parsed.map((line) => line.ordinal),
    Array.from({ length: expected.length + 1 }, (_, index) => index),
  );
  assert.deepEqual(
    parsed.slice(1).map((line) => line.payload.content?.[0]?.text),
    expected,
  );
});

test("invalid payloads are rejected and nothing of their batch is written", async () => {
  const writer = await RolloutWriter.create({ codexHome, threadId: randomUUID(), meta: sampleMeta("/w") });
  await assert.rejects(
    writer.append([
      { type: "response_item", payload: userMessage("would be written") },
      { type: "response_item", payload: { type: "function_call", name: "shell", arguments: "{}" } },
    ]),
    (error: unknown) => error instanceof InvalidArgumentError && /call_id/.test(error.message),
  );
  await assert.rejects(
    writer.append([{ type: "turn_context", payload: { cwd: "/w", model: "m" } }]),
    InvalidArgumentError,
  );
  await assert.rejects(
    writer.append([{ type: "event_msg", payload: { type: "task_complete", last_agent_message: null } }]),
    InvalidArgumentError,
  );
  await assert.rejects(
    writer.append([{ type: "session_meta" as "event_msg", payload: { type: "x" } }]),
    InvalidArgumentError,
  );
  // Unmodelled item and event types pass as long as they carry a type.
  await writer.append([
    { type: "response_item", payload: { type: "additional_tools", role: "developer", tools: [] } },
    { type: "event_msg", payload: { type: "thread_settings_applied", model: "m" } },
  ]);
  await writer.close();
  const contents = await readRollout(writer.path);
  assert.deepEqual(
    contents.lines.map((line) => line.type),
    ["session_meta", "response_item", "event_msg"],
  );
  assert.equal(contents.lines[1]?.ordinal, 1);
});

test("append after close is refused; close is idempotent", async () => {
  const writer = await RolloutWriter.create({ codexHome, threadId: randomUUID(), meta: sampleMeta("/w") });
  await writer.close();
  await writer.close();
  await assert.rejects(writer.append([{ type: "response_item", payload: userMessage("late") }]), CodexError);
});

test("create refuses invalid meta, a non-UUID id, and an existing file", async () => {
  await assert.rejects(
    RolloutWriter.create({ codexHome, threadId: randomUUID(), meta: { cwd: "/w" } as never }),
    InvalidArgumentError,
  );
  await assert.rejects(
    RolloutWriter.create({ codexHome, threadId: "not-a-uuid", meta: sampleMeta("/w") }),
    InvalidArgumentError,
  );
  const threadId = randomUUID();
  const startedAt = new Date(2025, 0, 2, 3, 4, 5);
  const first = await RolloutWriter.create({ codexHome, threadId, startedAt, meta: sampleMeta("/w") });
  await first.append([{ type: "response_item", payload: userMessage("keep me") }]);
  await first.close();
  await assert.rejects(
    RolloutWriter.create({ codexHome, threadId, startedAt, meta: sampleMeta("/w") }),
    /already exists/,
  );
  assert.ok((await readFile(first.path, "utf8")).includes("keep me"));
});

test("openForAppend continues the ordinal and cuts a torn tail off first", async () => {
  const writer = await RolloutWriter.create({ codexHome, threadId: randomUUID(), meta: sampleMeta("/w") });
  await writer.append([
    { type: "response_item", payload: userMessage("one") },
    { type: "response_item", payload: assistantMessage("two") },
  ]);
  await writer.close();
  const intactSize = (await stat(writer.path)).size;
  await appendFile(writer.path, '{"timestamp":"2025-01-01T00:00:00.000Z","ordinal":3,"type":"resp');

  const resumed = await RolloutWriter.openForAppend(writer.path);
  assert.equal((await stat(writer.path)).size, intactSize, "the torn bytes are gone before anything is appended");
  await resumed.append([{ type: "response_item", payload: userMessage("three") }]);
  await resumed.close();

  const raw = await fileLines(writer.path);
  const parsed = raw.map((line) => JSON.parse(line) as { ordinal: number });
  assert.deepEqual(
    parsed.map((line) => line.ordinal),
    [0, 1, 2, 3],
  );
  const contents = await readRollout(writer.path);
  assert.equal(contents.tornTail, false);
  assert.deepEqual(contents.history, [userMessage("one"), assistantMessage("two"), userMessage("three")]);
});

test("openForAppend adds the missing newline after a complete last line", async () => {
  const writer = await RolloutWriter.create({ codexHome, threadId: randomUUID(), meta: sampleMeta("/w") });
  await writer.close();
  const line = JSON.stringify({
    timestamp: "2025-01-01T00:00:00.000Z",
    ordinal: 7,
    type: "response_item",
    payload: userMessage("no newline"),
  });
  await appendFile(writer.path, line);
  const resumed = await RolloutWriter.openForAppend(writer.path);
  await resumed.append([{ type: "response_item", payload: userMessage("after") }]);
  await resumed.close();
  const raw = await fileLines(writer.path);
  assert.equal(raw.length, 3);
  assert.equal(raw[1], line);
  assert.equal((JSON.parse(raw[2] ?? "") as { ordinal: number }).ordinal, 8);
});

test("openForAppend numbers on from the line count in files without ordinals", async () => {
  const home = await makeTempDir();
  try {
    const filePath = path.join(home, "rollout-2025-01-01T00-00-00-" + randomUUID() + ".jsonl");
    const meta = { id: randomUUID(), timestamp: "2025-01-01T00:00:00.000Z", cwd: "/w", originator: "o", cli_version: "0.50.0" };
    await appendFile(
      filePath,
      [
        JSON.stringify({ timestamp: "2025-01-01T00:00:00.000Z", type: "session_meta", payload: meta }),
        JSON.stringify({ timestamp: "2025-01-01T00:00:01.000Z", type: "response_item", payload: userMessage("old") }),
        "",
      ].join("\n"),
    );
    const resumed = await RolloutWriter.openForAppend(filePath);
    await resumed.append([{ type: "response_item", payload: userMessage("new") }]);
    await resumed.close();
    const contents = await readRollout(filePath);
    assert.equal(contents.lines[2]?.ordinal, 2);
    assert.deepEqual(contents.history, [userMessage("old"), userMessage("new")]);
  } finally {
    await removeTempDir(home);
  }
});
