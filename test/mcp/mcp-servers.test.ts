import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import type { McpServerConfig, ThreadEvent } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { startHttpMcpServer, type TestHttpServer } from "./servers/http-server.js";

const stdioServerScript = path.join(import.meta.dirname, "servers", "stdio-server.mjs");
const stdioServer = (extra: Partial<McpServerConfig> = {}): McpServerConfig => ({ command: process.execPath, args: [stdioServerScript, "docs"], ...extra }) as McpServerConfig;

let harness: Harness;
let http: TestHttpServer;
before(async () => {
  harness = await createHarness();
  http = await startHttpMcpServer({ token: "secret-token" });
});
after(async () => {
  await http.close();
  await harness.close();
});

const threadOptions = () => ({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
const lastBody = () => harness.server.requests.at(-1)!.body;
const outputOf = (callId: string): any => (lastBody().input as any[]).find((item) => item.call_id === callId && item.type === "function_call_output")?.output;
const toolNames = (body: any): string[] => (body.tools as any[]).map((tool) => tool.name ?? tool.type);

async function collect(events: AsyncGenerator<ThreadEvent>): Promise<ThreadEvent[]> {
  const seen: ThreadEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

test("a stdio MCP server's tools are offered under Codex's names and called by the model", async () => {
  const codex = harness.codex({ mcp: { docs: stdioServer({ env: { DEMO_SETTING: "from-config" } }) } });
  harness.server.enqueue(
    mockTurn([
      functionCall("mcp__docs__echo", { text: "hi" }, { callId: "call_echo" }),
      functionCall("mcp__docs__add", { a: 2, b: 3 }, { callId: "call_add" }),
      functionCall("mcp__docs__env", { name: "DEMO_SETTING" }, { callId: "call_env" }),
      functionCall("mcp__docs__fails", {}, { callId: "call_fails" }),
    ]),
    mockTurn([
      functionCall("list_mcp_resources", {}, { callId: "call_list" }),
      functionCall("read_mcp_resource", { server: "docs", uri: "memo://notes" }, { callId: "call_read" }),
    ]),
    mockTurn([assistantMessage("done")]),
  );
  const thread = codex.startThread(threadOptions());
  const seen = await collect((await thread.runStreamed("use the server")).events);
  const echoSpec = (harness.server.requests.at(-3)!.body.tools as any[]).find((tool) => tool.name === "mcp__docs__echo");
  assert.equal(echoSpec.type, "function");
  assert.equal(echoSpec.description, "Echoes the text back");
  assert.equal(echoSpec.strict, false);
  assert.deepEqual(echoSpec.parameters.properties, { text: { type: "string" } });
  assert.ok(toolNames(harness.server.requests.at(-3)!.body).includes("read_mcp_resource"));

  const requestAfterCalls = harness.server.requests.at(-2)!.body.input as any[];
  const out = (callId: string) => requestAfterCalls.find((item) => item.call_id === callId && item.type === "function_call_output")?.output;
  assert.deepEqual(JSON.parse(out("call_echo")), [{ type: "text", text: "echo: hi" }]);
  assert.equal(out("call_add"), JSON.stringify({ sum: 5 }));
  assert.deepEqual(JSON.parse(out("call_env")), [{ type: "text", text: "DEMO_SETTING=from-config" }]);
  assert.deepEqual(JSON.parse(out("call_fails")), [{ type: "text", text: "it went wrong" }]);

  const listed = JSON.parse(outputOf("call_list"));
  assert.deepEqual(listed.resources.map((resource: any) => [resource.server, resource.uri, resource.name]), [["docs", "memo://notes", "notes"]]);
  const read = JSON.parse(outputOf("call_read"));
  assert.equal(read.contents[0].text, "remember the milk");

  const items = seen.filter((event) => event.type === "item.completed" && event.item.type === "mcp_tool_call").map((event) => (event as any).item);
  const echo = items.find((item) => item.tool === "echo");
  assert.deepEqual(
    { server: echo.server, tool: echo.tool, arguments: echo.arguments, status: echo.status, result: echo.result },
    { server: "docs", tool: "echo", arguments: { text: "hi" }, status: "completed", result: { content: [{ type: "text", text: "echo: hi" }], structured_content: null } },
  );
  assert.equal(items.find((item) => item.tool === "fails").status, "failed");
  await thread.close();
});

test("a streamable-HTTP server from config.toml, with a bearer token from the environment; inheritMcp: false ignores it", async () => {
  await writeFile(
    path.join(harness.codexHome, "config.toml"),
    `[mcp_servers.remote]\nurl = "${http.url}"\nbearer_token_env_var = "REMOTE_TOKEN"\nenv_http_headers = { "X-Team" = "TEAM_NAME" }\ndisabled_tools = ["crash", "hang"]\n`,
  );
  try {
    const codex = harness.codex({ env: { ...harness.env, REMOTE_TOKEN: "secret-token", TEAM_NAME: "blue" } });
    harness.server.enqueue(mockTurn([functionCall("mcp__remote__add", { a: 40, b: 2 }, { callId: "call_remote" })]), mockTurn([assistantMessage("ok")]));
    await codex.startThread(threadOptions()).run("add remotely");
    assert.equal(outputOf("call_remote"), JSON.stringify({ sum: 42 }));
    assert.ok(http.calls.includes("add"));
    assert.ok(http.headers.some((headers) => headers["x-team"] === "blue"));
    const offered = toolNames(harness.server.requests.at(-2)!.body);
    assert.ok(offered.includes("mcp__remote__echo"));
    assert.ok(!offered.includes("mcp__remote__crash") && !offered.includes("mcp__remote__hang"));

    harness.server.enqueue(mockTurn([assistantMessage("none")]));
    await codex.startThread({ ...threadOptions(), inheritMcp: false }).run("no servers");
    assert.ok(!toolNames(lastBody()).some((name) => name.startsWith("mcp__") || name === "list_mcp_resources"));
  } finally {
    await writeFile(path.join(harness.codexHome, "config.toml"), "");
  }
});

test("a server that times out or crashes becomes an error for the model; the thread goes on", async () => {
  const codex = harness.codex();
  const thread = codex.startThread({ ...threadOptions(), mcp: { flaky: stdioServer({ toolTimeoutSec: 0.5 }) } });
  harness.server.enqueue(
    mockTurn([functionCall("mcp__flaky__hang", {}, { callId: "call_hang" })]),
    mockTurn([functionCall("mcp__flaky__crash", {}, { callId: "call_crash" })]),
    mockTurn([functionCall("mcp__flaky__echo", { text: "still there?" }, { callId: "call_after" })]),
    mockTurn([assistantMessage("survived")]),
  );
  const turn = await thread.run("break it");
  assert.equal(turn.finalResponse, "survived");
  const inputs = lastBody().input as any[];
  const out = (callId: string) => inputs.find((item) => item.call_id === callId && item.type === "function_call_output")?.output as string;
  assert.match(out("call_hang"), /^err: "tool call error: .*(timed out|Request timed out)/i);
  assert.match(out("call_crash"), /^err: "tool call error: /);
  assert.match(out("call_after"), /^err: "tool call error: /);
  const failed = turn.items.filter((item) => item.type === "mcp_tool_call" && item.status === "failed");
  assert.equal(failed.length, 3);
  await thread.close();
});

test("server::tool registrations override an MCP tool; interceptors wrap it under either name", async () => {
  const codex = harness.codex({ mcp: { docs: stdioServer() } });
  codex.registerTool({ name: "docs::echo", handler: (_err, invocation) => ({ output: `overridden ${invocation.arguments}` }) });
  codex.registerToolInterceptor("docs::add", async (_invocation, context) => {
    const result = await context.callBuiltin();
    return { output: `[intercepted] ${result.output}` };
  });
  harness.server.enqueue(
    mockTurn([functionCall("mcp__docs__echo", { text: "x" }, { callId: "call_override" }), functionCall("mcp__docs__add", { a: 1, b: 1 }, { callId: "call_wrapped" })]),
    mockTurn([assistantMessage("ok")]),
  );
  const thread = codex.startThread(threadOptions());
  await thread.run("go");
  assert.equal(outputOf("call_override"), `overridden ${JSON.stringify({ text: "x" })}`);
  assert.equal(outputOf("call_wrapped"), `[intercepted] ${JSON.stringify({ sum: 2 })}`);
  const echoSpecs = (harness.server.requests.at(-2)!.body.tools as any[]).filter((tool) => tool.name === "mcp__docs__echo");
  assert.equal(echoSpecs.length, 1);
  assert.equal(echoSpecs[0].description, "Echoes the text back");
  await thread.close();
});

test("invalid MCP options are rejected at construction", () => {
  assert.throws(() => harness.codex({ mcp: { "bad name": { command: "x" } } }), { name: "InvalidArgumentError" });
  assert.throws(() => harness.codex({ mcp: { ok: { url: "not a url" } } }), { name: "InvalidArgumentError" });
  assert.throws(() => harness.codex({ mcp: { ok: { command: "x", bogus: 1 } as never } }), { name: "InvalidArgumentError" });
});
