/**
 * Code written for @openai/codex-sdk and for the Codex CLI's config works unchanged: config keys,
 * providers, profiles, options, error shapes, bad input caught before any request, and only the
 * offered tools run. Everything through the public API against the mock server.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { Codex, type ThreadEvent } from "../../src/index.js";
import { assistantMessage, dropConnection, functionCall, httpError, mockTurn, reasoning } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

/** Warnings emitted while `run` runs, by code. */
async function collectWarnings<T>(code: string, run: () => Promise<T> | T): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const listener = (warning: Error & { code?: string }) => {
    if (warning.code === code) warnings.push(warning.message);
  };
  process.on("warning", listener);
  try {
    const result = await run();
    // process.emitWarning delivers on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    return { result, warnings };
  } finally {
    process.off("warning", listener);
  }
}

const here = () => ({ workingDirectory: harness.workdir, skipGitRepoCheck: true });

/** A custom provider pointing at the mock server, with small retry budgets so failures are quick. */
function mockProvider(extra: Record<string, unknown> = {}) {
  return {
    model_provider: "mock",
    model_providers: { mock: { name: "Mock", base_url: harness.server.url, request_max_retries: 1, stream_max_retries: 1, ...extra } },
  };
}

test("the official SDK README's config example runs a turn; show_raw_agent_reasoning adds the raw reasoning", async () => {
  harness.server.enqueue(mockTurn([reasoning("summary", { content: "raw thoughts" }), assistantMessage("example ok")]));
  const codex = harness.codex({ config: { show_raw_agent_reasoning: true, sandbox_workspace_write: { network_access: true } } });
  const turn = await codex.startThread({ ...here(), sandboxMode: "workspace-write" }).run("hi");
  assert.equal(turn.finalResponse, "example ok");
  assert.deepEqual(
    turn.items.filter((item) => item.type === "reasoning").map((item) => (item as { text: string }).text),
    ["summary\n\nraw thoughts"],
  );
  assert.match(harness.server.requests.at(-1)!.body.input[0].content[0].text, /Network access is enabled/);
});

test("hide_agent_reasoning keeps reasoning out of the events but in the history", async () => {
  harness.server.enqueue(mockTurn([reasoning("secret plan"), assistantMessage("done")]));
  const turn = await harness.codex({ configOverrides: ["hide_agent_reasoning=true"] }).startThread(here()).run("hi");
  assert.deepEqual(turn.items.map((item) => item.type), ["agent_message"]);
  assert.equal(turn.items[0]!.id, "item_0");
});

test("keys Codex accepts that we do not implement are accepted silently; unknown keys get one warning", async () => {
  const accepted = {
    features: { unified_exec: true, web_search_request: false },
    tools: { web_search: true },
    history: { persistence: "none" },
    mcp_servers: { docs: { command: "docs-server", args: ["--stdio"] } },
    retry_budget: 3,
    notify: ["notify-send"],
    tui: { theme: "dark" },
    model_providers: { local: { base_url: "http://127.0.0.1:1/v1", supports_websockets: false } },
  };
  const quiet = await collectWarnings("CODEX_NATIVE_UNKNOWN_CONFIG_KEYS", () => harness.codex({ config: accepted }));
  assert.deepEqual(quiet.warnings, []);
  const noisy = await collectWarnings("CODEX_NATIVE_UNKNOWN_CONFIG_KEYS", () =>
    harness.codex({ config: { made_up_key: 1, sandbox_workspace_write: { future_flag: true } }, configOverrides: ["another.unknown=2"] }),
  );
  assert.equal(noisy.warnings.length, 1);
  assert.match(noisy.warnings[0]!, /made_up_key, sandbox_workspace_write\.future_flag, another/);
  // A known key with the wrong type is still a clear error.
  assert.throws(() => harness.codex({ config: { features: "all" } }), { name: "InvalidArgumentError", message: /features/ });
  assert.throws(() => harness.codex({ config: { model_context_window: "big" } }), { name: "InvalidArgumentError", message: /model_context_window/ });
});

test("a custom provider without env_key sends no Authorization header, even with an API key around", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("no auth")]));
  const codex = new Codex({ env: { ...harness.env, OPENAI_API_KEY: "sk-should-not-be-sent" }, config: mockProvider({ supports_websockets: false }) });
  assert.equal((await codex.startThread(here()).run("hi")).finalResponse, "no auth");
  const request = harness.server.requests.at(-1)!;
  assert.equal(request.bearerTokenSha256, null);
  assert.equal(request.headers.authorization, undefined);
});

test("provider http_headers, env_http_headers and query_params reach the request", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("headers")]));
  const codex = new Codex({
    env: { ...harness.env, TEAM_HEADER: "team-7" },
    config: mockProvider({ http_headers: { "x-static": "yes" }, env_http_headers: { "x-team": "TEAM_HEADER" }, query_params: { "api-version": "v9" } }),
  });
  await codex.startThread(here()).run("hi");
  const request = harness.server.requests.at(-1)!;
  assert.equal(request.headers["x-static"], "yes");
  assert.equal(request.headers["x-team"], "team-7");
  assert.equal(request.path, "/v1/responses?api-version=v9");
});

test("profile selects a [profiles.<name>] table over the top-level keys; a missing profile is a clear error", async () => {
  const home = path.join(harness.workdir, "profile-home");
  await mkdir(home, { recursive: true });
  await writeFile(
    path.join(home, "config.toml"),
    ['model = "gpt-5.5"', 'profile = "fast"', "", "[profiles.fast]", 'model = "gpt-5.2-codex"', 'model_reasoning_effort = "low"', ""].join("\n"),
  );
  harness.server.enqueue(mockTurn([assistantMessage("fast")]));
  await harness.codex({ codexHome: home }).startThread(here()).run("hi");
  const body = harness.server.requests.at(-1)!.body;
  assert.equal(body.model, "gpt-5.2-codex");
  assert.equal(body.reasoning.effort, "low");
  assert.throws(() => harness.codex({ codexHome: home, config: { profile: "slow" } }), { name: "InvalidArgumentError", message: /profile "slow"/ });
});

test("stream_max_retries bounds the re-sends of a dropped stream; the message begins as Codex's and turn.failed carries the details", async () => {
  harness.server.enqueue(dropConnection(mockTurn([assistantMessage("x")]), { afterEvents: 1 }), dropConnection(mockTurn([assistantMessage("x")]), { afterEvents: 1 }));
  const before = harness.server.requests.length;
  const codex = harness.codex({ config: mockProvider() });
  const { events } = await codex.startThread(here()).runStreamed("hi");
  const seen: ThreadEvent[] = [];
  for await (const event of events) seen.push(event);
  assert.equal(harness.server.requests.length - before, 2, "one attempt plus stream_max_retries = 1");
  const failed = seen.at(-1)!;
  assert.equal(failed.type, "turn.failed");
  if (failed.type !== "turn.failed") return;
  assert.match(failed.error.message, /^stream disconnected before completion: /);
  assert.equal(failed.error.name, "StreamInterruptedError");
});

test("HTTP failures: turn.failed carries name, status, code and request id; run() rejects with the typed error", async () => {
  harness.server.enqueue(httpError(500, { requestId: "req_500a" }), httpError(500, { requestId: "req_500b", code: "server_is_sad" }));
  const codex = harness.codex({ config: mockProvider() });
  const { events } = await codex.startThread(here()).runStreamed("hi");
  let failure: Extract<ThreadEvent, { type: "turn.failed" }> | undefined;
  for await (const event of events) if (event.type === "turn.failed") failure = event;
  assert.deepEqual(
    { ...failure!.error, message: undefined },
    { message: undefined, name: "ServerError", status: 500, code: "server_is_sad", requestId: "req_500b" },
  );
  assert.match(failure!.error.message, /^exceeded retry limit, last status: 500 Internal Server Error/);

  harness.server.enqueue(httpError(400, { message: "bad field", requestId: "req_400" }));
  await assert.rejects(codex.startThread(here()).run("hi"), (error: any) => {
    assert.equal(error.name, "InvalidRequestError");
    assert.equal(error.status, 400);
    assert.equal(error.requestId, "req_400");
    assert.match(error.message, /^unexpected status 400 Bad Request: bad field/);
    return true;
  });
});

test("bad input is caught before any request: working directory, baseUrl, empty prompt, enums, conflicting aliases", async () => {
  const before = harness.server.requests.length;
  const codex = harness.codex();
  const missing = codex.startThread({ workingDirectory: path.join(harness.workdir, "does-not-exist"), skipGitRepoCheck: true });
  await assert.rejects(missing.run("hi"), { name: "InvalidArgumentError", message: /does-not-exist does not exist/ });
  await writeFile(path.join(harness.workdir, "a-file"), "x");
  const notDirectory = codex.startThread({ workingDirectory: path.join(harness.workdir, "a-file"), sandboxMode: "danger-full-access" });
  await assert.rejects(notDirectory.run("hi"), { name: "InvalidArgumentError", message: /is not a directory/ });
  assert.throws(() => harness.codex({ baseUrl: "not a url" }), { name: "InvalidArgumentError", message: /baseUrl "not a url" is not a valid URL/ });
  assert.throws(() => harness.codex({ baseUrl: "ftp://example.com/v1" }), { name: "InvalidArgumentError", message: /http or https/ });
  assert.throws(() => harness.codex({ config: mockProvider({ base_url: "localhost:11434" }) }), {
    name: "InvalidArgumentError",
    message: /model_providers\.mock\.base_url "localhost:11434"/,
  });
  await assert.rejects(codex.startThread(here()).run(""), { name: "InvalidArgumentError", message: /prompt is empty/ });
  await assert.rejects(codex.startThread(here()).run([{ type: "text", text: "  " }]), { name: "InvalidArgumentError", message: /prompt is empty/ });
  const { events } = await codex.startThread(here()).runStreamed("   ");
  await assert.rejects(events.next(), { name: "InvalidArgumentError" });
  assert.throws(() => codex.startThread({ modelReasoningEffort: "extreme" } as never), { name: "InvalidArgumentError", message: /modelReasoningEffort/ });
  assert.throws(() => codex.startThread({ webSearchMode: "sometimes" } as never), { name: "InvalidArgumentError", message: /webSearchMode/ });
  assert.throws(() => codex.startThread({ approvalPolicy: "never", approvalMode: "on-request" }), { name: "InvalidArgumentError", message: /disagree/ });
  assert.equal(harness.server.requests.length, before);
});

test("as upstream: read-only with network access or extra directories is accepted and has no effect; skipGitRepoCheck on Codex", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("ro")]));
  const outside = path.join(harness.workdir, "no-repo-here");
  await mkdir(outside, { recursive: true });
  const codex = harness.codex({ skipGitRepoCheck: true });
  const thread = codex.startThread({ workingDirectory: outside, networkAccessEnabled: true, additionalDirectories: [harness.workdir] });
  assert.equal((await thread.run("hi")).finalResponse, "ro");
  const permissions = harness.server.requests.at(-1)!.body.input[0].content[0].text as string;
  assert.match(permissions, /`read-only`/);
  assert.doesNotMatch(permissions, /Network access is enabled/);
});

test("resume keeps the recorded model, reasoning, sandbox, approval and cwd unless the caller passes others", async () => {
  const project = path.join(harness.workdir, "resume-project");
  await mkdir(project, { recursive: true });
  harness.server.enqueue(mockTurn([assistantMessage("one")]), mockTurn([assistantMessage("two")]), mockTurn([assistantMessage("three")]));
  const first = harness.codex().startThread({
    workingDirectory: project,
    skipGitRepoCheck: true,
    model: "gpt-5.2-codex",
    modelReasoningEffort: "high",
    modelReasoningSummary: "concise",
    sandboxMode: "workspace-write",
    approvalPolicy: "on-request",
  });
  await first.run("first");
  const resumed = harness.codex().resumeThread(first.id!, { skipGitRepoCheck: true });
  await resumed.run("second");
  const body = harness.server.requests.at(-1)!.body;
  assert.equal(body.model, "gpt-5.2-codex");
  assert.deepEqual(body.reasoning, { effort: "high", summary: "concise" });
  const contexts = (await harness.sessionLines(first.id!)).filter((line) => line.type === "turn_context").map((line) => line.payload);
  const last = contexts.at(-1)!;
  assert.equal(last.cwd, project);
  assert.equal(last.approval_policy, "on-request");
  assert.equal(last.sandbox_policy.type, "workspace-write");

  const overridden = harness.codex().resumeThread(first.id!, { skipGitRepoCheck: true, model: "gpt-5.5", sandboxMode: "read-only", approvalMode: "never" });
  await overridden.run("third");
  assert.equal(harness.server.requests.at(-1)!.body.model, "gpt-5.5");
  const latest = (await harness.sessionLines(first.id!)).filter((line) => line.type === "turn_context").at(-1)!.payload;
  assert.equal(latest.sandbox_policy.type, "read-only");
  assert.equal(latest.approval_policy, "never");
  assert.equal(latest.effort, "high", "what the caller did not pass stays as recorded");
});

test("only offered tools run: a call of a tool the model was not given is answered as Codex answers it", async () => {
  const marker = path.join(harness.workdir, "must-not-exist.txt");
  harness.server.enqueue(
    mockTurn([
      functionCall("shell", { command: ["bash", "-lc", `touch ${marker}`] }, { callId: "call_shell" }),
      functionCall("read_file", { file_path: path.join(harness.workdir, "a-file") }, { callId: "call_read" }),
    ]),
    mockTurn([assistantMessage("ok")]),
  );
  await harness.codex().startThread({ ...here(), sandboxMode: "danger-full-access", model: "gpt-5.5" }).run("try");
  const outputs = (harness.server.requests.at(-1)!.body.input as any[]).filter((item) => item.type === "function_call_output");
  assert.deepEqual(
    outputs.map((item) => [item.call_id, item.output]),
    [
      ["call_shell", "unsupported call: shell"],
      ["call_read", "unsupported call: read_file"],
    ],
  );
  await assert.rejects(import("node:fs/promises").then((fs) => fs.access(marker)));
});

test("model_context_window and model_auto_compact_token_limit are accepted; the window is recorded", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("window")]));
  const thread = harness.codex({ config: { model_context_window: 64_000, model_auto_compact_token_limit: 50_000 } }).startThread(here());
  await thread.run("hi");
  const started = (await harness.sessionLines(thread.id!)).find((line) => line.type === "event_msg" && line.payload.type === "task_started")!;
  assert.equal(started.payload.model_context_window, 64_000);
});
