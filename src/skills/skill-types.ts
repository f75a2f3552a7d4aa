/**
 * Skills registered in JavaScript (`CodexOptions.skills`, `ThreadOptions.skills`,
 * `codex.registerSkill`): the public shapes and their normalisation.
 */
import { InvalidArgumentError } from "../errors.js";

/** A skill: instructions the model receives when a prompt mentions it (e.g. `$db expert`). */
export type SkillDefinition = {
  /** The name used in mentions; may contain spaces (runs of whitespace count as one), at most 100 characters. */
  name: string;
  /** One line telling the model when the skill helps (at most 500 characters); shown in the skill list. */
  description?: string;
  /** The instructions injected into the turn when the skill is mentioned. */
  contents: string;
};

/** The character that starts a skill mention: `$` (Codex's, the default) or `@`. */
export type SkillMentionTrigger = "$" | "@";

/** Skills as options accept them: a list, or a map of name to contents (or to `{description, contents}`). */
export type SkillsOption = SkillDefinition[] | Record<string, string | { description?: string; contents: string }>;

/** A skill the engine knows: registered in JS (`contents`) or found as a SKILL.md file (`path`). */
export type Skill = {
  name: string;
  description: string | undefined;
  /** Set for JS skills; a SKILL.md skill's file is read when it is mentioned. */
  contents?: string;
  /** The SKILL.md file of a discovered skill. */
  path?: string;
};

const MAX_NAME = 100;
const MAX_DESCRIPTION = 500;

/** Checks one JS skill and returns it with its name's whitespace collapsed. */
export function normalizeSkillDefinition(skill: unknown, where: string): SkillDefinition {
  if (typeof skill !== "object" || skill === null) throw new InvalidArgumentError(`${where} must be {name, description?, contents}`);
  const { name, description, contents } = skill as Record<string, unknown>;
  if (typeof name !== "string") throw new InvalidArgumentError(`${where}.name must be a string`);
  const collapsed = name.trim().replace(/\s+/g, " ");
  if (collapsed.length === 0 || collapsed.length > MAX_NAME) {
    throw new InvalidArgumentError(`${where}.name must have 1 to ${MAX_NAME} characters, got ${JSON.stringify(name)}`);
  }
  if (description !== undefined && (typeof description !== "string" || description.length > MAX_DESCRIPTION)) {
    throw new InvalidArgumentError(`${where}.description of skill "${collapsed}" must be a string of at most ${MAX_DESCRIPTION} characters`);
  }
  if (typeof contents !== "string" || contents.trim().length === 0) {
    throw new InvalidArgumentError(`${where}.contents of skill "${collapsed}" must be a non-empty string`);
  }
  return { name: collapsed, ...(description !== undefined ? { description: description as string } : {}), contents };
}

/** Turns either accepted form into a checked list; a later skill of the same name replaces an earlier one. */
export function normalizeSkillsOption(option: unknown, where: string): SkillDefinition[] {
  if (option === undefined) return [];
  const entries: unknown[] = Array.isArray(option)
    ? option
    : typeof option === "object" && option !== null
      ? Object.entries(option).map(([name, value]) => (typeof value === "string" ? { name, contents: value } : { ...(value as object), name }))
      : [undefined];
  if (!Array.isArray(option) && (typeof option !== "object" || option === null)) {
    throw new InvalidArgumentError(`${where} must be a list of skills or a map of name to contents`);
  }
  const byName = new Map<string, SkillDefinition>();
  entries.forEach((entry, index) => {
    const skill = normalizeSkillDefinition(entry, `${where}[${index}]`);
    byName.set(skill.name, skill);
  });
  return [...byName.values()];
}

/** Checks `skillMentionTriggers`; default `["$"]`. */
export function normalizeMentionTriggers(option: unknown, where: string): SkillMentionTrigger[] | undefined {
  if (option === undefined) return undefined;
  if (!Array.isArray(option) || option.length === 0 || !option.every((trigger) => trigger === "$" || trigger === "@")) {
    throw new InvalidArgumentError(`${where} must be a non-empty list of "$" and/or "@"`);
  }
  return [...new Set(option as SkillMentionTrigger[])];
}

/** JS skills as the engine sees them. */
export function skillOfDefinition(definition: SkillDefinition): Skill {
  return { name: definition.name, description: definition.description, contents: definition.contents };
}
