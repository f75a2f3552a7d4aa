/**
 * The flags shared by every command that runs turns (`run`/`exec`, `resume`, `fork`, `review`,
 * `tui`), with `codex exec`'s short forms, and their translation into SDK options.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { ApprovalMode, SandboxMode, ThreadOptions } from "../options/thread-options.js";
import { UsageError } from "./usage-error.js";

export const turnFlagOptions = {
  model: { type: "string", short: "m" },
  sandbox: { type: "string", short: "s" },
  approval: { type: "string", short: "a" },
  "ask-for-approval": { type: "string" },
  cd: { type: "string", short: "C" },
  "add-dir": { type: "string", multiple: true },
  "skip-git-repo-check": { type: "boolean" },
  "full-auto": { type: "boolean" },
  "dangerously-bypass-approvals-and-sandbox": { type: "boolean" },
  ephemeral: { type: "boolean" },
  image: { type: "string", short: "i", multiple: true },
  "output-schema": { type: "string" },
  "output-last-message": { type: "string", short: "o" },
  config: { type: "string", short: "c", multiple: true },
  plugin: { type: "string", multiple: true },
  json: { type: "boolean" },
  color: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export type TurnFlags = {
  model?: string;
  sandbox?: string;
  approval?: string;
  "ask-for-approval"?: string;
  cd?: string;
  "add-dir"?: string[];
  "skip-git-repo-check"?: boolean;
  "full-auto"?: boolean;
  "dangerously-bypass-approvals-and-sandbox"?: boolean;
  ephemeral?: boolean;
  image?: string[];
  "output-schema"?: string;
  "output-last-message"?: string;
  config?: string[];
  plugin?: string[];
  json?: boolean;
  color?: string;
  help?: boolean;
};

const sandboxModes: readonly string[] = ["read-only", "workspace-write", "danger-full-access"];
const approvalModes: readonly string[] = ["untrusted", "on-failure", "on-request", "never"];

/** Parses `argv` with the turn flags plus `extra`; unknown flags are a UsageError naming the command. */
export function parseCommandArgs<ExtraValues extends Record<string, string | boolean | undefined>>(
  command: string,
  argv: string[],
  extra: NonNullable<ParseArgsConfig["options"]>,
): { values: TurnFlags & Partial<ExtraValues>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...turnFlagOptions, ...extra } });
    return { values: parsed.values as TurnFlags & Partial<ExtraValues>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), command);
  }
}

/** The working directory the command runs in: `-C` resolved against the current directory. */
export function workingDirectoryOf(flags: TurnFlags): string {
  return flags.cd ? path.resolve(flags.cd) : process.cwd();
}

/** Thread options set by flags (only those given, so config defaults fill the rest). */
export function threadOptionsFromFlags(flags: TurnFlags, command: string): ThreadOptions {
  const options: ThreadOptions = {};
  const approval = flags.approval ?? flags["ask-for-approval"];
  if (flags.sandbox !== undefined && !sandboxModes.includes(flags.sandbox)) {
    throw new UsageError(`--sandbox must be one of ${sandboxModes.join(", ")} (got "${flags.sandbox}")`, command);
  }
  if (approval !== undefined && !approvalModes.includes(approval)) {
    throw new UsageError(`--approval must be one of ${approvalModes.join(", ")} (got "${approval}")`, command);
  }
  if (flags["full-auto"]) {
    options.sandboxMode = "workspace-write";
    options.approvalPolicy = "on-request";
  }
  if (flags["dangerously-bypass-approvals-and-sandbox"]) {
    options.sandboxMode = "danger-full-access";
    options.approvalPolicy = "never";
  }
  if (flags.model) options.model = flags.model;
  if (flags.sandbox) options.sandboxMode = flags.sandbox as SandboxMode;
  if (approval) options.approvalPolicy = approval as ApprovalMode;
  if (flags.cd) options.workingDirectory = path.resolve(flags.cd);
  if (flags["add-dir"]?.length) options.additionalDirectories = flags["add-dir"].map((dir) => path.resolve(dir));
  if (flags["skip-git-repo-check"]) options.skipGitRepoCheck = true;
  if (flags.ephemeral) options.ephemeral = true;
  return options;
}

/** `--output-schema <file>`: the JSON schema in that file (as `codex exec` reads it). */
export function readOutputSchema(flags: TurnFlags, command: string): unknown {
  const file = flags["output-schema"];
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path.resolve(file), "utf8");
  } catch (error) {
    throw new UsageError(`--output-schema: cannot read ${file}: ${(error as Error).message}`, command);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`--output-schema: ${file} is not JSON: ${(error as Error).message}`, command);
  }
}

/** Whether human output may use colours: `--color always|never|auto` (auto: stderr is a terminal and NO_COLOR unset). */
export function colorEnabled(flags: TurnFlags, command: string): boolean {
  const mode = flags.color ?? "auto";
  if (mode === "always") return true;
  if (mode === "never") return false;
  if (mode !== "auto") throw new UsageError(`--color must be always, never or auto (got "${mode}")`, command);
  return Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
}
