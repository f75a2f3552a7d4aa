import assert from "node:assert/strict";
import { test } from "node:test";
import { ResponsesRequestBody } from "../../src/model/request-body.js";
import { ResponseItem } from "../../src/model/response-items.js";
import { parseWireEvent } from "../../src/model/stream-events.js";

test("parseWireEvent keeps consumed events and skips everything else", () => {
  assert.equal(parseWireEvent('{"type":"response.output_text.delta","delta":"hi","item_id":"m1"}')?.type, "response.output_text.delta");
  assert.equal(parseWireEvent("not json"), undefined);
  assert.equal(parseWireEvent("[DONE]"), undefined);
  assert.equal(parseWireEvent("42"), undefined);
  assert.equal(parseWireEvent('{"type":"response.in_progress"}'), undefined);
  assert.equal(parseWireEvent('{"type":"response.output_text.delta"}'), undefined, "missing delta");
  assert.equal(parseWireEvent('{"type":"codex.stream_retry","attempt":1,"maxRetries":1,"delayMs":1,"reason":"x"}'), undefined);
  assert.equal(parseWireEvent('{"type":"response.completed","response":{}}'), undefined, "completed needs an id");
});

test("response.completed keeps id and usage; extra fields survive", () => {
  const event = parseWireEvent(
    JSON.stringify({
      type: "response.completed",
      sequence_number: 9,
      response: { id: "resp_1", usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 }, status: "completed" },
    }),
  );
  assert.ok(event?.type === "response.completed");
  assert.equal(event.response.id, "resp_1");
  assert.equal(event.response.usage?.total_tokens, 3);
  assert.equal((event as Record<string, unknown>).sequence_number, 9);
});

test("ResponseItem accepts every item shape of spec §1.3 and rejects unknown types", () => {
  const items = [
    { type: "message", role: "user", content: [{ type: "input_text", text: "hi" }, { type: "input_image", image_url: "data:image/png;base64,AA" }] },
    { type: "message", role: "assistant", content: [{ type: "output_text", text: "yo", annotations: [] }], phase: "final_answer", id: "msg_1" },
    { type: "reasoning", summary: [{ type: "summary_text", text: "s" }], content: [{ type: "reasoning_text", text: "r" }], encrypted_content: "enc" },
    { type: "reasoning", summary: [], encrypted_content: null },
    { type: "function_call", name: "shell", arguments: "{}", call_id: "c1" },
    { type: "function_call_output", call_id: "c1", output: "done" },
    { type: "function_call_output", call_id: "c1", output: [{ type: "input_text", text: "t" }, { type: "input_image", image_url: "https://x/y.png" }] },
    { type: "custom_tool_call", call_id: "c2", name: "apply_patch", input: "*** Begin Patch", status: "completed" },
    { type: "custom_tool_call_output", call_id: "c2", output: "ok" },
    { type: "local_shell_call", call_id: "c3", status: "completed", action: { type: "exec", command: ["ls"], timeout_ms: 10, working_directory: "/", env: {}, user: null } },
    { type: "web_search_call", status: "completed", action: { type: "search", query: "q" } },
    { type: "web_search_call", action: { type: "open_page", url: "https://example.com" } },
    { type: "web_search_call", action: { type: "something_new" } },
    { type: "compaction", encrypted_content: "abc" },
    { type: "compaction_summary", encrypted_content: "abc" },
  ];
  for (const item of items) assert.ok(ResponseItem.safeParse(item).success, JSON.stringify(item));
  assert.equal(ResponseItem.safeParse({ type: "ghost_snapshot" }).success, false);
  assert.equal(ResponseItem.safeParse({ type: "function_call", name: "x", call_id: "c" }).success, false, "arguments required");
  const parsed = ResponseItem.parse({ type: "function_call", name: "x", arguments: "{}", call_id: "c", status: "completed" });
  assert.equal((parsed as Record<string, unknown>).status, "completed", "unknown fields are kept");
});

test("ResponsesRequestBody accepts the spec §1.2 example", () => {
  const body = {
    model: "gpt-5.2-codex",
    instructions: "You are Codex...",
    input: [{ type: "message", role: "developer", content: [{ type: "input_text", text: "<permissions instructions>" }] }],
    tools: [{ type: "function", name: "shell", parameters: {} }],
    tool_choice: "auto",
    parallel_tool_calls: true,
    reasoning: { effort: "medium", summary: "auto" },
    store: false,
    stream: true,
    include: ["reasoning.encrypted_content"],
    prompt_cache_key: "0199-uuid",
    text: { verbosity: "low", format: { type: "json_schema", strict: true, schema: { type: "object" }, name: "codex_output_schema" } },
    client_metadata: { any: "thing" },
  };
  assert.ok(ResponsesRequestBody.safeParse(body).success);
  assert.equal(ResponsesRequestBody.safeParse({ ...body, reasoning: { effort: "extreme" } }).success, false);
});
