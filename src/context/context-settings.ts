/**
 * The thread settings of this module's features (project docs, skills, personality, ephemeral
 * threads, compaction prompt, per-turn budgets), resolved once from ThreadOptions over config.
 */
import path from "node:path";
import type { EngineConfig } from "../config/engine-config.js";
import { InvalidArgumentError } from "../errors.js";
import type { ThreadOptions } from "../options/thread-options.js";
import { normalizeMentionTriggers, normalizeSkillsOption, type SkillDefinition, type SkillMentionTrigger } from "../skills/skill-types.js";
import { isPersonality, type Personality } from "./personality.js";

export type ContextSettings = {
  /** Read project docs (AGENTS.md and its alternatives) from the repository; false = only the global file. */
  projectDocs: boolean;
  /** Config `project_doc_fallback_filenames`: names tried after AGENTS.override.md and AGENTS.md. */
  projectDocFallbackFilenames: string[];
  /** ThreadOptions.additionalProjectDocs, absolute: read after the discovered docs. */
  additionalProjectDocs: string[];
  /** Config `project_root_markers`, default `[".git"]`. */
  projectRootMarkers: string[];
  personality: Personality | undefined;
  /** No session file; the thread cannot be resumed. */
  ephemeral: boolean;
  maxToolCalls: number | undefined;
  tokenBudget: number | undefined;
  /** Config `compact_prompt`, else our own summarisation prompt. */
  compactPrompt: string | undefined;
  /** The thread's own JS skills (the Codex instance's are added at run time). */
  skills: SkillDefinition[];
  skillMentionTriggers: SkillMentionTrigger[] | undefined;
  /** SKILL.md files disabled by `[[skills.config]]` entries with `enabled = false`. */
  disabledSkillPaths: string[];
};

function stringList(value: unknown, key: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === "string")) {
    throw new InvalidArgumentError(`config ${key} must be a list of strings`);
  }
  return value;
}

function disabledSkillPaths(engine: EngineConfig): string[] {
  const entries = (engine.config.skills as { config?: unknown } | undefined)?.config;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry) => {
    const { path: file, enabled } = (entry ?? {}) as { path?: unknown; enabled?: unknown };
    return typeof file === "string" && enabled === false ? [path.resolve(engine.codexHome, file)] : [];
  });
}

export function resolveContextSettings(engine: EngineConfig, options: ThreadOptions, cwd: string): ContextSettings {
  const config = engine.config;
  const personality = options.personality ?? (isPersonality(config.personality) ? config.personality : undefined);
  const compactPrompt = typeof config.compact_prompt === "string" && config.compact_prompt.trim() ? config.compact_prompt : undefined;
  return {
    projectDocs: options.projectDocs ?? true,
    projectDocFallbackFilenames: stringList(config.project_doc_fallback_filenames, "project_doc_fallback_filenames") ?? [],
    additionalProjectDocs: (options.additionalProjectDocs ?? []).map((file) => path.resolve(cwd, file)),
    projectRootMarkers: stringList(config.project_root_markers, "project_root_markers") ?? [".git"],
    personality,
    ephemeral: options.ephemeral ?? false,
    maxToolCalls: options.maxToolCalls,
    tokenBudget: options.tokenBudget,
    compactPrompt,
    skills: normalizeSkillsOption(options.skills, "ThreadOptions.skills"),
    skillMentionTriggers: normalizeMentionTriggers(options.skillMentionTriggers, "ThreadOptions.skillMentionTriggers"),
    disabledSkillPaths: disabledSkillPaths(engine),
  };
}
