/**
 * Attempts through processes and the kernel rather than paths: tracing a process outside the
 * sandbox, io_uring, and reading secrets from the environment. (Background processes that
 * outlive the command: lifecycle-attempts.ts.)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { after, before } from "node:test";
import { applyEnvironmentPolicy } from "../../src/exec/environment-policy.js";
import { runCommand, workspaceWrite } from "../sandbox/command-harness.js";
import { attempt, describeResult, type EscapeContext } from "./escape-harness.js";

const secrets = { MY_API_KEY: "sk-escape-test-4711", GITHUB_TOKEN: "ghp_escapeTest4711", DATABASE_SECRET: "hunter2-escape" };

export function registerProcessAttempts(context: EscapeContext): void {
  const { workspace } = context.layout;
  const writable = workspaceWrite();
  const noPython = context.python === undefined ? "no python3 on this machine" : false;

  let victim: ChildProcess | undefined;
  before(() => {
    victim = spawn("sleep", ["60"], { stdio: "ignore" });
  });
  after(() => {
    victim?.kill("SIGKILL");
  });

  attempt(
    context,
    "workspace-write: ptrace-attach to a process outside the sandbox",
    async () => {
      const script = [
        "import ctypes, os, sys",
        "libc = ctypes.CDLL(None, use_errno=True)",
        `result = libc.ptrace(16, ${victim?.pid ?? 0}, None, None)`,
        "print(result, os.strerror(ctypes.get_errno()))",
        "sys.exit(0 if result == 0 else 3)",
      ].join("\n");
      const result = await runCommand(context.runner, [context.python as string, "-c", script], { cwd: workspace, sandbox: writable });
      return { blocked: result.exitCode === 3, detail: describeResult(result) };
    },
    noPython,
  );

  attempt(
    context,
    "workspace-write: io_uring_setup (its socket operations would bypass seccomp)",
    async () => {
      const script = [
        "import ctypes, os, sys",
        "libc = ctypes.CDLL(None, use_errno=True)",
        "params = ctypes.create_string_buffer(120)",
        "fd = libc.syscall(425, 4, params)",
        "print(fd, os.strerror(ctypes.get_errno()))",
        "sys.exit(0 if fd >= 0 else 3)",
      ].join("\n");
      const result = await runCommand(context.runner, [context.python as string, "-c", script], { cwd: workspace, sandbox: writable });
      return { blocked: result.exitCode === 3, detail: describeResult(result) };
    },
    noPython,
  );

  attempt(context, "environment policy: read API keys and tokens from the environment", async () => {
    const env = applyEnvironmentPolicy({ ...process.env, ...secrets });
    const result = await runCommand(context.runner, ["sh", "-c", 'echo "$MY_API_KEY|$GITHUB_TOKEN|$DATABASE_SECRET"; env'], {
      cwd: workspace,
      sandbox: writable,
      env,
    });
    const leaked = Object.values(secrets).filter((secret) => result.stdout.includes(secret));
    return { blocked: leaked.length === 0 && result.exitCode === 0, detail: `leaked ${leaked.length} secret(s), exit ${result.exitCode}` };
  });
}
