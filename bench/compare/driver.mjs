// The measuring half of bench/compare, run by run.mjs inside a network namespace with only
// loopback. Both SDKs are installed copies (from tarballs); every figure is taken in blocks
// alternating A B B A after a warm-up, and printed with upstream's figure, the ratio and the goal.
// Usage: node driver.mjs <setup.json>
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { treeMemory, samplePeak } from "../turn-overhead/process-memory.mjs";
import { benchEnv, freshCodexHome } from "./codex-home.mjs";
import { startRoutingMockServer } from "./mock-server.mjs";
import { printReport } from "./report.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const setup = JSON.parse(readFileSync(process.argv[2], "utf8"));
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const turnsPerBlock = Number(process.env.BENCH_TURNS ?? 10);
const abba = ["ours", "upstream", "upstream", "ours"];

const testing = await import(pathToFileURL(setup.ours.testingEntry).href);
const server = await startRoutingMockServer(testing);
const sdks = {
  ours: await import(pathToFileURL(setup.ours.entry).href),
  upstream: await import(pathToFileURL(setup.upstream.entry).href),
};
const threadOptions = (workdir) => ({ workingDirectory: workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", approvalPolicy: "never" });
const prompts = { plain: "hello", tool: "[tool] run true" };

/** 1-minute load averages seen while each figure was taken: the machine may be shared. */
const loadAverages = {};

/**
 * Runs `block(name)` for a warm-up per side, then `rounds` × A B B A; values pooled per side.
 * Records the range of the load average over the blocks under `key` (printed with the figure).
 */
async function alternate(label, block, key) {
  const loads = [os.loadavg()[0]];
  process.stderr.write(`${label}: warm-up`);
  for (const name of ["ours", "upstream"]) await block(name);
  const pooled = { ours: [], upstream: [] };
  for (let round = 0; round < rounds; round += 1) {
    process.stderr.write(` ${round + 1}/${rounds}`);
    for (const name of abba) pooled[name].push(...[await block(name)].flat());
    loads.push(os.loadavg()[0]);
  }
  loadAverages[key] = [Math.min(...loads), Math.max(...loads)];
  process.stderr.write("\n");
  return pooled;
}

/** Sequential turns on one fresh thread, in this process: total time and first item.completed. */
async function latencyBlock(name, scenario) {
  const dirs = freshCodexHome(server.url, name);
  const thread = new sdks[name].Codex({ env: benchEnv(dirs) }).startThread(threadOptions(dirs.workdir));
  const results = [];
  for (let index = 0; index < turnsPerBlock; index += 1) {
    const started = performance.now();
    let firstCompleted;
    const { events } = await thread.runStreamed(prompts[scenario]);
    for await (const event of events) {
      if (event.type === "item.completed") firstCompleted ??= performance.now() - started;
      if (event.type === "turn.failed" || event.type === "error") throw new Error(`${name} ${scenario}: ${JSON.stringify(event)}`);
    }
    results.push({ total: performance.now() - started, firstCompleted });
  }
  return results;
}

/**
 * Spawns child.mjs; resolves with its first JSON line, the time from spawn to that line, the
 * child, and `nextLine()` for the lines it prints later.
 */
function runChild(name, mode, args, { onSpawn } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, ["--expose-gc", path.join(here, "child.mjs"), mode, setup[name].entry, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const sampler = onSpawn?.(child);
  const lines = [];
  const waiters = [];
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
    let newline;
    while ((newline = output.indexOf("\n")) >= 0) {
      const text = output.slice(0, newline).trim();
      output = output.slice(newline + 1);
      if (!text) continue;
      const waiter = waiters.shift();
      if (waiter) waiter.resolve(JSON.parse(text));
      else lines.push(JSON.parse(text));
    }
  });
  child.on("exit", (code) => {
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`${name} ${mode} exited with ${code}`));
  });
  const nextLine = () =>
    lines.length > 0
      ? Promise.resolve(lines.shift())
      : child.exitCode !== null
        ? Promise.reject(new Error(`${name} ${mode} exited with ${child.exitCode}`))
        : new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  return nextLine().then((line) => ({ line, elapsed: performance.now() - started, child, sampler, nextLine }));
}

const waitExit = (child) => (child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.on("exit", resolve)));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Median of 5 PSS samples of the child's process tree, 100 ms apart. */
async function samplePss(child) {
  const samples = [];
  for (let index = 0; index < 5; index += 1) {
    samples.push(treeMemory(child.pid).pss);
    await sleep(100);
  }
  return samples.sort((a, b) => a - b)[2];
}

/**
 * PSS of a child idling with `count` threads, sampled twice: 1 s after its turns ended (and a full
 * GC), and once it has been idle for BENCH_SETTLE_MS (default 6 s) and collected again; plus its
 * V8 heap in use after the first GC.
 */
async function idleMemory(name, count) {
  const dirs = freshCodexHome(server.url, name);
  const { child, line, nextLine } = await runChild(name, "idle", [String(count), dirs.codexHome, dirs.home, dirs.workdir]);
  await sleep(1000);
  const fresh = await samplePss(child);
  await nextLine();
  await sleep(500);
  const settled = await samplePss(child);
  child.kill("SIGKILL");
  await waitExit(child);
  return { pss: settled, freshPss: fresh, heapUsed: line.heapUsed };
}

async function load(name, count) {
  const dirs = freshCodexHome(server.url, name);
  const { line, child, sampler } = await runChild(name, "load", [String(count), "2", "tool", dirs.codexHome, dirs.home, dirs.workdir], {
    onSpawn: (spawned) => samplePeak(spawned.pid, 20),
  });
  await waitExit(child);
  return { turnsPerSecond: line.turnsPerSecond, peakPss: sampler.stop().pss };
}

const figures = {};
for (const scenario of ["plain", "tool"]) {
  const pooled = await alternate(`${scenario} turn latency`, (name) => latencyBlock(name, scenario), scenario);
  figures[`${scenario}.total`] = { ours: pooled.ours.map((r) => r.total), upstream: pooled.upstream.map((r) => r.total) };
  figures[`${scenario}.firstCompleted`] = { ours: pooled.ours.map((r) => r.firstCompleted), upstream: pooled.upstream.map((r) => r.firstCompleted) };
}
for (const count of [8, 32]) {
  const pooled = await alternate(`${count} concurrent threads (tool turns)`, (name) => load(name, count), `load${count}`);
  figures[`load${count}.turnsPerSecond`] = { ours: pooled.ours.map((r) => r.turnsPerSecond), upstream: pooled.upstream.map((r) => r.turnsPerSecond) };
  figures[`load${count}.peakPss`] = { ours: pooled.ours.map((r) => r.peakPss), upstream: pooled.upstream.map((r) => r.peakPss) };
}
for (const count of [1, 8, 64]) {
  const pooled = await alternate(`PSS idle, ${count} thread(s)`, (name) => idleMemory(name, count), `idle${count}`);
  figures[`idle${count}`] = { ours: pooled.ours.map((r) => r.pss), upstream: pooled.upstream.map((r) => r.pss) };
  figures[`idle${count}.heapUsed`] = { ours: pooled.ours.map((r) => r.heapUsed), upstream: pooled.upstream.map((r) => r.heapUsed) };
  figures[`idle${count}.fresh`] = { ours: pooled.ours.map((r) => r.freshPss), upstream: pooled.upstream.map((r) => r.freshPss) };
}
const imports = await alternate("cold import", async (name) => (await runChild(name, "import", [])).line, "coldImport");
figures.coldImport = { ours: imports.ours.map((line) => line.importMs), upstream: imports.upstream.map((line) => line.importMs) };
// CPU time of the import: less sensitive than wall time to other work on a shared machine.
figures.coldImportCpu = { ours: imports.ours.map((line) => line.importCpuMs), upstream: imports.upstream.map((line) => line.importCpuMs) };
figures.firstTurn = await alternate("process start → first turn", async (name) => {
  const dirs = freshCodexHome(server.url, name);
  const { elapsed, child } = await runChild(name, "first-turn", [dirs.codexHome, dirs.home, dirs.workdir]);
  await waitExit(child);
  return elapsed;
}, "firstTurn");
await server.close();
printReport(figures, setup, loadAverages);
