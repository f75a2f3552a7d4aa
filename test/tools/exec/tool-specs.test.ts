import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { resolveEngineConfig } from "../../../src/config/engine-config.js";
import { resolveThreadSettings } from "../../../src/config/thread-settings.js";
import {
  createShellTools,
  execCommandToolSpec,
  shellCommandToolSpec,
  shellToolSpec,
  writeStdinToolSpec,
} from "../../../src/tools/builtin/exec/index.js";

// One tool per line, copied from codex-engine-spec §2.4.1 (shell, shell_command, with the raw-string
// approval descriptions substituted) and the 0.169 recording (exec_command, write_stdin).
const fixtureLines = readFileSync(new URL("./fixtures/tool-specs.jsonl", import.meta.url), "utf8").trim().split("\n");
const fixtureByName = new Map(fixtureLines.map((line) => [JSON.parse(line).name as string, line]));

test("each command tool serializes byte for byte like Codex's", () => {
  for (const spec of [execCommandToolSpec(), writeStdinToolSpec(), shellCommandToolSpec(), shellToolSpec()]) {
    assert.equal(JSON.stringify(spec), fixtureByName.get(spec.name as string), `${spec.name} differs from the fixture`);
  }
});

test("the shell approval descriptions keep the raw-string backslashes, trailing spaces and indentation", () => {
  const properties = (shellToolSpec().parameters as { properties: Record<string, { description: string }> }).properties;
  const justification = properties.justification!.description;
  assert.ok(justification.startsWith('Only set if sandbox_permissions is \\"require_escalated\\". \n                    Request'));
  assert.ok(properties.prefix_rule!.description.endsWith('[\\"pytest\\"].'));
});

function settingsFor(model: string) {
  const env = { PATH: "/usr/bin:/bin", HOME: "/nonexistent", SHELL: "/bin/bash" };
  return resolveThreadSettings(resolveEngineConfig({ env, codexHome: "/nonexistent/codex-home" }), {
    model,
    workingDirectory: "/tmp",
  });
}

function advertised(model: string): unknown[] {
  return createShellTools(settingsFor(model))
    .filter((handler) => handler.spec !== null)
    .map((handler) => handler.spec);
}

test("the model family decides which command tool is advertised, in Codex's order", () => {
  assert.deepEqual(advertised("gpt-5.5"), [execCommandToolSpec(), writeStdinToolSpec()]);
  assert.deepEqual(advertised("o3"), [shellToolSpec()]);
  assert.deepEqual(advertised("codex-mini-latest"), [{ type: "local_shell" }]);
});

test("the unadvertised shell handlers stay registered with spec null", () => {
  const handlers = createShellTools(settingsFor("gpt-5.5"));
  assert.deepEqual(
    handlers.map((handler) => [handler.name, handler.spec === null, handler.parallel]),
    [
      ["exec_command", false, true],
      ["write_stdin", false, false],
      ["shell", true, true],
      ["container.exec", true, true],
      ["local_shell", true, true],
      ["shell_command", true, true],
    ],
  );
  const forShellModel = createShellTools(settingsFor("o3")).map((handler) => handler.name);
  assert.deepEqual(forShellModel, ["shell", "container.exec", "local_shell", "shell_command"]);
});

test("a shell_command model family advertises shell_command", () => {
  const settings = settingsFor("o3");
  const shellCommandSettings = { ...settings, model: { ...settings.model, shellType: "shell_command" as const } };
  const specs = createShellTools(shellCommandSettings)
    .filter((handler) => handler.spec !== null)
    .map((handler) => handler.spec);
  assert.deepEqual(specs, [shellCommandToolSpec()]);
});
