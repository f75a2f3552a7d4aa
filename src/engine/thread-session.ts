/**
 * Opens a thread's session file: a new rollout with the initial context (permissions, developer
 * instructions, AGENTS.md, environment), or an existing one found by id whose history is replayed
 * and which is then appended to, as `codex resume` does.
 */
import type { EngineConfig } from "../config/engine-config.js";
import type { ThreadSettings } from "../config/thread-settings.js";
import { loadUserInstructions, userInstructionsMessage } from "../context/agents-md.js";
import { environmentContext } from "../context/environment-context.js";
import { permissionsMessage } from "../context/permissions-message.js";
import { SessionNotFoundError } from "../errors.js";
import { ResponseItem } from "../model/response-items.js";
import { sandboxPolicyToCodex } from "../sandbox/sandbox-policy.js";
import { readRollout, type RolloutContents } from "../sessions/rollout-reader.js";
import { findRolloutFile } from "../sessions/rollout-paths.js";
import { RolloutWriter } from "../sessions/rollout-writer.js";
import { packageVersion } from "../util/package-root.js";
import { textMessage } from "./history.js";
import { SessionRecorder } from "./session-recorder.js";

export const originator = "codex_native_sdk";

export type OpenedSession = { recorder: SessionRecorder; history: ResponseItem[] };

/** The context items Codex records at the start of a session, in its order. */
export function initialContext(engine: EngineConfig, settings: ThreadSettings): ResponseItem[] {
  const items = [textMessage("developer", permissionsMessage(settings.sandbox, settings.approvalPolicy, settings.cwd, engine.env))];
  if (settings.developerInstructions) items.push(textMessage("developer", settings.developerInstructions));
  const userInstructions = loadUserInstructions(engine.codexHome, settings.cwd, settings.projectDocMaxBytes);
  if (userInstructions) items.push(textMessage("user", userInstructionsMessage(settings.cwd, userInstructions)));
  items.push(textMessage("user", environmentContext(settings.cwd, engine.env)));
  return items;
}

export async function startSession(engine: EngineConfig, settings: ThreadSettings, threadId: string): Promise<OpenedSession> {
  const writer = await RolloutWriter.create({
    codexHome: engine.codexHome,
    threadId,
    env: engine.env,
    meta: {
      cwd: settings.cwd,
      originator,
      cli_version: packageVersion(),
      source: "exec",
      thread_source: settings.source,
      model_provider: engine.config.model_provider ?? "openai",
      base_instructions: { text: settings.baseInstructions },
    },
  });
  const recorder = new SessionRecorder(writer);
  const history = initialContext(engine, settings);
  await recorder.record(history.map((item) => ({ item })));
  return { recorder, history };
}

/** Finds and reads a thread's session file; warns once about corrupt lines that were skipped. */
export async function readSessionFile(engine: EngineConfig, threadId: string): Promise<RolloutContents> {
  const file = await findRolloutFile(engine.codexHome, threadId);
  if (!file) throw new SessionNotFoundError(threadId);
  const contents = await readRollout(file);
  if (contents.skippedCorruptLines.length > 0) {
    process.emitWarning(
      `Skipped ${contents.skippedCorruptLines.length} unreadable line(s) of ${file} (line ${contents.skippedCorruptLines.join(", ")})`,
      { code: "CODEX_NATIVE_SESSION_LINES_SKIPPED" },
    );
  }
  return contents;
}

export async function resumeSession(engine: EngineConfig, settings: ThreadSettings, contents: RolloutContents): Promise<OpenedSession> {
  const file = contents.path;
  // Items this engine does not model (e.g. 0.169's additional_tools) are not sent back to the model.
  const history: ResponseItem[] = [];
  for (const payload of contents.history) {
    const parsed = ResponseItem.safeParse(payload);
    if (parsed.success) history.push(parsed.data);
  }
  const recorder = new SessionRecorder(await RolloutWriter.openForAppend(file));
  // If the thread now runs somewhere else or with other permissions, tell the model, as Codex does.
  const last = contents.lastTurnContext as { cwd?: string; approval_policy?: unknown; sandbox_policy?: unknown } | null;
  const updates: ResponseItem[] = [];
  const permissionsChanged =
    last !== null &&
    (JSON.stringify(last.sandbox_policy) !== JSON.stringify(sandboxPolicyToCodex(settings.sandbox)) ||
      last.approval_policy !== settings.approvalPolicy);
  if (permissionsChanged) {
    updates.push(textMessage("developer", permissionsMessage(settings.sandbox, settings.approvalPolicy, settings.cwd, engine.env)));
  }
  if (last?.cwd !== undefined && last.cwd !== settings.cwd) updates.push(textMessage("user", environmentContext(settings.cwd, engine.env)));
  if (updates.length > 0) {
    await recorder.record(updates.map((item) => ({ item })));
    history.push(...updates);
  }
  return { recorder, history };
}
