/**
 * Resource exhaustion: a fork bomb, a memory hog and a giant file under the per-command limits.
 * "Blocked" means the limit held and the host stayed responsive: a 10 ms timer in this process
 * kept firing and a new command still started quickly while the bomb ran.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { NativeCommandRunner } from "../../src/exec/sandboxed-command-runner.js";
import { runCommand, workspaceWrite } from "../sandbox/command-harness.js";
import { attempt, contentOf, describeResult, type EscapeContext } from "./escape-harness.js";

/** Largest delay of a 10 ms interval timer while `during` runs. */
async function worstTimerLateness(during: () => Promise<unknown>): Promise<number> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  try {
    await during();
  } finally {
    clearInterval(timer);
  }
  return worst;
}

export function registerLimitAttempts(context: EscapeContext): void {
  const { workspace } = context.layout;
  const writable = workspaceWrite();
  const run = (runner: NativeCommandRunner, script: string, timeoutMs = 20_000) =>
    runCommand(runner, ["sh", "-c", script], { cwd: workspace, sandbox: writable, timeoutMs });

  attempt(context, "workspace-write: fork bomb (default limits) takes the host down", async () => {
    const runner = new NativeCommandRunner();
    const bomb = runner.spawn({
      argv: ["sh", "-c", "bomb() { bomb | bomb & }; bomb; sleep 10"],
      cwd: workspace,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      tty: false,
      sandbox: writable,
      sandboxCwd: workspace,
    });
    let startMs = Number.POSITIVE_INFINITY;
    const lateness = await worstTimerLateness(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const started = performance.now();
      const probe = await runCommand(new NativeCommandRunner(), ["true"], { cwd: workspace, sandbox: writable, timeoutMs: 10_000 });
      startMs = probe.exitCode === 0 ? performance.now() - started : Number.POSITIVE_INFINITY;
    });
    await runner.killAll();
    await bomb.exited.catch(() => undefined);
    const responsive = lateness < 1_000 && startMs < 5_000;
    return { blocked: responsive, detail: `worst timer lateness ${lateness.toFixed(0)} ms; a new command took ${startMs.toFixed(0)} ms` };
  }, context.skipDestructive);

  attempt(
    context,
    "workspace-write: memory hog beyond the address-space limit",
    async () => {
      const runner = new NativeCommandRunner({ limits: { addressSpaceBytes: 512 * 1024 ** 2 } });
      const result = await runCommand(runner, [context.python as string, "-c", "b = bytearray(1024 * 1024 ** 2); print('allocated', len(b))"], {
        cwd: workspace,
        sandbox: writable,
      });
      return { blocked: result.exitCode !== 0 && !result.stdout.includes("allocated"), detail: describeResult(result) };
    },
    context.python === undefined ? "no python3 on this machine" : false,
  );

  attempt(context, "workspace-write: write a file beyond the file-size limit", async () => {
    const runner = new NativeCommandRunner({ limits: { fileSizeBytes: 1024 * 1024 } });
    const result = await run(runner, "head -c 4194304 /dev/zero > big.bin");
    const size = statSync(path.join(workspace, "big.bin")).size;
    return { blocked: size <= 1024 * 1024, detail: `${describeResult(result)}; file is ${size} bytes` };
  });

  attempt(context, "workspace-write: spin past the CPU-time limit", async () => {
    const runner = new NativeCommandRunner({ limits: { cpuTimeSeconds: 1 } });
    const result = await run(runner, "exec sh -c 'while :; do :; done'", 15_000);
    return { blocked: result.signal === "SIGXCPU", detail: describeResult(result) };
  });

  attempt(context, "workspace-write: more processes than maxProcesses", async () => {
    const runner = new NativeCommandRunner({ limits: { maxProcesses: 400 } });
    // Each background sleep that started bumps the count; a refused fork ends the loop (or the shell).
    const result = await run(runner, 'i=0; while [ $i -lt 600 ]; do sleep 5 & i=$((i+1)); echo $i > started-count; done');
    const started = Number(contentOf(path.join(workspace, "started-count")) ?? "0");
    return { blocked: started > 0 && started < 600, detail: `${describeResult(result)}; ${started} started` };
  });
}
