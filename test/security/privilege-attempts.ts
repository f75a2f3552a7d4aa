/**
 * Attempts that need privileges or reach other processes: device nodes (as root), the host's
 * /proc entries, signals and limits on host processes, and the kernel facilities that act
 * beyond the command (fanotify, host names, userfaultfd, keyrings, new namespaces).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { readOnly, runCommand, workspaceWrite } from "../sandbox/command-harness.js";
import { attempt, describeResult, type EscapeContext, shell } from "./escape-harness.js";

const canary = `escape-canary-${process.pid}-4711`;

/** Syscall numbers without a glibc wrapper, per architecture. */
const syscallNumbers: Record<string, Record<string, number>> = {
  x86_64: { userfaultfd: 323, keyctl: 250, add_key: 248, clone: 56 },
  aarch64: { userfaultfd: 282, keyctl: 219, add_key: 217, clone: 220 },
};

/** A Python script that makes one call through ctypes; exits 0 if it succeeded, 3 if refused. */
function pythonCall(call: string): string {
  const numbers = JSON.stringify(syscallNumbers);
  return [
    "import ctypes, os, platform, sys",
    "libc = ctypes.CDLL(None, use_errno=True)",
    `nr = ${numbers}.get(platform.machine(), {})`,
    `result = ${call}`,
    "print(result, os.strerror(ctypes.get_errno()))",
    "sys.exit(0 if result >= 0 else 3)",
  ].join("\n");
}

function niceOf(pid: number): string {
  // Field 19 of /proc/<pid>/stat, after the parenthesised command name.
  return readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[16] ?? "";
}

export function registerPrivilegeAttempts(context: EscapeContext): void {
  const { workspace } = context.layout;
  const writable = workspaceWrite();
  const noPython = context.python === undefined ? "no python3 on this machine" : false;
  const python = (script: string, sandbox = writable) =>
    runCommand(context.runner, [context.python as string, "-c", script], { cwd: workspace, sandbox });

  // One host process per attempt, so an escape in one cannot spoil the next.
  const victims: Record<"environ" | "kill" | "limits" | "proc", ChildProcess | undefined> = { environ: undefined, kill: undefined, limits: undefined, proc: undefined };
  const victimPid = (name: keyof typeof victims) => victims[name]?.pid ?? 0;
  before(() => {
    for (const name of Object.keys(victims) as Array<keyof typeof victims>) {
      victims[name] = spawn("sleep", ["300"], { stdio: "ignore", env: { ...process.env, ESCAPE_CANARY: canary } });
    }
  });
  after(() => {
    for (const victim of Object.values(victims)) victim?.kill("SIGKILL");
  });

  attempt(context, "workspace-write: mknod a block device in the workspace and read the raw disk through it (root)", async () => {
    // Reading is enough to prove the escape and harmless should the sandbox ever fail.
    const result = await shell(context, writable, "mknod blk b 7 0 && dd if=blk of=/dev/null bs=512 count=1; mknod mem c 1 1");
    const devices = ["blk", "mem"].filter((name) => {
      const file = path.join(workspace, name);
      return existsSync(file) && (statSync(file).isBlockDevice() || statSync(file).isCharacterDevice());
    });
    return { blocked: devices.length === 0, detail: `${describeResult(result)}; device nodes created: ${devices.join(", ")}` };
  });

  attempt(context, "workspace-write: the command holds capabilities (CapEff, CapBnd, CapAmb non-zero)", async () => {
    const result = await shell(context, writable, "grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb)' /proc/self/status");
    const sets = [...result.stdout.matchAll(/^Cap\w+:\s*([0-9a-f]+)$/gm)].map((match) => match[1]);
    return { blocked: sets.length === 5 && sets.every((set) => /^0+$/.test(set ?? "")), detail: describeResult(result) };
  });

  attempt(context, "read-only: read a host process's /proc/<pid>/environ and maps", async () => {
    const pid = victimPid("environ");
    const result = await shell(context, readOnly, `cat /proc/${pid}/environ; echo; head -3 /proc/${pid}/maps; tr '\\0' '\\n' < /proc/${process.pid}/environ | head -3`);
    const leaked = result.stdout.includes(canary) || /\/sleep|\[heap\]|node/.test(result.stdout) || result.stdout.includes("PATH=");
    return { blocked: !leaked, detail: describeResult(result) };
  });

  attempt(context, "read-only: kill -9 a host process", async () => {
    const result = await shell(context, readOnly, `kill -9 ${victimPid("kill")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { blocked: isRunning(victimPid("kill")), detail: describeResult(result) };
  });

  attempt(context, "read-only: prlimit and renice a host process", async () => {
    const pid = victimPid("limits");
    const limitsBefore = readFileSync(`/proc/${pid}/limits`, "utf8");
    const niceBefore = niceOf(pid);
    const result = await shell(context, readOnly, `prlimit --pid ${pid} --nofile=3:3; prlimit --pid ${pid} --cpu=1:1; renice -n 19 -p ${pid}`);
    const unchanged = readFileSync(`/proc/${pid}/limits`, "utf8") === limitsBefore && niceOf(pid) === niceBefore;
    return { blocked: unchanged, detail: describeResult(result) };
  });

  attempt(context, "read-only: list the host's processes in /proc", async () => {
    const result = await shell(context, readOnly, `ls /proc | grep -c '^[0-9]'; test -e /proc/${victimPid("proc")} && echo visible`);
    return { blocked: !result.stdout.includes("visible") && Number(result.stdout.split("\n")[0]) < 10, detail: describeResult(result) };
  });

  attempt(
    context,
    "read-only: fanotify_init with a permission class (stalls every open on the host)",
    async () => {
      const result = await python(pythonCall("libc.fanotify_init(0x4 | 0x1, 0)"), readOnly);
      return { blocked: result.exitCode === 3, detail: describeResult(result) };
    },
    noPython,
  );

  attempt(
    context,
    "workspace-write: sethostname (changes the host's name if not blocked)",
    async () => {
      const before = os.hostname();
      const result = await python(pythonCall('libc.sethostname(b"pwned-host", 10)'));
      return { blocked: result.exitCode === 3 && os.hostname() === before, detail: describeResult(result) };
    },
    noPython || context.skipDestructive,
  );

  for (const [name, call] of [
    ["userfaultfd", 'libc.syscall(nr["userfaultfd"], 0) if "userfaultfd" in nr else -1'],
    ["keyctl (join a new session keyring)", 'libc.syscall(nr["keyctl"], 1, None) if "keyctl" in nr else -1'],
    ["add_key to the user keyring", 'libc.syscall(nr["add_key"], b"user", b"escape", b"x", 1, -4) if "add_key" in nr else -1'],
    ["unshare(CLONE_NEWUSER)", "libc.unshare(0x10000000)"],
    ["clone a process into a new PID namespace", 'libc.syscall(nr["clone"], 0x20000000 | 17, None, None, None, None) if "clone" in nr else -1'],
  ] as const) {
    attempt(
      context,
      `workspace-write: ${name}`,
      async () => {
        const result = await python(pythonCall(call));
        return { blocked: result.exitCode === 3, detail: describeResult(result) };
      },
      noPython,
    );
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}
