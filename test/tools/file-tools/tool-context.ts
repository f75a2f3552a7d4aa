/**
 * A minimal ToolCallContext and temp-tree helpers for calling the file tools directly.
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { resolveEngineConfig } from "../../../src/config/engine-config.js";
import { resolveThreadSettings } from "../../../src/config/thread-settings.js";
import { ItemEmitter } from "../../../src/engine/item-emitter.js";
import type { TurnContext } from "../../../src/engine/turn-context.js";
import type { ToolCallContext, ToolHandler, ToolOutput } from "../../../src/tools/tool-handler.js";

export async function makeTempDirectory(label: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `codex-file-tools-${label}-`));
}

export async function removeDirectory(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
}

/** A context whose turn runs in `cwd`; the file tools only read `turn.settings` and `signal`. */
export function toolContext(cwd: string, signal: AbortSignal = new AbortController().signal): ToolCallContext {
  // Never created: a missing CODEX_HOME simply means no config.toml.
  const codexHome = path.join(cwd, ".no-codex-home");
  const engine = resolveEngineConfig({ env: {}, codexHome });
  const settings = resolveThreadSettings(engine, { workingDirectory: cwd });
  const items = new ItemEmitter(() => {});
  const turn = { threadId: "thread", turnId: "turn", settings, env: {}, codexHome, items, signal } as unknown as TurnContext;
  return { turn, items, signal };
}

/** Calls `tool` as the model would, with JSON arguments. */
export function callTool(tool: ToolHandler, context: ToolCallContext, args: unknown): Promise<ToolOutput> {
  const rawArguments = typeof args === "string" ? args : JSON.stringify(args);
  return tool.handle({ kind: "function", name: tool.name, callId: "call_1", arguments: rawArguments }, context);
}

/** Writes a file (creating parents) with a modification time `ageSeconds` in the past. */
export async function writeAged(root: string, relative: string, contents: string | Buffer, ageSeconds = 60): Promise<string> {
  const target = path.join(root, relative);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, contents);
  const time = new Date(Date.now() - ageSeconds * 1000);
  await utimes(target, time, time);
  return target;
}
