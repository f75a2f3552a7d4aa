/**
 * The one interface through which every command the agent runs is spawned. Tools build a
 * `CommandSpec`; the runner decides how it is confined (the sandbox wraps this interface) and
 * whether it gets pipes or a PTY.
 */
import type { SandboxPolicy } from "../sandbox/sandbox-policy.js";

export type CommandSpec = {
  /** argv[0] is looked up on PATH like execvp. */
  argv: string[];
  /** Absolute working directory. */
  cwd: string;
  /** The complete environment of the child (already filtered by the environment policy). */
  env: Record<string, string>;
  /** Run under a pseudo-terminal (stdin stays open); otherwise pipes with stdin closed unless `keepStdinOpen`. */
  tty: boolean;
  /** With pipes: keep stdin open for later writes. */
  keepStdinOpen?: boolean;
  /** How the command is confined; `danger-full-access` runs it unconfined. */
  sandbox: SandboxPolicy;
  /** The thread's working directory, root of the sandbox's writable set. */
  sandboxCwd: string;
  /** Kills the whole process group when it fires. */
  signal?: AbortSignal;
};

export type CommandExit = {
  /** Exit status, or null when killed by a signal. */
  exitCode: number | null;
  /** Name of the terminating signal, e.g. "SIGKILL". */
  signal: string | null;
};

export interface RunningCommand {
  readonly pid: number | undefined;
  /** Writes to stdin (PTY input in tty mode). Throws when stdin is closed. */
  write(data: string | Uint8Array): void;
  closeStdin(): void;
  /** Output as it arrives; in tty mode everything is "stdout". */
  onOutput(listener: (chunk: Buffer, stream: "stdout" | "stderr") => void): void;
  /** Resolves once the process has exited and its output is drained. */
  readonly exited: Promise<CommandExit>;
  /** Signals the whole process group (default SIGKILL). */
  kill(signal?: NodeJS.Signals): void;
  /**
   * Stops the command (its process and pipes) from keeping the host's event loop alive, for a
   * session that outlives the call that started it; output is still delivered.
   */
  unref(): void;
  /** Undoes `unref()`: the command keeps the event loop alive again (while a call waits on it). */
  ref(): void;
}

export interface CommandRunner {
  /** Starts the command; spawn failures (command not found…) reject `exited` or throw synchronously. */
  spawn(spec: CommandSpec): RunningCommand;
}
