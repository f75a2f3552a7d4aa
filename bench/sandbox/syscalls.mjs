// Syscalls per sandboxed spawn: runs codex-native-exec (as the runner starts it) under
// `strace -f -c` for each policy and prints the calls made by the helper, the namespace's init
// and the command together, by syscall. A deterministic stand-in for bench/sandbox/run.mjs when
// the machine is too loaded for wall-clock figures: a change to the helper's set-up path shows
// here as fewer (or more) calls, whatever the load.
// Usage: node bench/sandbox/syscalls.mjs [command...]   (default `true`; needs strace)
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { tsImport } from "tsx/esm/api";

const argv = process.argv.length > 2 ? process.argv.slice(2) : ["true"];
const { helperPolicyJson } = await tsImport("../../src/sandbox/helper-policy.ts", import.meta.url);
const { resolveExecHelperPath } = await tsImport("../../src/sandbox/exec-helper.ts", import.meta.url);
const helper = resolveExecHelperPath();
if (!helper) {
  console.error("bench/sandbox/syscalls: build the helper first (npm run build:native)");
  process.exit(1);
}
try {
  execFileSync("strace", ["-V"], { stdio: "ignore" });
} catch {
  console.error("bench/sandbox/syscalls: needs strace (apt-get install strace)");
  process.exit(1);
}

const workspace = mkdtempSync(path.join(os.tmpdir(), "codex-sandbox-syscalls-"));
mkdirSync(path.join(workspace, ".git"));
const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: os.homedir(), TMPDIR: os.tmpdir() };
const policies = {
  "danger-full-access": { mode: "danger-full-access", networkAccess: true },
  "read-only": { mode: "read-only", networkAccess: false },
  "workspace-write": { mode: "workspace-write", writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false },
};

/** `strace -c` summary rows: syscall -> calls. */
function countSyscalls(policyJson) {
  const summary = path.join(workspace, "strace.txt");
  const result = spawnSync("strace", ["-f", "-c", "-o", summary, helper, "--policy", policyJson, "--", ...argv], { cwd: workspace, env, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`the helper exited with ${result.status ?? result.signal} (strace needs ptrace inside containers)`);
  const counts = {};
  for (const line of readFileSync(summary, "utf8").split("\n")) {
    const cells = line.trim().split(/\s+/);
    // "% time  seconds  usecs/call  calls  [errors]  syscall"
    if (cells.length >= 5 && /^\d/.test(cells[0]) && cells.at(-1) !== "total") counts[cells.at(-1)] = Number(cells[3]);
  }
  return counts;
}

console.log(`syscalls per spawn of \`${argv.join(" ")}\` through codex-native-exec (helper + init + command)`);
try {
  for (const [name, policy] of Object.entries(policies)) {
    const counts = countSyscalls(helperPolicyJson(policy, workspace, env));
    const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
    const top = Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([syscall, calls]) => `${syscall} ${calls}`)
      .join(", ");
    console.log(`${name.padEnd(20)} ${String(total).padStart(5)} calls   ${top}`);
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
