/**
 * Bookkeeping for the escape suite: every attempt is a test that must end blocked; the suite
 * prints one summary line at the end and fails on any escape.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import type { CommandRunner } from "../../src/exec/command-runner.js";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";
import { type CommandResult, type Layout, runCommand } from "../sandbox/command-harness.js";

export type AttemptOutcome = { blocked: boolean; detail: string };

export type EscapeContext = {
  runner: CommandRunner;
  layout: Layout;
  /** A Python interpreter for the syscall-level attempts, when the machine has one. */
  python: string | undefined;
  skip: string | false;
  /**
   * Set when the suite runs against a helper that confines nothing (to prove it can fail):
   * skips attempts that would harm the machine if they escaped (fork bomb, host name).
   */
  skipDestructive: string | false;
};

const tally = { attempts: 0, blocked: 0, escaped: [] as string[] };

/** Registers one escape attempt; it fails the suite when `run` reports it was not blocked. */
export function attempt(context: EscapeContext, name: string, run: () => Promise<AttemptOutcome>, skip: string | false = false): void {
  test(`blocked: ${name}`, { skip: context.skip || skip }, async () => {
    const outcome = await run();
    tally.attempts += 1;
    if (outcome.blocked) tally.blocked += 1;
    else tally.escaped.push(name);
    assert.ok(outcome.blocked, `ESCAPED: ${name}\n${outcome.detail}`);
  });
}

export function summaryLine(): string {
  const escaped = tally.escaped.length;
  const names = escaped > 0 ? ` (${tally.escaped.join("; ")})` : "";
  return `sandbox escape suite: ${tally.attempts} attempts, ${tally.blocked} blocked, ${escaped} escaped${names}`;
}

/** Runs a shell script in the workspace under `sandbox`, with WORKSPACE and OUTSIDE exported. */
export function shell(context: EscapeContext, sandbox: SandboxPolicy, script: string, env: Record<string, string> = {}): Promise<CommandResult> {
  const { workspace, outside } = context.layout;
  return runCommand(context.runner, ["sh", "-c", script], {
    cwd: workspace,
    sandbox,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/", WORKSPACE: workspace, OUTSIDE: outside, ...env },
  });
}

export function describeResult(result: CommandResult): string {
  return `exit ${result.exitCode ?? result.signal}; stdout: ${result.stdout.trim()}; stderr: ${result.stderr.trim()}`;
}

export function contentOf(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}
