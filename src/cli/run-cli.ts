/**
 * The `codex-native` command: dispatches to the subcommands and turns their errors into a
 * message on stderr and an exit code (see exit-codes.ts).
 */
import { CodexError } from "../errors.js";
import { forkCommand } from "./commands/fork-command.js";
import { resumeCommand } from "./commands/resume-command.js";
import { reviewCommand } from "./commands/review-command.js";
import { runCommand } from "./commands/run-command.js";
import { sessionsCommand } from "./commands/sessions-command.js";
import { ConfigLoadError } from "./config/config-load-error.js";
import { ExitCode } from "./exit-codes.js";
import { helpText } from "./help-text.js";
import { UsageError } from "./usage-error.js";

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  run: (argv) => runCommand(argv, "run"),
  exec: (argv) => runCommand(argv, "exec"),
  e: (argv) => runCommand(argv, "exec"),
  resume: resumeCommand,
  fork: forkCommand,
  review: reviewCommand,
  sessions: sessionsCommand,
  tui: async (argv) => (await import("./commands/tui-command.js")).tuiCommand(argv),
};

/** Entry of the `codex-native` binary; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Like `codex`: no arguments at a terminal opens the interactive interface.
  const atTerminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  if (command === undefined && atTerminal) return dispatch("tui", []);
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    const topic = command === "help" ? rest[0] : undefined;
    console.log(topic && helpText[topic === "exec" ? "run" : topic] ? helpText[topic === "exec" ? "run" : topic] : helpText.main);
    return command === undefined ? ExitCode.usage : ExitCode.ok;
  }
  return dispatch(command, rest);
}

async function dispatch(command: string, rest: string[]): Promise<number> {
  const handler = commands[command];
  if (!handler) {
    console.error(`codex-native: unknown command "${command}"\n\n${helpText.main}`);
    return ExitCode.usage;
  }
  try {
    return await handler(rest);
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
  if (error instanceof UsageError) {
    const hint = error.command ? `codex-native ${error.command} --help` : "codex-native --help";
    console.error(`codex-native: ${error.message}\n(see ${hint})`);
    return ExitCode.usage;
  }
  if (error instanceof ConfigLoadError) {
    console.error(`codex-native: ${error.message}`);
    return ExitCode.config;
  }
  const message = error instanceof CodexError || error instanceof Error ? error.message : String(error);
  console.error(`error: ${message}`);
  return ExitCode.failed;
}
