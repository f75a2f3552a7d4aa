/**
 * Runs one command to completion with pipes (stdin closed), a timeout and the turn's abort signal,
 * as Codex's `exec` does: on timeout or abort the whole process group is killed and the pipes get
 * at most 2 more seconds to drain.
 */
import { constants as osConstants } from "node:os";
import { AbortError } from "../../../errors.js";
import type { CommandExit, CommandRunner, CommandSpec, RunningCommand } from "../../../exec/command-runner.js";
import { CapturedOutput } from "./captured-output.js";

/** Codex `DEFAULT_EXEC_COMMAND_TIMEOUT_MS`. */
export const DEFAULT_EXEC_TIMEOUT_MS = 10_000;
/** The conventional `timeout(1)` status Codex reports for a command it killed on timeout. */
export const TIMEOUT_EXIT_CODE = 124;
// How long pipes may stay open after the process was killed (grandchildren holding them).
const DRAIN_AFTER_KILL_MS = 2_000;

export type OneShotSpec = Omit<CommandSpec, "tty" | "keepStdinOpen" | "signal">;

export type OneShotResult =
  | {
      kind: "exited";
      /** Exit status; 124 after a timeout, 128 + n for other signals. */
      exitCode: number;
      /** Set when a signal other than our timeout kill ended the process. */
      signal: string | null;
      timedOut: boolean;
      stdout: string;
      stderr: string;
      aggregated: string;
      durationMs: number;
    }
  | { kind: "spawn_error"; error: unknown };

/** Runs `spec` until it exits, times out (killed, exit 124) or `signal` aborts (killed, AbortError). */
export async function runOneShot(runner: CommandRunner, spec: OneShotSpec, timeoutMs: number, signal: AbortSignal): Promise<OneShotResult> {
  if (signal.aborted) throw new AbortError();
  const killSwitch = new AbortController();
  const captured = new CapturedOutput();
  const started = performance.now();
  let running: RunningCommand;
  try {
    running = runner.spawn({ ...spec, tty: false, signal: killSwitch.signal });
  } catch (error) {
    return { kind: "spawn_error", error };
  }
  running.onOutput((chunk, stream) => captured.append(chunk, stream));

  let timedOut = false;
  let aborted = false;
  const kill = () => {
    killSwitch.abort();
    running.kill("SIGKILL");
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, timeoutMs);
  const onAbort = () => {
    aborted = true;
    kill();
  };
  signal.addEventListener("abort", onAbort, { once: true });

  let exit: CommandExit | undefined;
  try {
    exit = await waitForExit(running, killSwitch.signal);
  } catch (error) {
    if (!aborted && !timedOut) return { kind: "spawn_error", error };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
  if (aborted) throw new AbortError();
  const durationMs = performance.now() - started;
  const texts = captured.texts();
  if (timedOut) {
    return { kind: "exited", exitCode: TIMEOUT_EXIT_CODE, signal: null, timedOut: true, ...texts, durationMs };
  }
  const exitSignal = exit?.signal ?? null;
  const exitCode = exit?.exitCode ?? 128 + signalNumber(exitSignal);
  return { kind: "exited", exitCode, signal: exitSignal, timedOut: false, ...texts, durationMs };
}

/** Waits for the exit; once the kill switch fired, gives up after the drain allowance. */
async function waitForExit(running: RunningCommand, killed: AbortSignal): Promise<CommandExit | undefined> {
  let drainTimer: NodeJS.Timeout | undefined;
  const drainExpired = new Promise<undefined>((resolve) => {
    const startDrain = () => {
      drainTimer = setTimeout(() => resolve(undefined), DRAIN_AFTER_KILL_MS);
    };
    if (killed.aborted) startDrain();
    else killed.addEventListener("abort", startDrain, { once: true });
  });
  try {
    return await Promise.race([running.exited, drainExpired]);
  } finally {
    clearTimeout(drainTimer);
  }
}

/** The number of a signal name ("SIGKILL" → 9); 0 when unknown. */
export function signalNumber(name: string | null): number {
  if (!name) return 0;
  return (osConstants.signals as Record<string, number | undefined>)[name] ?? 0;
}
