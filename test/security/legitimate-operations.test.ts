/**
 * The other half of the escape suite: what commands legitimately do must keep working under the
 * same policies (a sandbox that blocks everything would pass the escape suite too).
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { createCommandRunner, isSandboxSupported } from "../../src/exec/sandboxed-command-runner.js";
import { sandboxSupport } from "../../src/sandbox/exec-helper.js";
import { makeLayout, readOnly, runCommand, workspaceWrite } from "../sandbox/command-harness.js";

const runner = createCommandRunner();
const layout = makeLayout();
after(() => layout.cleanup());
const skip = { skip: isSandboxSupported() ? false : `sandbox unavailable: ${sandboxSupport().reason}` };
const python = ["/usr/bin/python3", "/usr/local/bin/python3"].find((candidate) => existsSync(candidate));
const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", OUTSIDE: layout.outside };

test("workspace-write: create, edit, rename and delete inside the workspace", skip, async () => {
  const script = [
    "mkdir -p build/out",
    "echo one > build/out/a.txt",
    "echo two >> build/out/a.txt",
    "mv build/out/a.txt src/b.txt",
    "ln -s b.txt src/link.txt",
    "ln src/b.txt src/hard.txt",
    "chmod +x src/b.txt",
    "touch gone && rm gone",
    "cat src/link.txt",
  ].join(" && ");
  const result = await runCommand(runner, ["sh", "-c", script], { cwd: layout.workspace, sandbox: workspaceWrite(), env });
  assert.deepEqual([result.exitCode, result.stdout, result.stderr], [0, "one\ntwo\n", ""]);
  assert.equal(readFileSync(path.join(layout.workspace, "src", "hard.txt"), "utf8"), "one\ntwo\n");
});

test("both modes: read anywhere, pipes, /dev/null and reading .git", skip, async () => {
  for (const sandbox of [readOnly, workspaceWrite()]) {
    const script = 'cat "$OUTSIDE/target.txt" .git/config /etc/hostname >/dev/null && cat "$OUTSIDE/target.txt" | tr a-z A-Z && echo discarded > /dev/null';
    const result = await runCommand(runner, ["sh", "-c", script], { cwd: layout.workspace, sandbox, env });
    assert.deepEqual([result.exitCode, result.stdout, result.stderr], [0, "OUTSIDE", ""], sandbox.mode);
  }
});

test("both modes: AF_UNIX socket pairs carry data both ways", { skip: skip.skip || (python ? false : "no python3") }, async () => {
  const script = "import socket\na, b = socket.socketpair()\na.send(b'ping')\nb.sendall(b.recv(4)[::-1])\nprint(a.recv(4).decode())";
  for (const sandbox of [readOnly, workspaceWrite()]) {
    const result = await runCommand(runner, [python as string, "-c", script], { cwd: layout.workspace, sandbox, env });
    assert.deepEqual([result.exitCode, result.stdout.trim()], [0, "gnip"], `${sandbox.mode}: ${result.stderr}`);
  }
});

test("both modes: child processes and Node itself run inside the sandbox", skip, async () => {
  const script = 'const { execFileSync } = require("node:child_process"); process.stdout.write(execFileSync("sh", ["-c", "echo nested"]));';
  for (const sandbox of [readOnly, workspaceWrite()]) {
    const result = await runCommand(runner, [process.execPath, "-e", script], { cwd: layout.workspace, sandbox, env });
    assert.deepEqual([result.exitCode, result.stdout], [0, "nested\n"], `${sandbox.mode}: ${result.stderr}`);
  }
});

test("workspace-write: $TMPDIR and extra writable roots are writable unless excluded", skip, async () => {
  const tmpdir = path.join(layout.base, "tmpdir");
  const extra = path.join(layout.base, "extra");
  mkdirSync(tmpdir);
  mkdirSync(extra);
  const commandEnv = { ...env, TMPDIR: tmpdir, EXTRA: extra };
  const script = 'echo t > "$TMPDIR/t.txt" && echo e > "$EXTRA/e.txt"';
  const allowed = workspaceWrite({ excludeTmpdirEnvVar: false, writableRoots: [extra] });
  const result = await runCommand(runner, ["sh", "-c", script], { cwd: layout.workspace, sandbox: allowed, env: commandEnv });
  assert.equal(result.exitCode, 0, result.stderr);
  assert.ok(existsSync(path.join(tmpdir, "t.txt")) && existsSync(path.join(extra, "e.txt")));

  const excluded = await runCommand(runner, ["sh", "-c", 'echo t > "$TMPDIR/excluded.txt"'], {
    cwd: layout.workspace,
    sandbox: workspaceWrite(),
    env: commandEnv,
  });
  assert.notEqual(excluded.exitCode, 0);
  assert.ok(!existsSync(path.join(tmpdir, "excluded.txt")));
});

test("workspace-write with network access: loopback sockets work", skip, async () => {
  const script = 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log("listening"); s.close(); });';
  const result = await runCommand(runner, [process.execPath, "-e", script], {
    cwd: layout.workspace,
    sandbox: workspaceWrite({ networkAccess: true }),
    env,
  });
  assert.deepEqual([result.exitCode, result.stdout], [0, "listening\n"], result.stderr);
});
