// Item 5 of issue 10: how long each exec_command's spawn blocks the main thread, measured in the
// installed copy that bench/compare set up (run `npm run bench:compare` once first). A preload
// wraps child_process.spawn/spawnSync/execFile and times each synchronous call; the driver runs
// tool turns and prints the median and p90 per call kind.
// Usage: node bench/compare/spawn-cost.mjs [turns]   (inside `unshare --net`, like the bench)
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const setupFile = path.resolve(here, "../.data/compare/setup.json");
const turns = Number(process.argv[2] ?? 40);

if (process.argv[3] === "--measure") {
  const { benchEnv, freshCodexHome } = await import("./codex-home.mjs");
  const { startRoutingMockServer } = await import("./mock-server.mjs");
  const setup = JSON.parse(readFileSync(setupFile, "utf8"));
  const testing = await import(setup.ours.testingEntry);
  const sdk = await import(setup.ours.entry);
  const server = await startRoutingMockServer(testing);
  const dirs = freshCodexHome(server.url, "spawn-cost");
  const thread = new sdk.Codex({ env: benchEnv(dirs) }).startThread({
    workingDirectory: dirs.workdir,
    skipGitRepoCheck: true,
    sandboxMode: "workspace-write",
    approvalPolicy: "never",
  });
  await thread.run("[tool] warm up");
  globalThis.__spawnTimings.length = 0;
  for (let index = 0; index < turns; index += 1) await thread.run("[tool] run true");
  await server.close();
  const byKind = new Map();
  for (const { kind, ms } of globalThis.__spawnTimings) byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  for (const [kind, values] of byKind) {
    values.sort((a, b) => a - b);
    const at = (q) => values[Math.min(values.length - 1, Math.floor(q * values.length))].toFixed(2);
    console.log(`${kind}: ${values.length} calls in ${turns} tool turns; main thread blocked per call: median ${at(0.5)} ms, p90 ${at(0.9)} ms`);
  }
  process.exit(0);
}

const preload = path.join(here, "../.data/compare/spawn-timer.cjs");
writeFileSync(
  preload,
  `const cp = require("node:child_process");
const { syncBuiltinESMExports } = require("node:module");
globalThis.__spawnTimings = [];
for (const kind of ["spawn", "spawnSync", "execFile", "execFileSync"]) {
  const original = cp[kind];
  cp[kind] = function (...args) {
    const started = performance.now();
    try { return original.apply(this, args); } finally { globalThis.__spawnTimings.push({ kind, ms: performance.now() - started }); }
  };
}
syncBuiltinESMExports();
`,
);
const result = spawnSync("unshare", ["--net", "--", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', process.execPath, "--require", preload, fileURLToPath(import.meta.url), String(turns), "--measure"], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
