/**
 * Lifecycle through the public API: close() and asyncDispose end exec sessions, idle threads hold
 * no descriptors, and a host script whose model left a command running still ends by itself, or
 * on SIGINT / SIGTERM, without leaving the command behind.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { ThreadClosedError } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { hostProcessesWithArgument, uniqueSleepSeconds } from "../sandbox/command-harness.js";

const repoRoot = path.resolve(import.meta.dirname, "../..");
let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

/** Alive and not a zombie (a killed child may wait for a reaper that a container's init never runs). */
function isRunning(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

// Commands run in their own PID namespace, where `$$` means nothing on the host: each left-running
// command is a `sleep` with a unique argument, found on the host by it; its marker file proves it ran.
const sleepArguments = new Map<string, string>();

/** The turns of a model that starts a long command with exec_command (writing `markerFile`) and ends the turn. */
function enqueueLeftRunningCommand(markerFile: string): void {
  const seconds = uniqueSleepSeconds();
  sleepArguments.set(markerFile, seconds);
  harness.server.enqueue(
    mockTurn([functionCall("exec_command", { cmd: `echo started > ${markerFile}; exec sleep ${seconds}`, yield_time_ms: 300 })]),
    mockTurn([assistantMessage("started it")]),
  );
}

/** Runs a host script (TypeScript, through tsx) that uses the SDK against the mock server. */
function startHostScript(body: string) {
  const script = path.join(harness.workdir, `host-${Math.random().toString(36).slice(2)}.mts`);
  const source = [
    `import { Codex } from ${JSON.stringify(path.join(repoRoot, "src/index.ts"))};`,
    `const codex = new Codex({ baseUrl: ${JSON.stringify(harness.server.url)}, apiKey: "k", env: ${JSON.stringify(harness.env)} });`,
    `const thread = codex.startThread({ workingDirectory: ${JSON.stringify(harness.workdir)}, skipGitRepoCheck: true, sandboxMode: "danger-full-access" });`,
    body,
  ].join("\n");
  return writeFile(script, source).then(() => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    return { child, exited, output: () => ({ stdout, stderr }) };
  });
}

/** The command's host pid, or -1 once no such process exists; throws when the command never ran. */
function readPid(markerFile: string): number {
  assert.equal(readFileSync(markerFile, "utf8").trim(), "started", "the command ran");
  return hostProcessesWithArgument(sleepArguments.get(markerFile)!)[0] ?? -1;
}

test("a script whose last turn left an exec session running exits by itself, and the command dies with it", async () => {
  const pidFile = path.join(harness.workdir, "natural-exit.pid");
  enqueueLeftRunningCommand(pidFile);
  const host = await startHostScript(`const turn = await thread.run("start the server"); console.log(turn.finalResponse);`);
  const timeout = setTimeout(() => host.child.kill("SIGKILL"), 20_000);
  const exit = await host.exited;
  clearTimeout(timeout);
  assert.deepEqual(exit, { code: 0, signal: null }, `host did not exit by itself: ${JSON.stringify(host.output())}`);
  assert.equal(host.output().stdout.trim(), "started it");
  const pid = readPid(pidFile);
  assert.ok(await waitFor(() => !isRunning(pid), 5_000), "the command outlived its host");
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  test(`${signal} of a host with a running exec session ends the host as the signal would and leaves no child`, async () => {
    const pidFile = path.join(harness.workdir, `${signal}.pid`);
    enqueueLeftRunningCommand(pidFile);
    const host = await startHostScript(`await thread.run("start"); console.log("ready"); setInterval(() => {}, 1000);`);
    assert.ok(await waitFor(() => host.output().stdout.includes("ready"), 20_000), JSON.stringify(host.output()));
    const pid = readPid(pidFile);
    assert.ok(isRunning(pid));
    host.child.kill(signal);
    const exit = await host.exited;
    assert.deepEqual(exit, { code: null, signal }, "the host died of the signal, as without the SDK");
    assert.ok(await waitFor(() => !isRunning(pid), 5_000), `the command survived ${signal} of its host`);
  });
}

test("thread.close() ends its exec sessions and later runs throw ThreadClosedError; codex.close() and asyncDispose close threads", async () => {
  const codex = harness.codex();
  const pidFiles = ["close-a.pid", "close-b.pid", "close-c.pid"].map((name) => path.join(harness.workdir, name));
  const threads = pidFiles.map(() => codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "danger-full-access" }));
  for (const [index, thread] of threads.entries()) {
    enqueueLeftRunningCommand(pidFiles[index]!);
    await thread.run("start");
  }
  const pids = pidFiles.map(readPid);
  assert.ok(pids.every(isRunning));

  await threads[0]!.close();
  assert.ok(await waitFor(() => !isRunning(pids[0]!), 5_000), "close() ended the session");
  assert.ok(isRunning(pids[1]!));
  await assert.rejects(threads[0]!.run("again"), ThreadClosedError);
  const { events } = await threads[0]!.runStreamed("again");
  await assert.rejects(events.next(), ThreadClosedError);

  await threads[1]![Symbol.asyncDispose]();
  assert.ok(await waitFor(() => !isRunning(pids[1]!), 5_000), "asyncDispose ended the session");

  await codex.close();
  assert.ok(await waitFor(() => !isRunning(pids[2]!), 5_000), "codex.close() ended the last thread's session");
  await assert.rejects(threads[2]!.run("again"), ThreadClosedError);
});

function openDescriptors(): string[] {
  return readdirSync("/proc/self/fd").flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return []; // the directory listing's own descriptor, already closed
    }
  });
}

test("300 threads that each ran a turn leave the descriptor count flat", async () => {
  const codex = harness.codex();
  const warmup = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  harness.server.enqueue(mockTurn([assistantMessage("warm")]));
  await warmup.run("warm up");
  const counts: number[] = [];
  const threads = [];
  for (let batch = 0; batch < 30; batch += 1) {
    const group = Array.from({ length: 10 }, () => codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true }));
    harness.server.enqueue(...group.map(() => mockTurn([assistantMessage("hi")])));
    await Promise.all(group.map((thread) => thread.run("hello")));
    threads.push(...group);
    if (batch % 10 === 9) counts.push(openDescriptors().length);
  }
  assert.equal(threads.filter((thread) => thread.id !== null).length, 300);
  const sessionFiles = openDescriptors().filter((target) => target.startsWith(harness.codexHome));
  assert.deepEqual(sessionFiles, [], "idle threads hold no session file open");
  // Flat: the last 200 threads add no descriptors (keep-alive sockets to the server are reused).
  assert.ok(counts[2]! - counts[0]! <= 2, `descriptor counts after 100/200/300 threads: ${counts.join("/")}`);
});

test("under ulimit -n 100 a script runs 150 threads one after another", async () => {
  harness.server.enqueue(...Array.from({ length: 150 }, () => mockTurn([assistantMessage("ok")])));
  const script = path.join(harness.workdir, "many-threads.mts");
  await writeFile(
    script,
    [
      `import { Codex } from ${JSON.stringify(path.join(repoRoot, "src/index.ts"))};`,
      `const codex = new Codex({ baseUrl: ${JSON.stringify(harness.server.url)}, apiKey: "k", env: ${JSON.stringify(harness.env)} });`,
      `const threads = [];`,
      `for (let i = 0; i < 150; i++) { const t = codex.startThread({ workingDirectory: ${JSON.stringify(harness.workdir)}, skipGitRepoCheck: true }); await t.run("hi " + i); threads.push(t); }`,
      `console.log("done", threads.length);`,
    ].join("\n"),
  );
  const child = spawn("/bin/sh", ["-c", `ulimit -n 100 && exec "${process.execPath}" --import tsx "${script}"`], { cwd: repoRoot });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  assert.equal(code, 0, output);
  assert.match(output, /done 150/);
  assert.doesNotMatch(output, /EMFILE|Closing file descriptor/);
});
