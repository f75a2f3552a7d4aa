/**
 * Wraps the production CommandRunner and records every spec it is asked to spawn, so tests can
 * assert the argv, cwd, environment, tty and sandbox a handler chose.
 */
import type { CommandRunner, CommandSpec, RunningCommand } from "../../../src/exec/command-runner.js";
import { createCommandRunner } from "../../../src/exec/sandboxed-command-runner.js";

export class RecordingCommandRunner implements CommandRunner {
  /** Every spec spawned, in order. */
  readonly spawned: CommandSpec[] = [];

  constructor(private readonly inner: CommandRunner = createCommandRunner()) {}

  spawn(spec: CommandSpec): RunningCommand {
    this.spawned.push(spec);
    return this.inner.spawn(spec);
  }
}
