/**
 * Finds skill mentions in a prompt: a trigger (`$`, or `@` when enabled) directly followed by a
 * skill's name, at a token boundary. Names may contain spaces; longer names are matched first so
 * that `$db expert` is not read as `$db`. Unknown mentions are simply not matches.
 */
import type { Skill, SkillMentionTrigger } from "./skill-types.js";

const nameCharacter = "[\\p{L}\\p{N}_-]";

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The skills `text` mentions, in order of first mention, each once. */
export function mentionedSkills(text: string, skills: readonly Skill[], triggers: readonly SkillMentionTrigger[]): Skill[] {
  const taken: Array<[number, number]> = [];
  const found: Array<{ at: number; skill: Skill }> = [];
  const longestFirst = [...skills].sort((left, right) => right.name.length - left.name.length);
  for (const skill of longestFirst) {
    const words = skill.name.split(" ").map(escape).join("\\s+");
    const pattern = new RegExp(`(?<!${nameCharacter})[${triggers.map(escape).join("")}]${words}(?!${nameCharacter})`, "gu");
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([from, to]) => start < to && end > from)) continue;
      taken.push([start, end]);
      if (!found.some((entry) => entry.skill === skill)) found.push({ at: start, skill });
    }
  }
  return found.sort((left, right) => left.at - right.at).map((entry) => entry.skill);
}
