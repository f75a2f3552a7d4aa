/**
 * A child process started by the addon instead of `child_process.spawn` (Linux). Node 20's
 * libuv forks on the main thread: the event loop stalls for the page-table copy of the whole
 * process (5–9 ms in an SDK process) and then for copy-on-write faults until the child execs.
 * The addon starts the child with `posix_spawn` (`clone(CLONE_VM | CLONE_VFORK)`: cost independent
 * of the parent's size) on libuv's thread pool, and reaps it on a thread of its own.
 *
 * The pipes exist before the child does (created synchronously, wrapped as sockets at once), so
 * input written early waits in the pipe and listeners attach as with a `ChildProcess`. The
 * events mirror `ChildProcess`: `error` (the child could not start), `exit`, and `close` once it
 * exited and its stdout, stderr and descriptor 3 reached end-of-file.
 */
import { EventEmitter } from "node:events";
import { Socket } from "node:net";
import { constants as osConstants } from "node:os";
import { CommandSpawnError, InvalidArgumentError, NativeBindingError } from "../errors.js";
import { createSpawnPipes, spawnWithPipes } from "../native/index.js";

export type NativeChildOptions = {
  /** Path of the executable (not looked up on PATH). */
  program: string;
  /** The arguments after argv[0]; argv[0] is `program`. */
  args: string[];
  cwd: string;
  /** The complete environment. */
  env: Record<string, string>;
  /** A pipe for stdin, or `/dev/null`. */
  stdin: "pipe" | "ignore";
  /** Also give the child a pipe on descriptor 3 (read here as `extra`). */
  extraPipe: boolean;
  /** Start it in a session (and process group) of its own, like Node's `detached`. Default true. */
  newSession?: boolean;
};

/** The longest a Node timer may wait; the keep-alive timer below re-arms itself. */
const maxTimerMs = 2 ** 31 - 1;

const signalNames = new Map<number, string>(Object.entries(osConstants.signals).map(([name, number]) => [number, name]));
const errnoNames = new Map<number, string>(Object.entries(osConstants.errno).map(([name, number]) => [number, name]));

/**
 * Starts `options.program`, by default as the leader of a new session (its own process group,
 * like Node's `detached`). Returns undefined when the addon cannot be loaded here; the caller then spawns
 * with Node. Throws InvalidArgumentError for an argument or variable holding a NUL byte.
 */
export function spawnNativeChild(options: NativeChildOptions): NativeChild | undefined {
  const argv = [options.program, ...options.args];
  const env = Object.entries(options.env).map(([name, value]) => `${name}=${value}`);
  for (const text of [...argv, ...env, options.cwd]) {
    if (text.includes("\0")) throw new InvalidArgumentError(`The command's arguments and environment must not contain NUL bytes: ${JSON.stringify(text)}`);
  }
  let pipes: SpawnPipes | undefined;
  try {
    pipes = createSpawnPipes(options.stdin === "pipe", options.extraPipe);
  } catch (error) {
    // Out of descriptors (EMFILE) and the like: nothing was started.
    if (error instanceof NativeBindingError) throw error;
    throw new CommandSpawnError(options.program, undefined, `Cannot start ${options.program}: ${(error as Error).message}`, { cause: error });
  }
  if (pipes === undefined) return undefined;
  const child = new NativeChild(pipes);
  child.start(spawnWithPipes(pipes, { program: options.program, argv, env, cwd: options.cwd, newSession: options.newSession ?? true }, (exit) => child.reaped(exit)));
  return child;
}

type SpawnPipes = NonNullable<ReturnType<typeof createSpawnPipes>>;
type SpawnOutcome = Awaited<ReturnType<typeof spawnWithPipes>>;

export class NativeChild extends EventEmitter {
  /** Set once the child started. */
  pid: number | undefined;
  readonly stdin: Socket | null;
  readonly stdout: Socket;
  readonly stderr: Socket;
  /** The read end of the child's descriptor 3, when requested. */
  readonly extra: Socket | null;
  /** Every stream, for ref/unref (same order as `ChildProcess.stdio`). */
  readonly stdio: ReadonlyArray<Socket | null>;
  private exit: { exitCode: number | null; signal: string | null } | undefined;
  private openReadables: number;
  private pendingSignal: NodeJS.Signals | undefined;
  /** Keeps the event loop alive until the child exited (the exit callback itself never does). */
  private keepAlive: NodeJS.Timeout | undefined = setInterval(() => undefined, maxTimerMs);

  /** Use {@link spawnNativeChild}. */
  constructor(pipes: SpawnPipes) {
    super();
    this.stdin = pipes.stdin == null ? null : new Socket({ fd: pipes.stdin, readable: false, writable: true });
    this.stdout = new Socket({ fd: pipes.stdout, readable: true, writable: false });
    this.stderr = new Socket({ fd: pipes.stderr, readable: true, writable: false });
    this.extra = pipes.extra == null ? null : new Socket({ fd: pipes.extra, readable: true, writable: false });
    this.stdio = [this.stdin, this.stdout, this.stderr, this.extra];
    const readables = [this.stdout, this.stderr, this.extra].filter((stream) => stream !== null);
    this.openReadables = readables.length;
    for (const stream of readables) {
      stream.once("close", () => {
        this.openReadables -= 1;
        this.maybeClose();
      });
    }
  }

  /** Signals the child's whole process group (once it has started, if it has not yet). */
  killGroup(signal: NodeJS.Signals): void {
    if (this.pid === undefined) {
      // Not started yet: deliver it once it is.
      if (this.exit === undefined) this.pendingSignal = signal;
      return;
    }
    try {
      process.kill(-this.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }

  unref(): void {
    this.keepAlive?.unref();
    for (const stream of this.stdio) stream?.unref();
  }

  ref(): void {
    this.keepAlive?.ref();
    for (const stream of this.stdio) stream?.ref();
  }

  /** Called by {@link spawnNativeChild} with the addon's spawn. */
  start(spawned: Promise<SpawnOutcome>): void {
    spawned.then(
      (outcome) => this.started(outcome),
      (error: unknown) => this.failed(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /** Called by the addon's reaper with the child's exit; may arrive before `started`. */
  reaped(exit: { exitCode?: number | null; signal?: number | null }): void {
    const signal = exit.signal == null ? null : (signalNames.get(exit.signal) ?? `SIG${exit.signal}`);
    this.exit = { exitCode: exit.exitCode ?? null, signal };
    if (this.pid !== undefined) this.reportExit();
  }

  private started(outcome: SpawnOutcome): void {
    // The addon's optional fields arrive as null or undefined.
    if (outcome.pid == null) {
      const errno = outcome.errno ?? undefined;
      const code = errno === undefined ? undefined : errnoNames.get(errno);
      const error: NodeJS.ErrnoException = new Error(outcome.message ?? "the process could not be started");
      if (code !== undefined) error.code = code;
      if (errno !== undefined) error.errno = -errno;
      this.failed(error);
      return;
    }
    this.pid = outcome.pid;
    this.emit("spawn");
    if (this.pendingSignal !== undefined) this.killGroup(this.pendingSignal);
    this.pendingSignal = undefined;
    if (this.exit !== undefined) this.reportExit();
  }

  private failed(error: Error): void {
    this.stopKeepingAlive();
    this.stdin?.destroy();
    this.emit("error", error);
  }

  private reportExit(): void {
    this.stopKeepingAlive();
    const exit = this.exit as { exitCode: number | null; signal: string | null };
    this.emit("exit", exit.exitCode, exit.signal);
    this.maybeClose();
  }

  private maybeClose(): void {
    if (this.openReadables > 0 || this.pid === undefined || this.exit === undefined) return;
    this.emit("close", this.exit.exitCode, this.exit.signal);
  }

  private stopKeepingAlive(): void {
    if (this.keepAlive !== undefined) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }
}
