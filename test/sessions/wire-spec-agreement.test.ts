/**
 * The wire and session specs checked without zod (src/validation/spec.ts) answer as zod does, on
 * a rollout file the real Codex CLI 0.169 wrote and on the stream events of a turn with a message,
 * reasoning and a tool call. Every line and event must be decided without zod: a plain turn parses
 * events and writes session lines, and it must not load zod (test/install/import-budget checks
 * that end to end).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ResponseItem } from "../../src/model/response-items.js";
import { ResponsesWireEvent, parseWireEvent } from "../../src/model/stream-events.js";
import { EventMsg, KnownEventMsg, KnownResponseItem, RolloutLine, TurnContext } from "../../src/sessions/rollout-schema.js";
import { agrees, assertAgreesOnVariants } from "../helpers/spec-agreement.js";

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/sessions/0.169");
const lines = readFileSync(path.join(fixture, "rollout-2026-11-14T10-21-07-019a8f3c-5b2e-7d41-9c3a-2f6e8b1d4a70.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as { type: string; payload: { type?: string } });

const knownLines = lines.filter((line) => ["session_meta", "response_item", "turn_context", "event_msg", "compacted"].includes(line.type));

test("every known line of a CLI 0.169 rollout is decided without zod, as zod decides it", () => {
  assert.ok(knownLines.length >= 10, `fixture has ${knownLines.length} known lines`);
  for (const line of knownLines) assert.ok(agrees(RolloutLine, line, "RolloutLine"), `left to zod: ${line.type}`);
  const items = knownLines.filter((line) => line.type === "response_item").map((line) => line.payload);
  for (const item of items) {
    assert.ok(agrees(ResponseItem, item, "model ResponseItem") || item.type === "additional_tools", `left to zod: ${item.type}`);
    agrees(KnownResponseItem, item, "KnownResponseItem");
  }
  for (const line of knownLines.filter((candidate) => candidate.type === "event_msg")) {
    assert.ok(agrees(EventMsg, line.payload, "EventMsg"));
    agrees(KnownEventMsg, line.payload, "KnownEventMsg");
  }
  for (const line of knownLines.filter((candidate) => candidate.type === "turn_context")) {
    assert.ok(agrees(TurnContext, line.payload, "TurnContext"));
  }
});

test("every variant of the rollout's lines gets zod's answer", () => {
  assertAgreesOnVariants(RolloutLine, knownLines, "RolloutLine", (variant) => {
    const line = variant as { type?: unknown; payload?: unknown } | null;
    if (line?.type !== "response_item") return;
    agrees(ResponseItem, line.payload, "model ResponseItem");
    agrees(KnownResponseItem, line.payload, "KnownResponseItem");
  });
});

const message = { type: "message", id: "msg_1", role: "assistant", status: "completed", content: [{ type: "output_text", text: "ok", annotations: [] }] };
const call = { type: "function_call", id: "fc_1", call_id: "call_1", name: "exec_command", arguments: '{"cmd":"true"}', status: "completed" };
const reasoning = { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "thinking" }], encrypted_content: null };
const events = [
  { type: "response.created", response: { id: "resp_1", status: "in_progress" } },
  { type: "response.output_item.added", output_index: 0, item: { ...message, status: "in_progress", content: [] } },
  { type: "response.output_text.delta", output_index: 0, item_id: "msg_1", content_index: 0, delta: "o" },
  { type: "response.output_item.done", output_index: 0, item: message },
  { type: "response.output_item.done", output_index: 1, item: call },
  { type: "response.output_item.done", output_index: 2, item: reasoning },
  {
    type: "response.completed",
    response: {
      id: "resp_1",
      usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 2, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 12 },
    },
  },
];

test("the stream events of a turn are decided without zod, as zod decides them", () => {
  for (const event of events) {
    assert.ok(agrees(ResponsesWireEvent, event, "ResponsesWireEvent"), `left to zod: ${event.type}`);
    assert.deepStrictEqual(parseWireEvent(JSON.stringify(event)), JSON.parse(JSON.stringify(event)));
  }
  assertAgreesOnVariants(ResponsesWireEvent, events, "ResponsesWireEvent");
});
