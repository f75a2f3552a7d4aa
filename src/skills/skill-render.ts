/**
 * What the model is told about skills: the list sent at the start of a thread (in a
 * `<skills_instructions>` developer message, as Codex 0.169 sends it), and the `<skill>` message
 * recorded after a prompt that mentions one (Codex's shape).
 * The wording is our own.
 */
import { readFile } from "node:fs/promises";
import type { Skill, SkillMentionTrigger } from "./skill-types.js";

/** The `## Skills` section, or undefined when there are no skills. */
export function skillsSection(skills: readonly Skill[], triggers: readonly SkillMentionTrigger[]): string | undefined {
  if (skills.length === 0) return undefined;
  const lines = skills.map((skill) => {
    const description = skill.description ? `: ${skill.description}` : "";
    return skill.path ? `- ${skill.name}${description} (file: ${skill.path})` : `- ${skill.name}${description}`;
  });
  const mention = triggers.map((trigger) => `\`${trigger}<name>\``).join(" or ");
  return [
    "## Skills",
    "Skills are packaged instructions for particular kinds of work. These are available in this session:",
    "### Available skills",
    ...lines,
    "### How to use skills",
    `- When the user mentions a skill (${mention}), its instructions are added to the conversation right after the message: follow them for that request.`,
    "- When a task clearly matches a skill that has a file but was not mentioned, open that SKILL.md and follow it; read only as much of it, and of the files it points to, as the task needs.",
    "- Resolve relative paths in a skill against the directory of its SKILL.md.",
    "- If a skill's file cannot be read, say so briefly and continue without it.",
  ].join("\n");
}

/** The text of the user message that injects `skill`; reads a SKILL.md skill's file. */
export async function skillInjectionText(skill: Skill): Promise<string> {
  const contents = skill.contents ?? (await readFile(skill.path!, "utf8"));
  const pathLine = skill.path ? `<path>${skill.path}</path>\n` : "";
  return `<skill>\n<name>${skill.name}</name>\n${pathLine}${contents}\n</skill>`;
}
