// File search: our native grep_files / file listing vs ripgrep on a 100k-file tree, plus the
// latency of spawning a process (which every rg call pays on top of its search).
// Usage: npm run bench:file-search   (needs the native addon: `npm run build:native`, and `rg`;
// RG=/path/to/rg picks another ripgrep binary)
import { spawn, spawnSync } from "node:child_process";
import os from "node:os";
import { tsImport } from "tsx/esm/api";
import { COMMON_WORD, FILE_COUNT, RARE_WORD, ensureTree } from "./tree.mjs";

const RUNS = 7;
const SPAWN_RUNS = 200;

const rgBinary = process.env.RG ?? "rg";
const probe = spawnSync(rgBinary, ["--version"], { encoding: "utf8" });
if (probe.error || probe.status !== 0) {
  console.error("ripgrep (rg) is not installed; install it first, e.g. `apt-get install -y ripgrep` or `brew install ripgrep`.");
  process.exit(1);
}
const rgVersion = probe.stdout.split("\n")[0];

const root = ensureTree();
const native = await tsImport("../../src/native/index.ts", import.meta.url);

function median(samples) {
  const sorted = [...samples].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median milliseconds of `run` over RUNS runs after one warm-up; also returns the last result. */
async function measure(run, runs = RUNS) {
  let result = await run();
  const samples = [];
  for (let index = 0; index < runs; index += 1) {
    const start = performance.now();
    result = await run();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), result };
}

function runRg(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(rgBinary, args, { stdio: ["ignore", "pipe", "ignore"] });
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`rg exited with ${code}`));
      else resolve(Buffer.concat(chunks).toString("utf8").split("\n").filter((line) => line !== ""));
    });
  });
}

// Codex's exact invocation; Codex keeps the first `limit` lines of the output.
const rgGrep = (pattern, limit) => async () =>
  (await runRg(["--files-with-matches", "--sortr=modified", "--regexp", pattern, "--no-messages", "--", root])).slice(0, limit);
const ourGrep = (pattern, limit) => () => native.grepFiles({ root, pattern, limit });

function spawnTrue() {
  return new Promise((resolve, reject) => {
    const child = spawn("true", [], { stdio: "ignore" });
    child.on("error", reject);
    child.on("close", resolve);
  });
}

const format = (ms) => `${ms.toFixed(1).padStart(8)} ms`;
const rows = [];
/** "same" when equal, "same set" when only the order differs, else "DIFFERENT". */
function compare(ours, theirs) {
  if (JSON.stringify(ours) === JSON.stringify(theirs)) return "same";
  return JSON.stringify([...ours].sort()) === JSON.stringify([...theirs].sort()) ? "same set" : "DIFFERENT";
}

function report(name, ours, baseline, agreement) {
  const ratio = ours.ms / baseline.ms;
  rows.push({ name, ratio });
  console.log(`${name.padEnd(48)}${format(ours.ms)}${format(baseline.ms)}${`${ratio.toFixed(2)}x`.padStart(9)}   ${agreement}`);
}

console.log(`Node ${process.version}, ${process.platform}-${process.arch}, ${os.cpus().length} CPUs; ${rgVersion}`);
console.log(`Tree: ${FILE_COUNT} files (10% git-ignored, 0.1% binary) at ${root}`);
console.log(`Median of ${RUNS} warm runs. Ratio = ours / rg (lower is better; goal <= 1.5x).\n`);
console.log("Results column: ours vs rg's first `limit` lines. ripgrep < 14 sorts by mtime within each directory only");
console.log("(BurntSushi/ripgrep#2243), so with it a limited grep can legitimately differ; 14+ sorts globally, as we do.\n");
console.log(`${"operation".padEnd(48)}${"ours".padStart(11)}${"rg".padStart(11)}${"ratio".padStart(9)}   results`);

for (const [label, pattern, limit] of [
  ["grep_files rare word (200 files), limit 100", RARE_WORD, 100],
  ["grep_files common word (~45k files), limit 100", COMMON_WORD, 100],
  ["grep_files common word, limit 2000", COMMON_WORD, 2000],
  ["grep_files no match", "no_such_identifier_anywhere", 100],
]) {
  const ours = await measure(ourGrep(pattern, limit));
  const baseline = await measure(rgGrep(pattern, limit));
  report(label, ours, baseline, compare(ours.result, baseline.result));
}

const ourList = await measure(() => native.listFiles({ root }));
const rgList = await measure(() => runRg(["--files", "--", root]));
const listingAgreement = compare(ourList.result, rgList.result) === "DIFFERENT" ? "DIFFERENT" : "same set";
report(`full listing (${ourList.result.length} files) vs rg --files`, ourList, rgList, listingAgreement);

const spawnLatency = await measure(spawnTrue, SPAWN_RUNS);
console.log(`\nspawn latency (node child_process spawn of \`true\`, median of ${SPAWN_RUNS}): ${spawnLatency.ms.toFixed(2)} ms`);
console.log("(every rg call above includes one such spawn; our calls include none)");
const worst = rows.reduce((left, right) => (right.ratio > left.ratio ? right : left));
console.log(`\nworst ratio: ${worst.ratio.toFixed(2)}x (${worst.name}) — ${worst.ratio <= 1.5 ? "within" : "OUTSIDE"} the 1.5x goal`);
