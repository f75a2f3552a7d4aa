// Sandbox overhead: the same commands spawned plainly (node's child_process, no runner; and the
// addon's posix_spawn off the event loop, src/exec/native-child.ts, which the runner uses) and via
// the production NativeCommandRunner through codex-native-exec: danger-full-access (namespaces
// only, for the process lifecycle), read-only (plus capabilities dropped, Landlock, seccomp) and
// workspace-write (plus the writable-root mounts and protected entries). Reports median and p90
// wall time per command, from spawn() until `exited` resolves, and the median time spawn()
// itself blocks the event loop. Run it under `unshare -n` for a quiet network namespace.
// Usage: npm run bench:sandbox [-- runs]   (needs `npm run build:native`; default 200 runs)
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { tsImport } from "tsx/esm/api";

const runs = Number(process.argv[2] ?? 200);
const { createCommandRunner, isSandboxSupported } = await tsImport("../../src/exec/sandboxed-command-runner.ts", import.meta.url);
const { spawnNativeChild } = await tsImport("../../src/exec/native-child.ts", import.meta.url);
if (!isSandboxSupported()) {
  console.error("bench:sandbox: the sandbox is not available here (build the helper with `npm run build:native`).");
  process.exit(1);
}

const workspace = mkdtempSync(path.join(os.tmpdir(), "codex-sandbox-bench-"));
mkdirSync(path.join(workspace, ".git"));
const runner = createCommandRunner();
const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: os.homedir() };
const policies = {
  plain: "plain",
  "plain (addon)": "plain (addon)",
  "danger-full-access": { mode: "danger-full-access", networkAccess: true },
  "read-only": { mode: "read-only", networkAccess: false },
  "workspace-write": { mode: "workspace-write", writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false },
};
const commands = {
  true: ["true"],
  "short sh script": ["sh", "-c", 'for f in a b c; do echo "$f" > /dev/null; done; ls > /dev/null'],
};

/** Spawns plainly, the way the runner did for full access before the helper handled it. */
function spawnPlain(argv) {
  const child = spawn(argv[0], argv.slice(1), { cwd: workspace, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.resume();
  child.stderr.resume();
  return { exited: new Promise((resolve) => child.on("close", (exitCode, signal) => resolve({ exitCode, signal }))) };
}

/** Spawns plainly through the addon: posix_spawn on libuv's pool, no fork on the event loop. */
function spawnPlainNative(argv) {
  const program = argv[0].includes("/") ? argv[0] : `/usr/bin/${argv[0]}`;
  const child = spawnNativeChild({ program, args: argv.slice(1), cwd: workspace, env, stdin: "ignore", extraPipe: false });
  child.stdout.resume();
  child.stderr.resume();
  return { exited: new Promise((resolve, reject) => child.on("close", (exitCode, signal) => resolve({ exitCode, signal })).on("error", reject)) };
}

const blockedMs = {};

async function timeOnce(argv, sandbox, name) {
  const started = process.hrtime.bigint();
  const running =
    sandbox === "plain" ? spawnPlain(argv) : sandbox === "plain (addon)" ? spawnPlainNative(argv) : runner.spawn({ argv, cwd: workspace, env, tty: false, sandbox, sandboxCwd: workspace });
  (blockedMs[name] ??= []).push(Number(process.hrtime.bigint() - started) / 1e6);
  running.onOutput?.(() => {});
  const exit = await running.exited;
  if (exit.exitCode !== 0) throw new Error(`${argv.join(" ")} under ${name} exited ${exit.exitCode ?? exit.signal}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

console.log(`sandbox overhead, ${runs} runs each (${os.cpus().length} cores, ${os.release()})`);
console.log(
  `${"command".padEnd(16)} ${"policy".padEnd(20)} ${"median ms".padStart(10)} ${"p90 ms".padStart(8)} ${"overhead".padStart(10)} ${"vs addon".padStart(10)} ${"spawn() blocks".padStart(15)}`,
);
try {
  for (const [name, argv] of Object.entries(commands)) {
    // Interleave the policies so machine noise hits them alike; warm up first.
    const samples = Object.fromEntries(Object.keys(policies).map((policy) => [policy, []]));
    for (const [policy, sandbox] of Object.entries(policies)) for (let warm = 0; warm < 5; warm += 1) await timeOnce(argv, sandbox, policy);
    for (const policy of Object.keys(policies)) blockedMs[policy] = [];
    const order = Object.entries(policies);
    for (let run = 0; run < runs; run += 1) {
      // ABBA: alternate the order every run so drift hits every policy alike.
      for (const [policy, sandbox] of run % 2 === 0 ? order : [...order].reverse()) samples[policy].push(await timeOnce(argv, sandbox, policy));
    }
    const plainMedian = percentile([...samples.plain].sort((a, b) => a - b), 0.5);
    const addonMedian = percentile([...samples["plain (addon)"]].sort((a, b) => a - b), 0.5);
    for (const [policy, values] of Object.entries(samples)) {
      const sorted = [...values].sort((a, b) => a - b);
      const median = percentile(sorted, 0.5);
      // Over a plain spawn with Node's child_process, and over a plain spawn through the addon.
      const overhead = policy.startsWith("plain") ? "" : `+${(median - plainMedian).toFixed(2)} ms`;
      const overAddon = policy.startsWith("plain") ? "" : `+${(median - addonMedian).toFixed(2)} ms`;
      const blocked = percentile([...blockedMs[policy]].sort((a, b) => a - b), 0.5);
      console.log(
        `${name.padEnd(16)} ${policy.padEnd(20)} ${median.toFixed(2).padStart(10)} ${percentile(sorted, 0.9).toFixed(2).padStart(8)} ${overhead.padStart(10)} ${overAddon.padStart(10)} ${`${blocked.toFixed(2)} ms`.padStart(15)}`,
      );
    }
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
