/**
 * The production `CommandRunner`: every command gets its own process group and, on Linux, goes
 * through the `codex-native-exec` helper, which runs it in its own PID namespace (everything it
 * starts dies with it, and with this process) and, in sandboxed modes, confines it.
 * `danger-full-access` without the helper (other platforms) spawns directly.
 */
import { s, type Infer } from "../validation/spec.js";
import { type ChildProcess, spawn, type StdioOptions } from "node:child_process";
import { existsSync } from "node:fs";
import type { Readable } from "node:stream";
import {
  AbortError,
  CodexError,
  CommandSpawnError,
  InvalidArgumentError,
  NativeBindingError,
  SandboxUnavailableError,
} from "../errors.js";
import {
  execHelperFileName,
  isSandboxSupported,
  probeSandboxSupport,
  resolveExecHelperPath,
  type SandboxSupport,
  settledSandboxSupport,
} from "../sandbox/exec-helper.js";
import { helperPolicyJson, sandboxEnvironmentMarkers } from "../sandbox/helper-policy.js";
import type { SandboxLimits } from "../sandbox/sandbox-limits.js";
import type { CommandExit, CommandRunner, CommandSpec, RunningCommand } from "./command-runner.js";
import { killOnHostExit } from "./host-exit.js";
import { NativeChild, spawnNativeChild } from "./native-child.js";

export { isSandboxSupported };

export type NativeCommandRunnerOptions = {
  /** The `codex-native-exec` binary; default: found next to the addon (or `CODEX_NATIVE_EXEC_HELPER`). */
  helperPath?: string;
  /** How long `exited` waits for output pipes after the process exited; background children may hold them. Default 2000. */
  outputDrainTimeoutMs?: number;
  /** `CODEX_HOME`: never writable by sandboxed commands, and its `auth.json` unreadable. */
  codexHome?: string;
  /** Resource limits of every command (defaults: `defaultSandboxLimits`). */
  limits?: SandboxLimits;
};

/** Descriptor number of the helper's status pipe in the child. */
const statusDescriptor = 3;

export class NativeCommandRunner implements CommandRunner {
  private readonly helperPath: string | undefined;
  private readonly drainTimeoutMs: number;
  private readonly codexHome: string | undefined;
  private readonly limits: SandboxLimits | undefined;
  private readonly live = new Set<ChildCommand>();

  constructor(options: NativeCommandRunnerOptions = {}) {
    this.helperPath = options.helperPath ?? resolveExecHelperPath();
    this.drainTimeoutMs = options.outputDrainTimeoutMs ?? 2_000;
    this.codexHome = options.codexHome;
    this.limits = options.limits;
  }

  /** What the sandbox enforces on this machine (probed once per process, off the event loop). */
  sandboxSupport(): Promise<SandboxSupport> {
    return probeSandboxSupport(this.helperPath);
  }

  /**
   * Starts the command. Throws synchronously when the spec is unusable, the signal already fired,
   * or a sandboxed mode is known not to work here ({@link SandboxUnavailableError}); a command that
   * cannot be executed or confined rejects `exited` with a `CommandSpawnError` or
   * `SandboxUnavailableError` (the helper never runs a sandboxed mode unconfined).
   */
  spawn(spec: CommandSpec): RunningCommand {
    const program = spec.argv[0];
    if (program === undefined || program === "") throw new InvalidArgumentError("CommandSpec.argv must name a program");
    if (!existsSync(spec.cwd)) throw new InvalidArgumentError(`The working directory ${spec.cwd} does not exist`);
    if (spec.signal?.aborted) throw new AbortError();

    const env = { ...spec.env, ...sandboxEnvironmentMarkers(spec.sandbox) };
    const stdin = spec.tty || spec.keepStdinOpen === true ? "pipe" : "ignore";
    const confined = spec.sandbox.mode !== "danger-full-access";
    const helper = this.usableHelper(confined, spec.tty);
    // Probe in the background (once per process) from the first confined command on, so later
    // ones are refused at once where the sandbox cannot work; the helper itself never runs a
    // sandboxed mode unconfined. Not at construction: a thread that runs no command should load
    // neither the addon nor the helper.
    if (confined && helper !== undefined) void probeSandboxSupport(helper);
    if (helper === undefined) {
      const child = spawn(program, spec.argv.slice(1), {
        cwd: spec.cwd,
        env,
        detached: true,
        stdio: [stdin, "pipe", "pipe"],
        windowsHide: true,
      });
      return this.track(new ChildCommand(child, { command: program, drainTimeoutMs: this.drainTimeoutMs, signal: spec.signal }));
    }

    const policy = helperPolicyJson(spec.sandbox, spec.sandboxCwd, env, { codexHome: this.codexHome, limits: this.limits });
    const helperArguments = [
      "--policy",
      policy,
      ...(spec.tty ? ["--pty"] : []),
      "--status-fd",
      String(statusDescriptor),
      "--parent-pid",
      String(process.pid),
      "--",
      ...spec.argv,
    ];
    // Through the addon: no fork of this process on the event loop (see native-child.ts).
    const native = spawnNativeChild({ program: helper, args: helperArguments, cwd: spec.cwd, env, stdin, extraPipe: true });
    if (native !== undefined) {
      return this.track(
        new ChildCommand(native, { command: program, statusStream: native.extra ?? undefined, drainTimeoutMs: this.drainTimeoutMs, signal: spec.signal }),
      );
    }
    const stdio: StdioOptions = [stdin, "pipe", "pipe", "pipe"];
    const child = spawn(helper, helperArguments, { cwd: spec.cwd, env, detached: true, stdio, windowsHide: true });
    // Descriptor 3 was created as a pipe we only read from.
    const statusStream = (child.stdio[statusDescriptor] ?? undefined) as Readable | undefined;
    return this.track(
      new ChildCommand(child, {
        command: program,
        statusStream,
        drainTimeoutMs: this.drainTimeoutMs,
        signal: spec.signal,
      }),
    );
  }

  /**
   * Kills every command this runner started that is still running (with everything they
   * started) and resolves once all have exited. For closing a thread; commands still running
   * when the host process exits are killed anyway.
   */
  async killAll(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const running = [...this.live];
    for (const command of running) command.kill(signal);
    await Promise.all(running.map((command) => command.exited.catch(() => undefined)));
  }

  /** How many commands this runner started are still running. */
  get runningCount(): number {
    return this.live.size;
  }

  private track(command: ChildCommand): ChildCommand {
    this.live.add(command);
    const forget = killOnHostExit(command);
    void command.exited
      .catch(() => undefined)
      .finally(() => {
        this.live.delete(command);
        forget();
      });
    return command;
  }

  /** The helper to run through, or undefined to spawn directly (full access without one). */
  private usableHelper(confined: boolean, tty: boolean): string | undefined {
    const helper = this.helperPath;
    const available = process.platform === "linux" && helper !== undefined && existsSync(helper);
    if (confined) {
      const known = settledSandboxSupport(helper);
      if (!available || (known !== undefined && !known.supported)) {
        throw new SandboxUnavailableError(
          `Cannot run the command sandboxed: ${known?.reason ?? `the ${execHelperFileName} helper is missing`}. ` +
            `Use sandbox mode "danger-full-access" to run commands unconfined.`,
        );
      }
      return helper;
    }
    if (available) return helper;
    if (tty) {
      throw new SandboxUnavailableError(
        `Running a command under a PTY needs the ${execHelperFileName} helper, which is only built for Linux` +
          (helper === undefined ? "" : ` (missing: ${helper})`),
      );
    }
    return undefined;
  }
}

/** The line `codex-native-exec` writes to its status descriptor when the command did not start. */
const ExecHelperStatus = s.object({
  kind: s.enum(["usage", "sandbox", "pty", "exec"]),
  message: s.string(),
  code: s.string().nullable(),
});
type ExecHelperStatus = Infer<typeof ExecHelperStatus>;

/** Output kept for a listener that registers late. */
const maxEarlyOutputBytes = 1 << 20;

type OutputListener = (chunk: Buffer, stream: "stdout" | "stderr") => void;

type ChildCommandOptions = {
  /** argv[0] of the command, for error messages. */
  command: string;
  /** The helper's status pipe, when the helper runs the command. */
  statusStream?: Readable | undefined;
  /** How long to wait for the output pipes after the process exited (background children may hold them). */
  drainTimeoutMs: number;
  signal?: AbortSignal | undefined;
};

function statusError(command: string, status: ExecHelperStatus): Error {
  switch (status.kind) {
    case "exec":
      return new CommandSpawnError(command, status.code ?? undefined, status.message);
    case "sandbox":
      return new SandboxUnavailableError(status.message);
    default:
      return new CodexError(`codex-native-exec: ${status.message}`);
  }
}

/**
 * A `RunningCommand` over a child process started in its own process group (`detached`), by the
 * addon or by Node: the command itself or the `codex-native-exec` helper that becomes the command.
 */
class ChildCommand implements RunningCommand {
  readonly exited: Promise<CommandExit>;
  private readonly child: ChildProcess | NativeChild;
  private readonly listeners: OutputListener[] = [];
  /** Output that arrived before the first listener; replayed to it. */
  private readonly early: Array<[Buffer, "stdout" | "stderr"]> = [];
  private earlyBytes = 0;
  private statusText = "";
  private exit: CommandExit | undefined;
  private settled = false;
  private drainTimer: NodeJS.Timeout | undefined;
  private resolveExited!: (exit: CommandExit) => void;
  private rejectExited!: (error: Error) => void;
  private readonly onAbort = (): void => this.kill("SIGKILL");

  constructor(
    child: ChildProcess | NativeChild,
    private readonly options: ChildCommandOptions,
  ) {
    this.child = child;
    this.exited = new Promise<CommandExit>((resolve, reject) => {
      this.resolveExited = resolve;
      this.rejectExited = reject;
    });
    // Callers that only await `exited` on success paths must not crash the process on rejection.
    this.exited.catch(() => undefined);
    child.stdout?.on("data", (chunk: Buffer) => this.emit(chunk, "stdout"));
    child.stderr?.on("data", (chunk: Buffer) => this.emit(chunk, "stderr"));
    // Writing to a command that already exited raises EPIPE on the stream; the exit reports it.
    child.stdin?.on("error", () => undefined);
    options.statusStream?.setEncoding("utf8");
    options.statusStream?.on("data", (text: string) => {
      this.statusText += text;
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      // Only a failed spawn matters here; later errors (a refused kill) change nothing.
      if (child.pid !== undefined) return;
      if (error instanceof NativeBindingError) return this.settle(() => this.rejectExited(error));
      this.settle(() =>
        this.rejectExited(
          new CommandSpawnError(options.command, error.code, `Cannot start ${options.command}: ${error.message}`, { cause: error }),
        ),
      );
    });
    child.on("exit", (exitCode, signal) => {
      this.exit = { exitCode, signal };
      this.drainTimer = setTimeout(() => this.finishAfterDrain(), options.drainTimeoutMs);
    });
    child.on("close", (exitCode, signal) => {
      this.exit ??= { exitCode, signal };
      this.finish();
    });
    if (options.signal) options.signal.addEventListener("abort", this.onAbort, { once: true });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  write(data: string | Uint8Array): void {
    const stdin = this.child.stdin;
    if (!stdin || stdin.destroyed || stdin.writableEnded) {
      throw new InvalidArgumentError("The command's stdin is closed (start it with tty or keepStdinOpen to write to it)");
    }
    stdin.write(data);
  }

  closeStdin(): void {
    this.child.stdin?.end();
  }

  onOutput(listener: OutputListener): void {
    this.listeners.push(listener);
    if (this.listeners.length === 1) {
      for (const [chunk, stream] of this.early.splice(0)) listener(chunk, stream);
      this.earlyBytes = 0;
    }
  }

  kill(signal: NodeJS.Signals = "SIGKILL"): void {
    if (this.child instanceof NativeChild) {
      this.child.killGroup(signal);
      return;
    }
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (process.platform === "win32") {
      this.child.kill(signal);
      return;
    }
    try {
      // The negative pid addresses the whole process group the child leads.
      process.kill(-pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }

  unref(): void {
    this.child.unref();
    if (this.child instanceof NativeChild) return;
    for (const stream of this.child.stdio) (stream as { unref?: () => void } | null)?.unref?.();
  }

  ref(): void {
    this.child.ref();
    if (this.child instanceof NativeChild) return;
    for (const stream of this.child.stdio) (stream as { ref?: () => void } | null)?.ref?.();
  }

  private emit(chunk: Buffer, stream: "stdout" | "stderr"): void {
    if (this.listeners.length === 0) {
      this.early.push([chunk, stream]);
      this.earlyBytes += chunk.length;
      // Nobody listening yet: keep the newest output only, so a silent caller cannot exhaust memory.
      while (this.earlyBytes > maxEarlyOutputBytes && this.early.length > 1) {
        this.earlyBytes -= (this.early.shift() as [Buffer, string])[0].length;
      }
      return;
    }
    for (const listener of this.listeners) listener(chunk, stream);
  }

  /** The process is gone but something (a background child) still holds its pipes. */
  private finishAfterDrain(): void {
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    this.options.statusStream?.destroy();
    this.finish();
  }

  private finish(): void {
    const exit = this.exit ?? { exitCode: null, signal: null };
    const line = this.statusText.trim().split("\n")[0];
    let status: ExecHelperStatus | undefined;
    if (line) {
      try {
        status = ExecHelperStatus.parse(JSON.parse(line));
      } catch {
        status = { kind: "usage", message: line, code: null };
      }
    }
    this.settle(() => (status ? this.rejectExited(statusError(this.options.command, status)) : this.resolveExited(exit)));
  }

  private settle(action: () => void): void {
    if (this.settled) return;
    this.settled = true;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.options.signal?.removeEventListener("abort", this.onAbort);
    action();
  }
}

/** The runner the engine uses by default. */
export function createCommandRunner(options: NativeCommandRunnerOptions = {}): NativeCommandRunner {
  return new NativeCommandRunner(options);
}
