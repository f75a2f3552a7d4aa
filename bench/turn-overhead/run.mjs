// bench/turn-overhead: per-turn overhead and time to first event for sequential trivial turns on
// one thread, then peak memory for 8 and 64 concurrent threads, for @codex-native/sdk and for
// @openai/codex-sdk (installed on demand into bench/.baseline/turn-overhead, never a dependency),
// both against the same mock Responses server. Prints ratios. Usage: npm run bench:turn-overhead
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureUpstreamCodex, writeMockProviderConfig } from "../shared/upstream-codex.mjs";
import { samplePeak } from "./process-memory.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const sequentialTurns = Number(process.env.BENCH_TURNS ?? 20);
const skipUpstream = process.argv.includes("--native-only");

if (!existsSync(path.join(root, "dist/index.js"))) execFileSync("npm", ["run", "build:ts"], { cwd: root, stdio: "inherit" });
if (!skipUpstream) ensureUpstreamCodex();

const testing = await import(pathToFileURL(path.join(root, "dist/testing.js")).href);
const server = await testing.startMockResponsesServer();
const turnsNeeded = 4 * (sequentialTurns + 1) + 3 * (8 + 64) * 2 + 50;
for (let index = 0; index < turnsNeeded; index += 1) {
  server.enqueue(testing.mockTurn([testing.assistantMessage("ok")], { usage: testing.usage({ inputTokens: 10, outputTokens: 1 }) }));
}

function freshHome(kind) {
  const home = mkdtempSync(path.join(os.tmpdir(), `bench-${kind}-`));
  const codexHome = path.join(home, "codex-home");
  const workdir = path.join(home, "work");
  mkdirSync(codexHome);
  mkdirSync(workdir);
  writeMockProviderConfig(codexHome, server.url);
  return { codexHome, workdir };
}

async function scenario(implementation, mode, count) {
  const { codexHome, workdir } = freshHome(implementation);
  const child = spawn(process.execPath, [path.join(here, "scenario.mjs"), implementation, mode, String(count), server.url, codexHome, workdir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const sampler = samplePeak(child.pid);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.on("exit", resolve));
  const peak = sampler.stop();
  if (code !== 0) throw new Error(`${implementation} ${mode} exited with ${code}`);
  const parsed = JSON.parse(output.trim().split("\n").at(-1));
  return { ...parsed, peakRss: Math.max(peak.rss, parsed.peakRssSelf), peakPss: peak.pss };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value) => `${value.toFixed(2)} ms`;

// A bare Node process (what the caller's own process costs anyway), subtracted for the "added" ratios.
async function idleNode() {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 500)"], { stdio: "ignore" });
  const sampler = samplePeak(child.pid);
  await new Promise((resolve) => child.on("exit", resolve));
  return sampler.stop();
}
const idle = await idleNode();
console.log(`bare node process: RSS ${mib(idle.rss)}, PSS ${mib(idle.pss)}`);

const implementations = skipUpstream ? ["native"] : ["native", "upstream"];
const report = {};
for (const implementation of implementations) {
  const sequential = await scenario(implementation, "sequential", sequentialTurns);
  const concurrent8 = await scenario(implementation, "concurrent", 8);
  const concurrent64 = await scenario(implementation, "concurrent", 64);
  report[implementation] = {
    perTurn: median(sequential.results.map((result) => result.total)),
    firstEvent: median(sequential.results.map((result) => result.firstEvent)),
    rss8: concurrent8.peakRss,
    rss64: concurrent64.peakRss,
    pss8: concurrent8.peakPss,
    pss64: concurrent64.peakPss,
    turn8: median(concurrent8.results.filter((result) => result.total).map((result) => result.total)),
  };
  const row = report[implementation];
  console.log(
    `${implementation.padEnd(8)} per-turn ${ms(row.perTurn)}, first event ${ms(row.firstEvent)}, ` +
      `8 threads: turn ${ms(row.turn8)} peak RSS ${mib(row.rss8)} PSS ${mib(row.pss8)}, ` +
      `64 threads: peak RSS ${mib(row.rss64)} PSS ${mib(row.pss64)}`,
  );
}
if (report.upstream) {
  const native = report.native;
  const upstream = report.upstream;
  console.log("\nratios (@openai/codex-sdk / @codex-native/sdk; higher is better for us)");
  console.log(`  per-turn time            ${(upstream.perTurn / native.perTurn).toFixed(1)}x   (goal >= 20x)`);
  console.log(`  time to first event      ${(upstream.firstEvent / native.firstEvent).toFixed(1)}x`);
  console.log(`  peak RSS, 8 threads      ${(upstream.rss8 / native.rss8).toFixed(1)}x   (goal >= 10x)`);
  console.log(`  peak PSS, 8 threads      ${(upstream.pss8 / native.pss8).toFixed(1)}x   (PSS does not double-count the shared codex binary)`);
  console.log(
    `  memory added over a bare node process, 8 threads (PSS): ${((upstream.pss8 - idle.pss) / (native.pss8 - idle.pss)).toFixed(1)}x`,
  );
  console.log(`  peak RSS, 64 threads     ${(upstream.rss64 / native.rss64).toFixed(1)}x`);
  console.log(`  peak PSS, 64 threads     ${(upstream.pss64 / native.pss64).toFixed(1)}x`);
}
await server.close();
