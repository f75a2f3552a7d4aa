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
import { personalityMessage } from "../context/personality.js";
import type { ContextUsage } from "../compaction/compaction-threshold.js";
import { discoverThreadSkills, skillCatalog, type CodexSkills, type SkillCatalog } from "../skills/skill-catalog.js";
import { skillsSection } from "../skills/skill-render.js";
import type { Skill } from "../skills/skill-types.js";
import type { Usage } from "../protocol/events.js";
import { SessionNotFoundError } from "../errors.js";
import { ResponseItem } from "../model/response-items.js";
import { sandboxPolicyToCodex } from "../sandbox/sandbox-policy.js";
import { readRollout, type RolloutContents } from "../sessions/rollout-reader.js";
import { findRolloutFile } from "../sessions/rollout-paths.js";
import { RolloutWriter } from "../sessions/rollout-writer.js";
import { forkRollout } from "../sessions/fork-rollout.js";
import { uuidV7 } from "../util/uuid-v7.js";
import { packageVersion } from "../util/package-root.js";
import { textMessage } from "./history.js";
import { emptyUsage } from "./usage.js";
import { SessionRecorder } from "./session-recorder.js";

export const originator = "codex_native_sdk";

/** What a thread keeps across turns besides its history: skills found on disk, token usage. */
export type SessionContext = {
  /** SKILL.md skills found when the session opened. */
  discoveredSkills: Skill[];
  /** Token usage summed over every model request of the thread (restored on resume). */
  usage: Usage;
  /** What the context held at the last response, for the auto-compaction decision. */
  contextUsage: ContextUsage;
};

export type OpenedSession = { recorder: SessionRecorder; history: ResponseItem[]; session: SessionContext };

/** The context items Codex records at the start of a session (and after a compaction), in its order. */
export function initialContext(engine: EngineConfig, settings: ThreadSettings, catalog: SkillCatalog): ResponseItem[] {
  const items = [textMessage("developer", permissionsMessage(settings.sandbox, settings.approvalPolicy, settings.cwd, engine.env))];
  if (settings.developerInstructions) items.push(textMessage("developer", settings.developerInstructions));
  const personality = personalityMessage(settings.context.personality);
  if (personality) items.push(textMessage("developer", personality));
  // Codex 0.169 sends the skill list as a `<skills_instructions>` developer message.
  const skills = skillsSection(catalog.skills, catalog.triggers);
  if (skills) items.push(textMessage("developer", `<skills_instructions>\n${skills}\n</skills_instructions>`));
  const docs = loadUserInstructions(engine.codexHome, settings.cwd, {
    maxBytes: settings.projectDocMaxBytes,
    enabled: settings.context.projectDocs,
    fallbackFilenames: settings.context.projectDocFallbackFilenames,
    rootMarkers: settings.context.projectRootMarkers,
    additional: settings.context.additionalProjectDocs,
  });
  if (docs) items.push(textMessage("user", userInstructionsMessage(settings.cwd, docs)));
  items.push(textMessage("user", environmentContext(settings.cwd, engine.env)));
  return items;
}

export async function startSession(
  engine: EngineConfig,
  settings: ThreadSettings,
  threadId: string,
  codexSkills: CodexSkills,
): Promise<OpenedSession> {
  const discoveredSkills = await discoverThreadSkills(engine, settings);
  const history = initialContext(engine, settings, skillCatalog(discoveredSkills, settings, codexSkills));
  const session: SessionContext = { discoveredSkills, usage: emptyUsage(), contextUsage: { lastTotalTokens: 0, historyLengthThen: 0 } };
  // An ephemeral thread keeps everything in memory: no file, so nothing to resume.
  if (settings.context.ephemeral) return { recorder: new SessionRecorder(null), history, session };
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
  await recorder.record(history.map((item) => ({ item })));
  return { recorder, history, session };
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
  // Resumed as ephemeral: the file is read but the continuation stays in memory.
  const recorder = new SessionRecorder(settings.context.ephemeral ? null : await RolloutWriter.openForAppend(file));
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
  const usage = recordedUsage(contents);
  const session: SessionContext = {
    discoveredSkills: await discoverThreadSkills(engine, settings),
    usage: usage.total,
    contextUsage: { lastTotalTokens: usage.lastTotalTokens, historyLengthThen: history.length },
  };
  return { recorder, history, session };
}

/** The thread's usage as its last `token_count` line recorded it (zero when there is none). */
function recordedUsage(contents: RolloutContents): { total: Usage; lastTotalTokens: number } {
  const total = emptyUsage();
  let lastTotalTokens = 0;
  for (const line of contents.lines) {
    if (line.type === "compacted") lastTotalTokens = 0;
    if (line.type !== "event_msg" || line.payload.type !== "token_count") continue;
    const info = line.payload.info as { total_token_usage?: Record<string, number>; last_token_usage?: Record<string, number> } | null | undefined;
    if (!info?.total_token_usage) continue;
    total.input_tokens = info.total_token_usage.input_tokens ?? 0;
    total.cached_input_tokens = info.total_token_usage.cached_input_tokens ?? 0;
    total.output_tokens = info.total_token_usage.output_tokens ?? 0;
    total.reasoning_output_tokens = info.total_token_usage.reasoning_output_tokens ?? 0;
    lastTotalTokens = info.last_token_usage?.total_tokens ?? 0;
  }
  return { total, lastTotalTokens };
}

/** Writes a fork of `threadId`'s session file (history before its nth user message); returns the new thread id. */
export async function forkSession(engine: EngineConfig, threadId: string, nthUserMessage: number): Promise<string> {
  const source = await readSessionFile(engine, threadId);
  const newThreadId = uuidV7();
  await forkRollout({ codexHome: engine.codexHome, env: engine.env, source, nthUserMessage, newThreadId });
  return newThreadId;
}
