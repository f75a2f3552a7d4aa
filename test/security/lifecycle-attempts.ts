/**
 * Nothing a command starts may outlive its owner: `setsid` processes left behind by a command
 * must die when the command ends, when its runner is told to kill everything (thread close),
 * when the host process exits, and when the host is SIGKILLed. Processes are found on the host
 * by a unique `sleep` duration, so the checks do not depend on pids inside the namespace.
 */
import { spawn } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NativeCommandRunner } from "../../src/exec/sandboxed-command-runner.js";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";
import { fullAccess, hostProcessesWithArgument, uniqueSleepSeconds, waitFor, workspaceWrite } from "../sandbox/command-harness.js";
import { attempt, describeResult, type EscapeContext, shell } from "./escape-harness.js";

const hostScript = fileURLToPath(new URL("./lifecycle-host.ts", import.meta.url));
const repositoryRoot = path.resolve(path.dirname(hostScript), "..", "..");

/** Starts a host process (see lifecycle-host.ts) and waits for its `ready` line. */
async function startHost(ending: "wait" | "exit", sandboxMode: SandboxPolicy["mode"], seconds: string) {
  const host = spawn(process.execPath, ["--import", "tsx", hostScript, ending, sandboxMode, seconds], {
    cwd: repositoryRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  host.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  host.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => host.on("exit", () => resolve()));
  const ready = await waitFor(() => /^ready /m.test(output), 30_000);
  const codexHome = /^ready (\S+)/m.exec(output)?.[1];
  const cleanup = () => {
    if (codexHome) rmSync(path.dirname(codexHome), { recursive: true, force: true });
  };
  return { host, ready, exited, output: () => output, cleanup };
}

export function registerLifecycleAttempts(context: EscapeContext): void {
  const { workspace } = context.layout;

  for (const [name, sandbox] of [
    ["workspace-write", workspaceWrite()],
    ["danger-full-access", fullAccess],
  ] as const) {
    attempt(context, `${name}: setsid loop keeps running after the command exited`, async () => {
      const heartbeat = path.join(workspace, `heartbeat-${name}`);
      const script = `setsid sh -c 'while :; do echo x >> "${heartbeat}"; sleep 0.05; done' </dev/null >/dev/null 2>&1 & sleep 0.3; exit 0`;
      const result = await shell(context, sandbox, script);
      const size = () => (existsSync(heartbeat) ? statSync(heartbeat).size : 0);
      const started = size() > 0;
      const afterExit = size();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { blocked: started && size() === afterExit, detail: `${describeResult(result)}; loop started: ${started}, grew after exit: ${size() - afterExit}` };
    });

    attempt(context, `${name}: setsid processes survive the runner's killAll() (thread close)`, async () => {
      const seconds = uniqueSleepSeconds();
      const runner = new NativeCommandRunner();
      const running = runner.spawn({
        argv: ["sh", "-c", `setsid sleep ${seconds} & (setsid sleep ${seconds} &); exec sleep ${seconds}`],
        cwd: workspace,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
        tty: false,
        sandbox,
        sandboxCwd: workspace,
      });
      const started = await waitFor(() => hostProcessesWithArgument(seconds).length === 3, 5_000);
      await runner.killAll();
      const gone = await waitFor(() => hostProcessesWithArgument(seconds).length === 0, 5_000);
      const exit = await running.exited;
      return { blocked: started && gone, detail: `started: ${started}; exit ${exit.exitCode ?? exit.signal}; survivors: ${hostProcessesWithArgument(seconds).length}` };
    });

    attempt(context, `${name}: setsid processes of an exec session survive SIGKILL of the host process`, async () => {
      const seconds = uniqueSleepSeconds();
      const host = await startHost("wait", sandbox.mode, seconds);
      try {
        const commands = () => hostProcessesWithArgument(seconds).filter((pid) => pid !== host.host.pid);
        const started = host.ready && (await waitFor(() => commands().length === 3, 5_000));
        host.host.kill("SIGKILL");
        await host.exited;
        const gone = await waitFor(() => commands().length === 0, 5_000);
        return { blocked: started && gone, detail: `started: ${started}; survivors: ${commands().length}; host output: ${host.output()}` };
      } finally {
        host.host.kill("SIGKILL");
        host.cleanup();
      }
    });
  }

  attempt(context, "workspace-write: setsid processes of an exec session survive the host's process.exit()", async () => {
    const seconds = uniqueSleepSeconds();
    const host = await startHost("exit", "workspace-write", seconds);
    try {
      await host.exited;
      const gone = await waitFor(() => hostProcessesWithArgument(seconds).length === 0, 5_000);
      return { blocked: host.ready && gone, detail: `survivors: ${hostProcessesWithArgument(seconds).length}; host output: ${host.output()}` };
    } finally {
      host.cleanup();
    }
  });
}
