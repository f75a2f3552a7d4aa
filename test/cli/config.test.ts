import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, afterEach, before, test } from "node:test";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { runCodexNative } from "./cli-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

const configFiles = ["package.json", "codex.config.ts", "codex.config.mjs", "codex.config.cjs", "codex.config.js", "plugin.mjs", "plugin-fn.mjs", "hooks.log"];
afterEach(() => {
  for (const name of configFiles) rmSync(path.join(harness.workdir, name), { force: true });
  rmSync(path.join(harness.codexHome, "config.toml"), { force: true });
});

function write(name: string, text: string): void {
  writeFileSync(path.join(harness.workdir, name), text);
}

async function modelOfRun(args: string[] = []): Promise<string> {
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  const result = await runCodexNative(harness, ["run", "--skip-git-repo-check", ...args, "hi"]);
  assert.equal(result.code, 0, result.stderr);
  return harness.server.requests.at(-1)!.body.model;
}

test("config priority: flags > codex.config.* > package.json codexNative > CODEX_HOME/config.toml", async () => {
  writeFileSync(path.join(harness.codexHome, "config.toml"), 'model = "from-config-toml"\n');
  assert.equal(await modelOfRun(), "from-config-toml");
  write("package.json", JSON.stringify({ name: "x", codexNative: { defaults: { run: { model: "from-package-json" } } } }));
  assert.equal(await modelOfRun(), "from-package-json");
  write("codex.config.mjs", 'export default { defaults: { run: { model: "from-codex-config" } } };\n');
  assert.equal(await modelOfRun(), "from-codex-config");
  assert.equal(await modelOfRun(["-m", "from-flag"]), "from-flag");
});

test("a TypeScript config with types, in the function form, receives {cwd, configPath}", async () => {
  write(
    "codex.config.ts",
    [
      'import type { CodexNativeConfig, CodexNativeConfigContext } from "@codex-native/sdk/cli";',
      "interface Choice { model: string }",
      "const choose = (context: CodexNativeConfigContext): Choice => ({ model: `ts-${context.configPath.endsWith('codex.config.ts') ? 'path-ok' : 'path-bad'}` });",
      "export default (context: CodexNativeConfigContext): CodexNativeConfig => ({",
      "  defaults: { run: { model: choose(context).model, developerInstructions: `cwd=${context.cwd}` } },",
      "});",
    ].join("\n"),
  );
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  const result = await runCodexNative(harness, ["run", "--skip-git-repo-check", "hi"]);
  assert.equal(result.code, 0, result.stderr);
  const body = harness.server.requests.at(-1)!.body;
  assert.equal(body.model, "ts-path-ok");
  assert.ok(JSON.stringify(body.input).includes(`cwd=${harness.workdir}`), "the function got the working directory");
  const leftovers = (await import("node:fs")).readdirSync(harness.workdir).filter((name) => name.startsWith(".codex.config.ts."));
  assert.deepEqual(leftovers, [], "the stripped copy is removed");
});

test("--plugin modules (object and function forms) merge on top of the config, in order", async () => {
  write("codex.config.cjs", 'module.exports = { defaults: { run: { model: "from-config", developerInstructions: "from-config" } } };\n');
  write("plugin.mjs", 'export default { defaults: { run: { model: "from-plugin" } } };\n');
  write("plugin-fn.mjs", 'export default ({ configPath }) => ({ defaults: { run: { developerInstructions: configPath.endsWith("plugin-fn.mjs") ? "from-plugin-fn" : "wrong-path" } } });\n');
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  const result = await runCodexNative(harness, ["run", "--skip-git-repo-check", "--plugin", "./plugin.mjs", "--plugin", "./plugin-fn.mjs", "hi"]);
  assert.equal(result.code, 0, result.stderr);
  const body = harness.server.requests.at(-1)!.body;
  assert.equal(body.model, "from-plugin");
  const input = JSON.stringify(body.input);
  assert.ok(input.includes("from-plugin-fn") && !input.includes("from-config"), "the function plugin's field wins over the config's");
});

test("hooks: beforeStart runs before every turn, onEvent sees every event; a throwing onEvent only warns", async () => {
  const log = path.join(harness.workdir, "hooks.log");
  write(
    "codex.config.mjs",
    [
      'import { appendFileSync } from "node:fs";',
      `const log = ${JSON.stringify(log)};`,
      "export default {",
      "  hooks: {",
      "    beforeStart: ({ command, input, threadId }) => appendFileSync(log, `before ${command} ${input} ${threadId}\\n`),",
      "    onEvent: [(event) => appendFileSync(log, `event ${event.type}\\n`), () => { throw new Error('hook broke'); }],",
      "  },",
      "};",
    ].join("\n"),
  );
  harness.server.enqueue(mockTurn([assistantMessage("first")]), mockTurn([assistantMessage("second")]));
  const first = await runCodexNative(harness, ["run", "--skip-git-repo-check", "one"]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /warning: onEvent hook failed: hook broke/);
  const threadId = /session id: (\S+)/.exec(first.stderr)![1]!;
  const second = await runCodexNative(harness, ["resume", "--skip-git-repo-check", threadId, "two"]);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout, "second\n");
  assert.deepEqual(readFileSync(log, "utf8").trim().split("\n"), [
    "before run one null",
    "event thread.started",
    "event turn.started",
    "event item.completed",
    "event turn.completed",
    `before resume two ${threadId}`,
    "event thread.started",
    "event turn.started",
    "event item.completed",
    "event turn.completed",
  ]);
});

test("the config's approvals callback answers; without it and without a terminal requests are denied with a message", async () => {
  const cmd = "touch approved-by-config.txt";
  const request = () => mockTurn([functionCall("exec_command", { cmd })]);
  write(
    "codex.config.mjs",
    "export default { approvals: (request) => (request.commandText?.includes('approved-by-config') ? 'approved' : 'denied') };\n",
  );
  harness.server.enqueue(request(), mockTurn([assistantMessage("ran it")]));
  const approved = await runCodexNative(harness, ["run", "--skip-git-repo-check", "-a", "untrusted", "-s", "workspace-write", "touch it"]);
  assert.equal(approved.code, 0, approved.stderr);
  assert.match(approved.stderr, /exec touch approved-by-config\.txt ✓ exit 0/);

  rmSync(path.join(harness.workdir, "codex.config.mjs"));
  rmSync(path.join(harness.workdir, "approved-by-config.txt"));
  harness.server.enqueue(request(), mockTurn([assistantMessage("was denied")]));
  const denied = await runCodexNative(harness, ["run", "--skip-git-repo-check", "-a", "untrusted", "-s", "workspace-write", "touch it"]);
  assert.equal(denied.code, 0, denied.stderr);
  assert.match(denied.stderr, /approval needed for command `touch approved-by-config\.txt`: denied \(no terminal to ask/);
  assert.match(denied.stderr, /✗ declined/);
  assert.equal((await import("node:fs")).existsSync(path.join(harness.workdir, "approved-by-config.txt")), false);
});

test("the config's tools are offered to the model and its interceptors wrap built-in tools through callBuiltin", async () => {
  const log = path.join(harness.workdir, "hooks.log");
  write(
    "codex.config.mjs",
    [
      'import { appendFileSync } from "node:fs";',
      "export default {",
      "  tools: [{ name: 'read_me', description: 'Show the project README', parameters: { type: 'object', properties: {} }, handler: async () => ({ output: 'README says hello' }) }],",
      "  interceptors: [{ toolName: 'exec_command', handler: async ({ invocation, callBuiltin }) => {",
      `    appendFileSync(${JSON.stringify(log)}, 'intercepted ' + invocation.arguments + '\\n');`,
      "    const result = await callBuiltin();",
      "    return { ...result, output: 'wrapped: ' + result.output };",
      "  } }],",
      "};",
    ].join("\n"),
  );
  harness.server.enqueue(
    mockTurn([functionCall("read_me", {}, { callId: "call_readme" })]),
    mockTurn([functionCall("exec_command", { cmd: "echo from-builtin" }, { callId: "call_exec" })]),
    mockTurn([assistantMessage("done")]),
  );
  const result = await runCodexNative(harness, ["run", "--skip-git-repo-check", "--json", "use tools"]);
  assert.equal(result.code, 0, result.stderr);
  const requests = harness.server.requests;
  const offered = (requests.at(-3)!.body.tools as any[]).map((tool) => tool.name);
  assert.ok(offered.includes("read_me"), offered.join(","));
  const outputs = JSON.stringify(requests.at(-1)!.body.input);
  assert.match(outputs, /README says hello/);
  assert.match(outputs, /wrapped: [^"]*from-builtin/);
  assert.match(readFileSync(log, "utf8"), /intercepted .*echo from-builtin/);
});

test("a config that fails to load is an error naming the file and the cause (exit 3)", async () => {
  write("codex.config.mjs", "export default { defaults: { run: { model: 'x' } }, tool: [] };\n");
  const unknownField = await runCodexNative(harness, ["run", "--skip-git-repo-check", "hi"]);
  assert.equal(unknownField.code, 3);
  assert.match(unknownField.stderr, /could not load .*codex\.config\.mjs: unknown field "tool"/);
  write("codex.config.mjs", "export default {{ broken\n");
  const syntax = await runCodexNative(harness, ["run", "--skip-git-repo-check", "hi"]);
  assert.equal(syntax.code, 3);
  assert.match(syntax.stderr, /could not load .*codex\.config\.mjs: .*Unexpected token/);
  rmSync(path.join(harness.workdir, "codex.config.mjs"));
  write("codex.config.ts", "export default (): never => { throw new Error('no config for you'); };\n");
  const throwing = await runCodexNative(harness, ["run", "--skip-git-repo-check", "hi"]);
  assert.equal(throwing.code, 3);
  assert.match(throwing.stderr, /could not load .*codex\.config\.ts: no config for you/);
  rmSync(path.join(harness.workdir, "codex.config.ts"));
  const missingPlugin = await runCodexNative(harness, ["run", "--skip-git-repo-check", "--plugin", "./nope.mjs", "hi"]);
  assert.equal(missingPlugin.code, 3);
  assert.match(missingPlugin.stderr, /nope\.mjs: no such file/);
  write("package.json", "{ not json");
  const badManifest = await runCodexNative(harness, ["run", "--skip-git-repo-check", "hi"]);
  assert.equal(badManifest.code, 3);
  assert.match(badManifest.stderr, /could not load .*package\.json/);
});
