import assert from "node:assert/strict";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, test } from "node:test";
import { CommandSpawnError, InvalidArgumentError, SandboxUnavailableError } from "../../src/errors.js";
import { createCommandRunner, isSandboxSupported, NativeCommandRunner } from "../../src/exec/sandboxed-command-runner.js";
import { resolveExecHelperPath, sandboxSupport } from "../../src/sandbox/exec-helper.js";
import {
  fullAccess,
  hostProcessesWithArgument,
  makeLayout,
  readOnly,
  runCommand,
  uniqueSleepSeconds,
  waitFor,
  workspaceWrite,
} from "./command-harness.js";

const runner = createCommandRunner();
const layout = makeLayout();
after(() => layout.cleanup());
const sandboxed = { skip: isSandboxSupported() ? false : `sandbox unavailable: ${sandboxSupport().reason}` };

test("full access spawns directly with separate stdout and stderr", async () => {
  const result = await runCommand(runner, ["sh", "-c", "echo out; echo err >&2; exit 3"], { cwd: layout.workspace });
  assert.deepEqual(result, { exitCode: 3, signal: null, stdout: "out\n", stderr: "err\n" });
});

test("stdin is closed unless asked for, and writable with keepStdinOpen", async () => {
  const closed = await runCommand(runner, ["sh", "-c", "cat; echo done"], { cwd: layout.workspace });
  assert.equal(closed.stdout, "done\n");
  const piped = await runCommand(runner, ["sh", "-c", "tr a-z A-Z"], { cwd: layout.workspace, input: "hello\n" });
  assert.equal(piped.stdout, "HELLO\n");

  const running = runner.spawn({ argv: ["true"], cwd: layout.workspace, env: {}, tty: false, sandbox: fullAccess, sandboxCwd: layout.workspace });
  assert.throws(() => running.write("x"), InvalidArgumentError);
  await running.exited;
});

test("a missing program rejects exited with CommandSpawnError", async () => {
  await assert.rejects(runCommand(runner, ["no-such-program-xyz"], { cwd: layout.workspace }), (error: unknown) => {
    assert.ok(error instanceof CommandSpawnError);
    assert.equal(error.code, "ENOENT");
    return true;
  });
});

test("a missing program under the sandbox rejects the same way", sandboxed, async () => {
  await assert.rejects(
    runCommand(runner, ["no-such-program-xyz"], { cwd: layout.workspace, sandbox: readOnly }),
    (error: unknown) => error instanceof CommandSpawnError && error.code === "ENOENT" && /no-such-program-xyz/.test(error.message),
  );
});

test("commands see CODEX_SANDBOX_NETWORK_DISABLED only when the network is restricted", sandboxed, async () => {
  const show = ["sh", "-c", 'echo "[$CODEX_SANDBOX_NETWORK_DISABLED]"'];
  assert.equal((await runCommand(runner, show, { cwd: layout.workspace, sandbox: readOnly })).stdout, "[1]\n");
  assert.equal((await runCommand(runner, show, { cwd: layout.workspace, sandbox: workspaceWrite() })).stdout, "[1]\n");
  const withNetwork = workspaceWrite({ networkAccess: true });
  assert.equal((await runCommand(runner, show, { cwd: layout.workspace, sandbox: withNetwork })).stdout, "[]\n");
  assert.equal((await runCommand(runner, show, { cwd: layout.workspace, sandbox: fullAccess })).stdout, "[]\n");
});

test("kill() signals the whole process group, background children included", async () => {
  for (const sandbox of isSandboxSupported() ? [fullAccess, workspaceWrite()] : [fullAccess]) {
    const seconds = uniqueSleepSeconds();
    const running = runner.spawn({
      argv: ["sh", "-c", `sleep ${seconds} & wait`],
      cwd: layout.workspace,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      tty: false,
      sandbox,
      sandboxCwd: layout.workspace,
    });
    assert.ok(await waitFor(() => hostProcessesWithArgument(seconds).length === 1), "the background sleep did not start");
    running.kill();
    assert.deepEqual(await running.exited, { exitCode: null, signal: "SIGKILL" });
    assert.ok(await waitFor(() => hostProcessesWithArgument(seconds).length === 0), `background sleep survived (${sandbox.mode})`);
  }
});

test("an AbortSignal kills the command; an aborted signal refuses to start", async () => {
  const controller = new AbortController();
  const pending = runCommand(runner, ["sleep", "30"], { cwd: layout.workspace, signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  assert.equal((await pending).signal, "SIGKILL");
  assert.throws(() => runner.spawn({ argv: ["true"], cwd: layout.workspace, env: {}, tty: false, sandbox: fullAccess, sandboxCwd: layout.workspace, signal: controller.signal }));
});

test("output held open by a background child does not block exited forever", async () => {
  const quick = new NativeCommandRunner({ outputDrainTimeoutMs: 200 });
  const running = quick.spawn({
    argv: ["sh", "-c", "(sleep 5; echo late) & echo early"],
    cwd: layout.workspace,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    tty: false,
    sandbox: fullAccess,
    sandboxCwd: layout.workspace,
  });
  let stdout = "";
  running.onOutput((chunk) => {
    stdout += chunk.toString("utf8");
  });
  // Had `exited` waited for the pipe to close, "late" would be in the output.
  assert.deepEqual(await running.exited, { exitCode: 0, signal: null });
  assert.equal(stdout, "early\n");
  running.kill();
});

test("sandboxed modes fail with SandboxUnavailableError when the helper is missing", async () => {
  const missing = new NativeCommandRunner({ helperPath: path.join(layout.base, "missing-helper") });
  for (const sandbox of [readOnly, workspaceWrite()]) {
    assert.throws(
      () => missing.spawn({ argv: ["true"], cwd: layout.workspace, env: {}, tty: false, sandbox, sandboxCwd: layout.workspace }),
      SandboxUnavailableError,
    );
  }
  // Full access without a PTY never needs the helper.
  assert.equal((await runCommand(missing, ["true"], { cwd: layout.workspace })).exitCode, 0);
});

test("sandboxed modes fail when the helper reports a kernel without Landlock", { skip: process.platform !== "linux" }, async () => {
  const fakeHelper = path.join(layout.base, "fake-helper");
  const report = { supported: false, landlock_abi: null, seccomp: true, read_only_mounts: false, reason: "the kernel has no Landlock support" };
  writeFileSync(fakeHelper, `#!/bin/sh\necho '${JSON.stringify(report)}'\nexit 1\n`);
  chmodSync(fakeHelper, 0o755);
  const runnerWithoutLandlock = new NativeCommandRunner({ helperPath: fakeHelper });
  // The probe runs in the background; once it has answered, spawn refuses synchronously.
  assert.equal((await runnerWithoutLandlock.sandboxSupport()).supported, false);
  assert.throws(
    () => runnerWithoutLandlock.spawn({ argv: ["true"], cwd: layout.workspace, env: {}, tty: false, sandbox: readOnly, sandboxCwd: layout.workspace }),
    (error: unknown) => error instanceof SandboxUnavailableError && /no Landlock support/.test(error.message),
  );
});

test("the helper is found next to the addon and CODEX_NATIVE_EXEC_HELPER overrides it", { skip: process.platform !== "linux" }, () => {
  assert.equal(resolveExecHelperPath({ CODEX_NATIVE_EXEC_HELPER: "/opt/helper" }), "/opt/helper");
  const sourceBuild = fileURLToPath(new URL("../../native/codex-native-exec", import.meta.url));
  if (existsSync(sourceBuild)) assert.equal(resolveExecHelperPath({}), sourceBuild);
});
