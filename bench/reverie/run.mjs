// Reverie search benchmark: 2,000 generated sessions (~500 MB). For each query, the native
// ranked search (reverieSearchConversations through the SDK) vs `rg -c -i -F` with the same words
// over the same files, alternated ABBA in the same run, then the plain JS scan, then listing
// latency. Page cache is warmed first, so this measures CPU, not the disk.
// Usage: npm run bench:reverie   (needs `npm run build:native` and ripgrep, e.g. `apt-get install ripgrep`;
// RG=/path/to/rg picks another binary). Re-runs itself under `unshare -n` when it can, so no
// network activity can interfere.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { tsImport } from "tsx/esm/api";
import { jsScan } from "./js-scan.mjs";
import { QUERIES, SESSION_COUNT, ensureSessions } from "./sessions.mjs";

if (!process.env.REVERIE_BENCH_UNSHARED && process.platform === "linux") {
  const again = spawnSync("unshare", ["-n", process.execPath, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, REVERIE_BENCH_UNSHARED: "1" },
  });
  if (!again.error && again.status !== null && again.signal === null && again.status !== 126) process.exit(again.status);
  console.log("(unshare -n unavailable; running with the network namespace as is)");
}

const ROUNDS = 5; // ABBA rounds: 10 samples per side and query
const rgBinary = process.env.RG ?? "rg";
const probe = spawnSync(rgBinary, ["--version"], { encoding: "utf8" });
if (probe.error || probe.status !== 0) {
  console.error("ripgrep (rg) is not installed; install it for the benchmark, e.g. `apt-get install -y ripgrep`.");
  process.exit(1);
}
const codexHome = ensureSessions();
const sdk = await tsImport("../../src/index.ts", import.meta.url);
const sessionsRoot = `${codexHome}/sessions`;

const quantile = (samples, q) => {
  const sorted = [...samples].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const stats = (samples) => ({ median: quantile(samples, 0.5), p90: quantile(samples, 0.9) });
const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;

function rgCount(words) {
  return new Promise((resolve, reject) => {
    const args = ["-c", "-i", "-F", ...words.flatMap((word) => ["-e", word]), sessionsRoot];
    const child = spawn(rgBinary, args, { stdio: ["ignore", "pipe", "ignore"] });
    let lines = 0;
    child.stdout.on("data", (chunk) => {
      for (const byte of chunk) if (byte === 10) lines += 1;
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 || code === 1 ? resolve(lines) : reject(new Error(`rg exited with ${code}`))));
  });
}

async function time(run) {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

function pssKiB() {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync("/proc/self/smaps_rollup", "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const totalBytes = Number(spawnSync("du", ["-sb", sessionsRoot], { encoding: "utf8" }).stdout.split("\t")[0]);
console.log(`Node ${process.version}, ${process.platform}-${process.arch}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}; ${probe.stdout.split("\n")[0]}`);
console.log(`${SESSION_COUNT} sessions, ${(totalBytes / 1e6).toFixed(0)} MB at ${codexHome}`);
console.log(`ABBA alternation, ${ROUNDS * 2} samples per side; ours = reverieSearchConversations(home, query, 10), rg = rg -c -i -F -e word… (one line per matching file).\n`);

// Warm the page cache and both code paths.
await rgCount(["warmup"]);
await sdk.reverieSearchConversations(codexHome, "warmup", 10);
const pssBefore = pssKiB();

console.log(`${"query".padEnd(30)}${"ours med".padStart(10)}${"p90".padStart(10)}${"rg med".padStart(10)}${"p90".padStart(10)}${"ratio".padStart(8)}   files rg / results ours`);
const ratios = [];
for (const [label, query] of Object.entries(QUERIES)) {
  const words = query.split(" ");
  const ours = [];
  const rg = [];
  let rgFiles = 0;
  let ourResults = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? ["ours", "rg", "rg", "ours"] : ["rg", "ours", "ours", "rg"];
    for (const side of order) {
      if (side === "ours") {
        const sample = await time(() => sdk.reverieSearchConversations(codexHome, query, 10));
        ours.push(sample.ms);
        ourResults = sample.result;
      } else {
        const sample = await time(() => rgCount(words));
        rg.push(sample.ms);
        rgFiles = sample.result;
      }
    }
  }
  const a = stats(ours);
  const b = stats(rg);
  const ratio = a.median / b.median;
  ratios.push(ratio);
  console.log(`${`${label}: "${query}"`.padEnd(30)}${fmt(a.median)}${fmt(a.p90)}${fmt(b.median)}${fmt(b.p90)}${`${ratio.toFixed(2)}x`.padStart(8)}   ${rgFiles} / ${ourResults.length}`);
}
const pssAfter = pssKiB();
console.log(`\nworst ratio ours/rg: ${Math.max(...ratios).toFixed(2)}x (goal <= 1.5x)`);
if (pssBefore !== undefined && pssAfter !== undefined) {
  console.log(`process PSS before/after the searches: ${(pssBefore / 1024).toFixed(0)} / ${(pssAfter / 1024).toFixed(0)} MiB (the history is streamed, not loaded)`);
}

console.log("\nPlain JS scan (read whole file, split lines, JSON.parse lines containing a word), 3 samples:");
for (const [label, query] of Object.entries(QUERIES)) {
  const samples = [];
  for (let run = 0; run < 3; run += 1) samples.push((await time(() => jsScan(codexHome, query, 10))).ms);
  const ours = [];
  for (let run = 0; run < 3; run += 1) ours.push((await time(() => sdk.reverieSearchConversations(codexHome, query, 10))).ms);
  const js = stats(samples);
  console.log(`${`${label}: "${query}"`.padEnd(30)} JS ${fmt(js.median)}   ours ${fmt(stats(ours).median)}   JS/ours ${(js.median / stats(ours).median).toFixed(1)}x`);
}

console.log("\nListing latency (reverieListConversations: directory walk + head/tail of each returned file + TOON), 10 samples:");
for (const [limit, offset] of [[10, 0], [50, 0], [50, 1500]]) {
  const samples = [];
  for (let run = 0; run < 10; run += 1) samples.push((await time(() => sdk.reverieListConversations(codexHome, limit, offset))).ms);
  const result = stats(samples);
  console.log(`limit ${String(limit).padStart(3)}, offset ${String(offset).padStart(4)}: median ${fmt(result.median)}, p90 ${fmt(result.p90)}`);
}
