import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";
import { createCommandRunner } from "../../src/exec/sandboxed-command-runner.js";
import { resolveExecHelperPath, sandboxSupport } from "../../src/sandbox/exec-helper.js";
import { fullAccess, hostProcessesWithArgument, makeLayout, runCommand, uniqueSleepSeconds, waitFor, workspaceWrite } from "./command-harness.js";

const runner = createCommandRunner();
const layout = makeLayout();
after(() => layout.cleanup());
const helperMissing = process.platform !== "linux" || resolveExecHelperPath() === undefined;
const skip = { skip: helperMissing ? "codex-native-exec is not built" : false };
// PTY behaviour must not depend on the sandbox, so every case runs unconfined and confined.
const policies: SandboxPolicy[] = sandboxSupport().supported ? [fullAccess, workspaceWrite()] : [fullAccess];

test("stdin, stdout and stderr are a terminal under tty", skip, async () => {
  for (const sandbox of policies) {
    const result = await runCommand(runner, ["sh", "-c", "test -t 0 && test -t 1 && test -t 2 && tty -s && tty && echo oops >&2"], {
      cwd: layout.workspace,
      sandbox,
      tty: true,
    });
    assert.equal(result.exitCode, 0, `${sandbox.mode}: ${result.stdout}`);
    assert.match(result.stdout, /^\/dev\/pts\/\d+\r\noops\r\n$/, sandbox.mode);
    assert.equal(result.stderr, "");
  }
});

test("input typed into the terminal is echoed and read", skip, async () => {
  for (const sandbox of policies) {
    const running = runner.spawn({
      argv: ["sh", "-c", 'read line; echo "got:$line"'],
      cwd: layout.workspace,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      tty: true,
      sandbox,
      sandboxCwd: layout.workspace,
    });
    let output = "";
    running.onOutput((chunk) => {
      output += chunk.toString("utf8");
    });
    running.write("hello pty\n");
    assert.deepEqual(await running.exited, { exitCode: 0, signal: null });
    assert.equal(output, "hello pty\r\ngot:hello pty\r\n", sandbox.mode);
  }
});

test("closing stdin ends input like Ctrl-D", skip, async () => {
  const running = runner.spawn({ argv: ["cat"], cwd: layout.workspace, env: {}, tty: true, sandbox: fullAccess, sandboxCwd: layout.workspace });
  let output = "";
  running.onOutput((chunk) => {
    output += chunk.toString("utf8");
  });
  running.write("partial");
  running.closeStdin();
  assert.deepEqual(await running.exited, { exitCode: 0, signal: null });
  assert.equal(output, "partialpartial");
});

test("exit codes and terminating signals come through the helper", skip, async () => {
  for (const sandbox of policies) {
    const exited = await runCommand(runner, ["sh", "-c", "exit 7"], { cwd: layout.workspace, sandbox, tty: true });
    assert.equal(exited.exitCode, 7);
    const signalled = await runCommand(runner, ["sh", "-c", "kill -TERM $$"], { cwd: layout.workspace, sandbox, tty: true });
    assert.deepEqual([signalled.exitCode, signalled.signal], [null, "SIGTERM"]);
  }
});

test("kill() takes down the command and its background children", skip, async () => {
  for (const sandbox of policies) {
    const seconds = uniqueSleepSeconds();
    const running = runner.spawn({
      argv: ["sh", "-c", `sleep ${seconds} & wait`],
      cwd: layout.workspace,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      tty: true,
      sandbox,
      sandboxCwd: layout.workspace,
    });
    assert.ok(await waitFor(() => hostProcessesWithArgument(seconds).length === 1), "the background sleep did not start");
    running.kill();
    assert.equal((await running.exited).signal, "SIGKILL");
    assert.ok(await waitFor(() => hostProcessesWithArgument(seconds).length === 0), `${sandbox.mode}: background sleep survived`);
  }
});

test("SIGTERM from kill() reaches the command and is reported", skip, async () => {
  const running = runner.spawn({ argv: ["sleep", "30"], cwd: layout.workspace, env: {}, tty: true, sandbox: fullAccess, sandboxCwd: layout.workspace });
  await new Promise((resolve) => setTimeout(resolve, 100));
  running.kill("SIGTERM");
  assert.deepEqual(await running.exited, { exitCode: null, signal: "SIGTERM" });
});
