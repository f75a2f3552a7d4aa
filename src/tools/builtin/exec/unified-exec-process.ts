/**
 * One unified exec process: its output since the last collection (head+tail capped), its whole
 * transcript for the `command_execution` item, its exit status, and stdin for PTY sessions.
 */
import type { CommandExit, RunningCommand } from "../../../exec/command-runner.js";
import type { CommandExecutionItem } from "../../../protocol/items.js";
import { decodeLossy } from "./captured-output.js";
import { HeadTailBuffer } from "./head-tail-buffer.js";
import { signalNumber } from "./run-one-shot.js";

export class UnifiedExecProcess {
  /** Output not yet returned to the model; each collection drains it. */
  private readonly pending = new HeadTailBuffer();
  /** Everything the process printed (head+tail capped), for the item's aggregated output. */
  private readonly transcript = new HeadTailBuffer();
  private exit: CommandExit | undefined;
  private failure: unknown;
  private settled = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly running: RunningCommand,
    /** PTY session: stdin stays open for write_stdin. */
    readonly tty: boolean,
  ) {
    running.onOutput((chunk) => {
      this.pending.push(chunk);
      this.transcript.push(chunk);
      this.notify();
    });
    running.exited.then(
      (exit) => this.settle(exit, undefined),
      (error: unknown) => this.settle(undefined, error),
    );
  }

  /** True once the process exited (or failed to start) and its output is drained. */
  get hasExited(): boolean {
    return this.settled;
  }

  /** Why the process could not start, when it could not. */
  get spawnFailure(): unknown {
    return this.failure;
  }

  /** Exit status; 128 + n when killed by signal n; -1 when unknown (not started). */
  exitCode(): number | undefined {
    if (!this.settled) return undefined;
    if (!this.exit) return -1;
    return this.exit.exitCode ?? 128 + signalNumber(this.exit.signal);
  }

  /** Takes the output printed since the last call. */
  drainPending(): Buffer {
    return this.pending.drain();
  }

  transcriptBytes(): Buffer {
    return this.transcript.toBuffer();
  }

  write(data: string): void {
    this.running.write(data);
  }

  /** The process no longer keeps the host alive (a session left running after its call). */
  unref(): void {
    this.running.unref();
  }

  /** The process keeps the host alive again (a call is waiting on it). */
  ref(): void {
    this.running.ref();
  }

  /** Kills the whole process group. */
  terminate(): void {
    if (!this.settled) this.running.kill("SIGKILL");
  }

  /** Resolves on new output, exit, `timeoutMs` or abort, whichever comes first. */
  waitForChange(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      signal.addEventListener("abort", done, { once: true });
      this.waiters.add(done);
    });
  }

  private settle(exit: CommandExit | undefined, failure: unknown): void {
    this.exit = exit;
    this.failure = failure;
    this.settled = true;
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** The exec_command item once its process exited: the whole transcript and the exit status. */
export function completedExecItem(item: CommandExecutionItem, execProcess: UnifiedExecProcess, exitCode: number): CommandExecutionItem {
  return {
    ...item,
    aggregated_output: decodeLossy(execProcess.transcriptBytes()),
    exit_code: exitCode,
    status: exitCode === 0 ? "completed" : "failed",
  };
}
