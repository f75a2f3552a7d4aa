/**
 * Shared by the sandbox and security tests: a temporary workspace with an outside directory, the
 * policies under test, and a helper that runs one command to completion through a runner.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CommandExit, CommandRunner, CommandSpec } from "../../src/exec/command-runner.js";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";

export type Layout = {
  /** Parent of everything below; removed by `cleanup`. */
  base: string;
  /** The writable root: contains `.git/config` ("original") and `src/`. */
  workspace: string;
  /** Not writable under any sandboxed policy: contains `target.txt` ("outside"). */
  outside: string;
  cleanup: () => void;
};

export function makeLayout(): Layout {
  const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), "codex-sandbox-")));
  const workspace = path.join(base, "workspace");
  const outside = path.join(base, "outside");
  mkdirSync(path.join(workspace, ".git"), { recursive: true });
  mkdirSync(path.join(workspace, "src"));
  writeFileSync(path.join(workspace, ".git", "config"), "original");
  mkdirSync(outside);
  writeFileSync(path.join(outside, "target.txt"), "outside");
  return { base, workspace, outside, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** workspace-write with only the workspace writable (the temp dirs excluded: `outside` lives there). */
export function workspaceWrite(overrides: Partial<Extract<SandboxPolicy, { mode: "workspace-write" }>> = {}): SandboxPolicy {
  return { mode: "workspace-write", writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: true, excludeSlashTmp: true, ...overrides };
}

export const readOnly: SandboxPolicy = { mode: "read-only", networkAccess: false };
export const fullAccess: SandboxPolicy = { mode: "danger-full-access", networkAccess: true };

export type CommandResult = CommandExit & { stdout: string; stderr: string };

export type RunOptions = Partial<Omit<CommandSpec, "argv">> & {
  /** Written to stdin (then closed) once the command started; implies keepStdinOpen. */
  input?: string;
  /** Kill the command if it runs longer (the test then fails on its output). Default 20 s. */
  timeoutMs?: number;
};

/** Runs `argv` in `cwd` under `sandbox` (cwd is also the sandbox cwd) and collects its output. */
export async function runCommand(runner: CommandRunner, argv: string[], options: RunOptions = {}): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const running = runner.spawn({
    argv,
    cwd,
    env: options.env ?? { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/" },
    tty: options.tty ?? false,
    keepStdinOpen: options.keepStdinOpen ?? options.input !== undefined,
    sandbox: options.sandbox ?? fullAccess,
    sandboxCwd: options.sandboxCwd ?? cwd,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let stdout = "";
  let stderr = "";
  running.onOutput((chunk, stream) => {
    if (stream === "stdout") stdout += chunk.toString("utf8");
    else stderr += chunk.toString("utf8");
  });
  if (options.input !== undefined) {
    running.write(options.input);
    if (!options.tty) running.closeStdin();
  }
  const timer = setTimeout(() => running.kill("SIGKILL"), options.timeoutMs ?? 20_000);
  try {
    const exit = await running.exited;
    return { ...exit, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` every 20 ms until it holds or `timeoutMs` passes. */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

/**
 * A `sleep` duration no other process on the machine uses, so the process can be found on the
 * host by its arguments (its pid inside the command's PID namespace means nothing here).
 */
export function uniqueSleepSeconds(): string {
  return `${300 + Math.floor(Math.random() * 600)}.${process.pid}${Math.floor(Math.random() * 1e6)}`;
}

/** Host pids of live (not zombie) processes whose argv contains `argument`. */
export function hostProcessesWithArgument(argument: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!argv.includes(argument)) continue;
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${entry}/stat`, "utf8"))) continue;
      found.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}
