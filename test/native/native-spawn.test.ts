/**
 * The addon's process spawn (src/exec/native-child.ts): output and exit codes, signals, a
 * program that cannot start, descriptors and zombies after many concurrent spawns, `unref()`,
 * and — structurally, with strace — that the Node process never forks: its only process-creating
 * clone is posix_spawn's `CLONE_VM | CLONE_VFORK`, while `child_process.spawn` forks.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { CommandSpawnError, InvalidArgumentError } from "../../src/errors.js";
import { type NativeChild, spawnNativeChild } from "../../src/exec/native-child.js";
import { NativeCommandRunner } from "../../src/exec/sandboxed-command-runner.js";
import { fullAccess, runCommand } from "../sandbox/command-harness.js";

const linux = { skip: process.platform === "linux" ? false : "the addon spawns natively on Linux only" };
const scratch = mkdtempSync(path.join(os.tmpdir(), "codex-native-spawn-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };

function start(args: string[], options: { stdin?: "pipe" | "ignore"; extraPipe?: boolean } = {}): NativeChild {
  const child = spawnNativeChild({ program: "/bin/sh", args, cwd: scratch, env, stdin: options.stdin ?? "ignore", extraPipe: options.extraPipe ?? false });
  assert.ok(child, "the addon is built (npm run build:native)");
  return child;
}

type Finished = { exitCode: number | null; signal: string | null; stdout: string; stderr: string; extra: string };

function finish(child: NativeChild): Promise<Finished> {
  const text = { stdout: "", stderr: "", extra: "" };
  child.stdout.on("data", (chunk: Buffer) => (text.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (text.stderr += chunk.toString()));
  child.extra?.on("data", (chunk: Buffer) => (text.extra += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode: number | null, signal: string | null) => resolve({ exitCode, signal, ...text }));
  });
}

function zombieChildren(): string[] {
  return readdirSync("/proc/self/task").flatMap((task) =>
    readFileSync(`/proc/self/task/${task}/children`, "utf8")
      .split(" ")
      .filter(Boolean)
      .filter((pid) => {
        try {
          return /^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
        } catch {
          return false;
        }
      }),
  );
}

test("output on stdout, stderr and descriptor 3, input on stdin, exit code, cwd and exact env", linux, async () => {
  const child = start(["-c", 'read line; echo "out $line $(pwd) ${HOME-unset}"; echo err >&2; echo status >&3; exit 7'], { stdin: "pipe", extraPipe: true });
  child.stdin?.end("hello\n");
  assert.deepEqual(await finish(child), { exitCode: 7, signal: null, stdout: `out hello ${scratch} unset\n`, stderr: "err\n", extra: "status\n" });
  assert.equal(typeof child.pid, "number");
});

test("killGroup signals the child's process group, before or after it started", linux, async () => {
  const child = start(["-c", "sleep 30 & wait"]);
  child.once("spawn", () => child.killGroup("SIGTERM"));
  const result = await finish(child);
  assert.equal(result.signal, "SIGTERM");
  // Sent before the addon reported the pid: delivered once it does.
  const early = start(["-c", "sleep 30"]);
  early.killGroup("SIGKILL");
  assert.equal((await finish(early)).signal, "SIGKILL");
});

test("a program that cannot start is an error with its errno code; NUL bytes are refused up front", linux, async () => {
  const missing = spawnNativeChild({ program: path.join(scratch, "missing"), args: [], cwd: scratch, env, stdin: "ignore", extraPipe: false });
  await assert.rejects(finish(missing!), (error: NodeJS.ErrnoException) => error.code === "ENOENT" && /missing/.test(error.message));
  assert.throws(() => start(["-c", "echo a\0b"]), InvalidArgumentError);

  // Through the runner: a helper that is not executable rejects `exited` with CommandSpawnError.
  const notExecutable = path.join(scratch, "not-executable");
  writeFileSync(notExecutable, "#!/bin/sh\n");
  chmodSync(notExecutable, 0o644);
  const runner = new NativeCommandRunner({ helperPath: notExecutable });
  await assert.rejects(runCommand(runner, ["true"], { cwd: scratch, sandbox: fullAccess }), (error: unknown) => {
    return error instanceof CommandSpawnError && error.code === "EACCES";
  });
});

test("64 concurrent commands through the runner leave no descriptor and no zombie behind", linux, async () => {
  const runner = new NativeCommandRunner();
  const warm = await runCommand(runner, ["true"], { cwd: scratch });
  assert.equal(warm.exitCode, 0);
  const openDescriptors = () => readdirSync("/proc/self/fd").length;
  const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
  // Streams of finished commands close on later ticks: count once the number holds still.
  const settled = async (atMost: number) => {
    let previous = -1;
    for (let tries = 0; tries < 100; tries += 1) {
      const count = openDescriptors();
      if (count === previous && count <= atMost) return count;
      previous = count;
      await tick();
    }
    return openDescriptors();
  };
  const before = await settled(Number.POSITIVE_INFINITY);
  const results = await Promise.all(
    Array.from({ length: 64 }, (_, index) => runCommand(runner, ["sh", "-c", `echo ${index}; exit $((${index} % 3))`], { cwd: scratch, input: "" })),
  );
  results.forEach((result, index) => assert.deepEqual(result, { exitCode: index % 3, signal: null, stdout: `${index}\n`, stderr: "" }));
  const after = await settled(before);
  assert.ok(after <= before, `${before} descriptors before the 64 commands, ${after} after`);
  assert.deepEqual(zombieChildren(), []);
});

test("an unref()ed command does not keep Node alive, and dies with it", linux, () => {
  const marker = `${40_000 + (process.pid % 1000)}.${Date.now() % 1000}`;
  const runnerModule = new URL("../../src/exec/sandboxed-command-runner.ts", import.meta.url).href;
  const script = `
    const { NativeCommandRunner } = await import(${JSON.stringify(runnerModule)});
    const command = new NativeCommandRunner().spawn({ argv: ["sleep", "${marker}"], cwd: ${JSON.stringify(scratch)}, env: ${JSON.stringify(env)}, tty: false, sandbox: { mode: "danger-full-access", networkAccess: true }, sandboxCwd: ${JSON.stringify(scratch)} });
    command.unref();
    command.onOutput(() => {});`;
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  assert.ok(performance.now() - started < 30_000, "node exited long before the 40 000 s sleep");
  const survivors = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" }).split("\n").filter((line) => line.includes(`sleep ${marker}`));
  assert.deepEqual(survivors, []);
});

/**
 * With -f, strace splits a call that another thread interrupts into "… <unfinished ...>" and
 * "<... clone3 resumed> … = pid" lines (a vfork-style clone, which blocks its thread until the
 * child execs, often is): joined back into one line per call.
 */
function joinInterruptedCalls(lines: string[]): string[] {
  const pending = new Map<string, string>();
  const joined: string[] = [];
  for (const line of lines) {
    const unfinished = /^(\d+)\s+(.*?)\s*<unfinished \.\.\.>$/.exec(line);
    if (unfinished) {
      pending.set(unfinished[1] as string, unfinished[2] as string);
      continue;
    }
    const resumed = /^(\d+)\s+<\.\.\. \S+ resumed>\s*(.*)$/.exec(line);
    const start = resumed ? pending.get(resumed[1] as string) : undefined;
    if (resumed && start !== undefined) {
      pending.delete(resumed[1] as string);
      joined.push(`${resumed[1]} ${start}${resumed[2]}`);
      continue;
    }
    joined.push(line);
  }
  return joined;
}

/** Every clone the Node process (its threads) made, from `strace -f` output of `script`. */
function nodeClones(script: string): { flags: string; thread: boolean }[] {
  const log = path.join(scratch, `strace-${Date.now()}.log`);
  const result = spawnSync("strace", ["-f", "-qq", "-e", "trace=clone,clone3,fork,vfork", "-o", log, process.execPath, "--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal(result.status, 0, `${result.error?.message ?? ""} ${result.stderr}`);
  const lines = joinInterruptedCalls(readFileSync(log, "utf8").split("\n"));
  // The first line's pid is Node's main thread; its threads are those created with CLONE_THREAD.
  const nodeTids = new Set([lines[0]?.split(" ")[0]]);
  const clones: { flags: string; thread: boolean }[] = [];
  for (const line of lines) {
    const match = /^(\d+)\s+(clone3?|v?fork)\((.*)\)\s+=\s+(\d+)/.exec(line);
    if (!match || !nodeTids.has(match[1])) continue;
    const [, , call, argumentsText = "", created] = match;
    const flags = call === "fork" ? "fork" : call === "vfork" ? "CLONE_VM|CLONE_VFORK" : argumentsText;
    const thread = flags.includes("CLONE_THREAD");
    if (thread) nodeTids.add(created);
    clones.push({ flags, thread });
  }
  return clones;
}

test("the Node process never forks: its children come from clone(CLONE_VM|CLONE_VFORK) (strace)", linux, (t) => {
  const strace = spawnSync("strace", ["-V"]);
  if (strace.error) {
    assert.ok(process.env.CI !== "true", "strace is missing (.ci/run installs it)");
    t.skip("strace is not installed");
    return;
  }
  const runnerModule = new URL("../../src/exec/sandboxed-command-runner.ts", import.meta.url).href;
  const commands = (spawnWith: string) => `
    const { NativeCommandRunner } = await import(${JSON.stringify(runnerModule)});
    const { spawn } = await import("node:child_process");
    const runner = new NativeCommandRunner();
    await runner.sandboxSupport();
    for (let index = 0; index < 5; index += 1) {
      const exit = ${spawnWith};
      if (exit !== 0) throw new Error("exit " + exit);
    }`;
  const viaRunner = `await runner.spawn({ argv: ["true"], cwd: ${JSON.stringify(scratch)}, env: {}, tty: false, sandbox: { mode: "danger-full-access", networkAccess: true }, sandboxCwd: ${JSON.stringify(scratch)} }).exited.then((e) => e.exitCode)`;
  const viaNode = `await new Promise((resolve) => spawn("true").on("close", resolve))`;

  const processes = (clones: { flags: string; thread: boolean }[]) => clones.filter((clone) => !clone.thread);
  const forks = (clones: { flags: string; thread: boolean }[]) => processes(clones).filter((clone) => !/CLONE_VM/.test(clone.flags) || !/CLONE_VFORK/.test(clone.flags));

  // Control: Node's own spawn forks, so the check below can fail.
  const control = nodeClones(commands(viaNode));
  assert.ok(forks(control).length >= 5, `child_process.spawn forked: ${JSON.stringify(processes(control))}`);
  // The runner, sandbox probe included: 6 processes started, none by a fork.
  const native = nodeClones(commands(viaRunner));
  t.diagnostic(`child_process.spawn: ${JSON.stringify(processes(control).map((clone) => clone.flags))}`);
  t.diagnostic(`runner: ${JSON.stringify(processes(native).map((clone) => clone.flags))}`);
  const vforks = processes(native).filter((clone) => /CLONE_VM/.test(clone.flags) && /CLONE_VFORK/.test(clone.flags));
  assert.ok(vforks.length >= 6, `posix_spawn's clones: ${JSON.stringify(processes(native))}`);
  assert.deepEqual(forks(native), [], "fork-style clones of the Node process");
});
