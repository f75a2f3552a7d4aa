/**
 * The skills a thread knows at a given turn: its own JS skills, then the Codex instance's, then
 * the SKILL.md files found when the thread opened (an earlier source wins a name), with the
 * mention triggers that apply; and the messages a prompt's mentions inject.
 */
import type { EngineConfig } from "../config/engine-config.js";
import type { ThreadSettings } from "../config/thread-settings.js";
import type { ResponseItem } from "../model/response-items.js";
import { discoverSkills } from "./skill-discovery.js";
import { mentionedSkills } from "./skill-mentions.js";
import { skillInjectionText } from "./skill-render.js";
import { skillOfDefinition, type Skill, type SkillDefinition, type SkillMentionTrigger } from "./skill-types.js";

/** The Codex instance's skills and triggers, read at each turn (registerSkill may add some). */
export type CodexSkills = { skills: readonly SkillDefinition[]; triggers: readonly SkillMentionTrigger[] | undefined };

export type SkillCatalog = { skills: Skill[]; triggers: SkillMentionTrigger[] };

export function skillCatalog(discovered: readonly Skill[], settings: ThreadSettings, codex: CodexSkills): SkillCatalog {
  const byName = new Map<string, Skill>();
  for (const skill of [...settings.context.skills.map(skillOfDefinition), ...codex.skills.map(skillOfDefinition), ...discovered]) {
    if (!byName.has(skill.name)) byName.set(skill.name, skill);
  }
  return { skills: [...byName.values()], triggers: [...(settings.context.skillMentionTriggers ?? codex.triggers ?? ["$"])] };
}

/** SKILL.md skills visible from the thread's working directory. */
export function discoverThreadSkills(engine: EngineConfig, settings: ThreadSettings): Promise<Skill[]> {
  return discoverSkills({
    cwd: settings.cwd,
    codexHome: engine.codexHome,
    home: engine.env.HOME,
    projectRootMarkers: settings.context.projectRootMarkers,
    disabledPaths: new Set(settings.context.disabledSkillPaths),
  });
}

/** One `<skill>` user message per skill the prompt mentions; an unreadable SKILL.md is skipped with a warning. */
export async function skillInjections(prompt: string, catalog: SkillCatalog): Promise<ResponseItem[]> {
  const messages: ResponseItem[] = [];
  for (const skill of mentionedSkills(prompt, catalog.skills, catalog.triggers)) {
    let text: string;
    try {
      text = await skillInjectionText(skill);
    } catch (error) {
      process.emitWarning(`Skill "${skill.name}" was mentioned but ${skill.path} cannot be read: ${(error as Error).message}`, {
        code: "CODEX_NATIVE_SKILL_UNREADABLE",
      });
      continue;
    }
    messages.push({ type: "message", role: "user", content: [{ type: "input_text", text }] });
  }
  return messages;
}
