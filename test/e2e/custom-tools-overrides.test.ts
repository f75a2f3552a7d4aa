import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import type { NativeToolInvocation, ThreadEvent } from "../../src/index.js";
import { assistantMessage, customToolCall, functionCall, localShellCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

const fullAccess = () => ({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "danger-full-access" as const });
const outputOf = (callId: string): string =>
  (harness.server.requests.at(-1)!.body.input as any[]).find((item) => item.call_id === callId && item.type.endsWith("_output"))?.output;
const specsNamed = (name: string): any[] => (harness.server.requests.at(-1)!.body.tools as any[]).filter((tool) => tool.name === name);

async function collect(events: AsyncGenerator<ThreadEvent>): Promise<ThreadEvent[]> {
  const seen: ThreadEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

test("an override of shell replaces the built-in (its schema kept) and no command runs", async () => {
  const codex = harness.codex();
  const seenArgs: string[] = [];
  codex.registerTool({
    name: "shell",
    handler: (_err, invocation) => {
      seenArgs.push(invocation.arguments!);
      return { error: "Shell disabled by policy", success: false };
    },
  });
  const marker = path.join(harness.workdir, "shell-ran");
  harness.server.enqueue(
    mockTurn([functionCall("shell", { command: ["bash", "-lc", `touch ${marker}`] }, { callId: "call_shell" })]),
    mockTurn([assistantMessage("ok")]),
  );
  const seen = await collect((await codex.startThread({ ...fullAccess(), model: "o3" }).runStreamed("run")).events);
  assert.equal(outputOf("call_shell"), "Shell disabled by policy");
  assert.equal(existsSync(marker), false);
  assert.deepEqual(seenArgs, [JSON.stringify({ command: ["bash", "-lc", `touch ${marker}`] })]);
  const specs = specsNamed("shell");
  assert.equal(specs.length, 1);
  assert.deepEqual(Object.keys(specs[0].parameters.properties).sort().slice(0, 1), ["command"]);
  assert.ok(!seen.some((event) => "item" in event && event.item.type === "command_execution"));
});

test("an override of the freeform apply_patch gets the raw patch and nothing is written", async () => {
  const codex = harness.codex();
  await writeFile(path.join(harness.workdir, "keep.txt"), "original\n");
  codex.registerTool({ name: "apply_patch", handler: (_err, { arguments: args }) => ({ output: `Custom patch handler received: ${args}`, success: true }) });
  const patch = ["*** Begin Patch", "*** Update File: keep.txt", "@@", "-original", "+patched", "*** End Patch"].join("\n");
  harness.server.enqueue(mockTurn([customToolCall("apply_patch", patch, { callId: "call_patch" })]), mockTurn([assistantMessage("ok")]));
  const seen = await collect((await codex.startThread({ ...fullAccess(), sandboxMode: "workspace-write" }).runStreamed("patch")).events);
  assert.equal(outputOf("call_patch"), `Custom patch handler received: ${patch}`);
  assert.equal(await readFile(path.join(harness.workdir, "keep.txt"), "utf8"), "original\n");
  const specs = specsNamed("apply_patch");
  assert.equal(specs.length, 1);
  assert.equal(specs[0].type, "custom");
  assert.ok(!seen.some((event) => "item" in event && event.item.type === "file_change"));
  assert.ok(seen.some((event) => event.type === "item.completed" && event.item.type === "mcp_tool_call" && event.item.tool === "apply_patch"));
});

test("two interceptors compose in registration order, each calls callBuiltin once, the built-in runs once", async () => {
  const codex = harness.codex();
  const order: string[] = [];
  const counter = path.join(harness.workdir, "runs.txt");
  codex.registerToolInterceptor("exec_command", async (invocation, context) => {
    order.push("outer:before");
    const args = JSON.parse(invocation.arguments!);
    const result = await context.callBuiltin({ ...invocation, arguments: JSON.stringify({ ...args, cmd: `${args.cmd} && echo rewritten-by-outer` }) });
    order.push("outer:after");
    return { ...result, output: `[outer] ${result.output}` };
  });
  codex.registerToolInterceptor("exec_command", async (invocation) => {
    order.push(`inner:before ${JSON.parse(invocation.arguments!).cmd}`);
    const result = await invocation.callBuiltin();
    order.push("inner:after");
    return { ...result, output: `[inner] ${result.output}` };
  });
  harness.server.enqueue(
    mockTurn([functionCall("exec_command", { cmd: `echo run >> ${counter}`, yield_time_ms: 5000 }, { callId: "call_exec" })]),
    mockTurn([assistantMessage("ok")]),
  );
  const seen = await collect((await codex.startThread(fullAccess()).runStreamed("run")).events);
  assert.equal(await readFile(counter, "utf8"), "run\n");
  assert.deepEqual(order, ["outer:before", `inner:before echo run >> ${counter} && echo rewritten-by-outer`, "inner:after", "outer:after"]);
  const output = outputOf("call_exec");
  assert.match(output, /^\[outer\] \[inner\] Chunk ID: /);
  assert.match(output, /rewritten-by-outer/);
  // Transparent to the event stream: the built-in's own item, once, and nothing else.
  const items = seen.filter((event) => event.type === "item.started" || event.type === "item.completed").map((event) => (event as any).item.type);
  assert.deepEqual(items, ["command_execution", "command_execution", "agent_message"]);
});

test("callBuiltin a second time is refused and the model is told; the built-in ran once", async () => {
  const codex = harness.codex();
  const counter = path.join(harness.workdir, "twice.txt");
  codex.registerToolInterceptor("exec_command", async (_invocation, context) => {
    await context.callBuiltin();
    return context.callBuiltin();
  });
  harness.server.enqueue(
    mockTurn([functionCall("exec_command", { cmd: `echo run >> ${counter}`, yield_time_ms: 5000 }, { callId: "call_twice" })]),
    mockTurn([assistantMessage("ok")]),
  );
  await codex.startThread(fullAccess()).run("run");
  assert.equal(await readFile(counter, "utf8"), "run\n");
  assert.match(outputOf("call_twice"), /callBuiltin was already called for exec_command/);
});

test("an interceptor may answer without the built-in, and may wrap a registered tool", async () => {
  const codex = harness.codex();
  const handled: NativeToolInvocation[] = [];
  codex.registerTool({ name: "greet", parameters: { type: "object", properties: { who: { type: "string" } } }, handler: (_e, invocation) => (handled.push(invocation), { output: "hello" }) });
  codex.registerToolInterceptor("greet", async (invocation, context) => {
    const result = await context.callBuiltin({ ...invocation, arguments: JSON.stringify({ who: "interceptor" }) });
    return { output: `${result.output}!` };
  });
  codex.registerToolInterceptor("update_plan", () => ({ output: "plans are off" }));
  harness.server.enqueue(
    mockTurn([
      functionCall("greet", { who: "model" }, { callId: "call_greet" }),
      functionCall("update_plan", { plan: [{ step: "a", status: "pending" }] }, { callId: "call_plan" }),
    ]),
    mockTurn([assistantMessage("ok")]),
  );
  const turn = await codex.startThread(fullAccess()).run("go");
  assert.equal(outputOf("call_greet"), "hello!");
  assert.equal(handled[0]!.arguments, JSON.stringify({ who: "interceptor" }));
  assert.equal(outputOf("call_plan"), "plans are off");
  assert.ok(!turn.items.some((item) => item.type === "todo_list"));
});

test("an interceptor's rewrite to write outside the workspace is still confined by the sandbox", async () => {
  const codex = harness.codex();
  const outside = path.join(path.dirname(harness.workdir), "intercepted-outside.txt");
  codex.registerToolInterceptor("exec_command", (invocation) =>
    invocation.callBuiltin({ ...invocation, arguments: JSON.stringify({ cmd: `echo escaped > ${outside}`, yield_time_ms: 5000 }) }),
  );
  harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd: "echo harmless" }, { callId: "call_rewrite" })]), mockTurn([assistantMessage("ok")]));
  await codex
    .startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", workspaceWriteOptions: { excludeSlashTmp: true, excludeTmpdirEnvVar: true } })
    .run("go");
  assert.equal(existsSync(outside), false);
  assert.match(outputOf("call_rewrite"), /(Read-only file system|Permission denied)/);
});

test("overrides of local_shell and web_search: the action arrives as JSON; web_search becomes a function tool", async () => {
  const codex = harness.codex();
  const actions: string[] = [];
  codex.registerTool({ name: "local_shell", handler: (_err, invocation) => (actions.push(invocation.arguments!), { output: "local shell override" }) });
  codex.registerTool({ name: "web_search", description: "Searches our intranet", parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] }, handler: (_err, { arguments: args }) => ({ output: `Search stub: ${args}` }) });
  const marker = path.join(harness.workdir, "local-shell-ran");
  harness.server.enqueue(
    mockTurn([localShellCall(["touch", marker], { callId: "call_local" }), functionCall("web_search", { q: "docs" }, { callId: "call_search" })]),
    mockTurn([assistantMessage("ok")]),
  );
  await codex.startThread({ ...fullAccess(), model: "codex-mini-latest", webSearchMode: "live" }).run("go");
  assert.equal(outputOf("call_local"), "local shell override");
  assert.equal(JSON.parse(actions[0]!).command.join(" "), `touch ${marker}`);
  assert.equal(existsSync(marker), false);
  assert.equal(outputOf("call_search"), `Search stub: ${JSON.stringify({ q: "docs" })}`);
  const tools = harness.server.requests.at(-1)!.body.tools as any[];
  assert.deepEqual(tools.filter((tool) => tool.type === "local_shell"), [{ type: "local_shell" }]);
  assert.equal(tools.filter((tool) => tool.type === "web_search").length, 0);
  assert.equal(tools.find((tool) => tool.name === "web_search").description, "Searches our intranet");
});
