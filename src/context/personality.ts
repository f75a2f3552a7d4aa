/**
 * The `personality` setting (ThreadOptions / config `personality`): a developer message in the
 * initial context, as Codex sends its personality spec when the base instructions do not embed
 * one. The descriptions are our own.
 */

/** Communication style of the agent: `none` adds nothing; `friendly` and `pragmatic` add a style note. */
export type Personality = "none" | "friendly" | "pragmatic";

const descriptions: Record<Exclude<Personality, "none">, string> = {
  friendly:
    "Be warm and encouraging. Explain your reasoning in plain words, acknowledge what the user did well, and keep a collaborative tone, while staying precise and getting the work done.",
  pragmatic:
    "Be direct and efficient. Lead with the result, skip pleasantries and filler, state trade-offs plainly, and keep explanations to what the user needs to act.",
};

/** The developer message text for `personality`, or undefined for `none` / unset. */
export function personalityMessage(personality: Personality | undefined): string | undefined {
  if (personality === undefined || personality === "none") return undefined;
  return `<personality_spec>\nThe user has asked for this communication style; follow it in every message:\n${descriptions[personality]}\n</personality_spec>`;
}

export function isPersonality(value: unknown): value is Personality {
  return value === "none" || value === "friendly" || value === "pragmatic";
}
