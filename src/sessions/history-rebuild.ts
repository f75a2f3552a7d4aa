/**
 * Rebuilds the model-visible history from a rollout's lines, as the CLI does on resume:
 * `response_item` payloads accumulate in order, and a `compacted` line resets them. Newer CLIs
 * store the full post-compaction history in `replacement_history`; older ones stored only the
 * summary, and the history is then re-derived from the earlier user messages plus that summary.
 */
import type { ResponseItem, RolloutLine } from "./rollout-schema.js";

/** Text the CLI puts before a compaction summary (`core/templates/compact/summary_prefix.md`). */
export const COMPACTION_SUMMARY_PREFIX =
  "Another language model started to solve this problem and produced a summary of its thinking process. You also have access to the state of the tools that were used by that language model. Use this to build on the work that has already been done and avoid duplicating work. Here is the summary produced by the other language model, use the information in this summary to  assist with your own analysis:";

/** How many tokens of earlier user messages a legacy compaction keeps (CLI: 20 000). */
const LEGACY_COMPACTION_USER_TOKENS = 20_000;

/**
 * Openings of user-role messages that Codex itself injects (instructions, environment, skills,
 * shell echoes); they are context, not things the user said, so compaction does not carry them.
 */
const CONTEXTUAL_USER_PREFIXES = [
  "# agents.md instructions for ",
  "<user_instructions>",
  "<environment_context>",
  "<skill>",
  "<user_shell_command>",
  "<turn_aborted>",
];

export interface RebuiltHistory {
  history: ResponseItem[];
  /**
   * True when the history starts from a summary-only (legacy) compaction. Such a history lacks
   * the initial context (permissions, instructions, environment), which the caller must prepend.
   */
  rebuiltFromLegacyCompaction: boolean;
}

/** Joined text of a message's text parts, as the CLI's `content_items_to_text`. */
function messageText(item: ResponseItem): string | null {
  if (!Array.isArray(item.content)) return null;
  const pieces: string[] = [];
  for (const part of item.content as unknown[]) {
    if (typeof part !== "object" || part === null) continue;
    const text = (part as { text?: unknown }).text;
    if (typeof text === "string" && text !== "") pieces.push(text);
  }
  return pieces.length > 0 ? pieces.join("\n") : null;
}

/** True for user-role text Codex itself injects (instructions, environment, skills, …). */
export function isContextualUserText(text: string): boolean {
  const opening = text.trimStart().toLowerCase();
  return CONTEXTUAL_USER_PREFIXES.some((prefix) => opening.startsWith(prefix));
}

/** Real user messages of `history`: no injected context, no earlier compaction summaries. */
export function collectUserMessages(history: ResponseItem[]): string[] {
  const messages: string[] = [];
  for (const item of history) {
    if (item.type !== "message" || item.role !== "user") continue;
    const text = messageText(item);
    if (text === null) continue;
    if (isContextualUserText(text)) continue;
    if (text.startsWith(`${COMPACTION_SUMMARY_PREFIX}\n`)) continue;
    messages.push(text);
  }
  return messages;
}

/** The CLI's rough token estimate: UTF-8 bytes / 4, rounded up. */
export function approximateTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, "utf8") / 4);
}

function userMessage(text: string): ResponseItem {
  return { type: "message", role: "user", content: [{ type: "input_text", text }] };
}

/**
 * History after a summary-only compaction: the most recent user messages that fit the token
 * budget (oldest first), then the summary as a user message. The CLI middle-truncates the one
 * message that straddles the budget; here it is left out, which keeps the result under budget.
 */
function legacyCompactedHistory(previous: ResponseItem[], summary: string): ResponseItem[] {
  const selected = recentUserMessages(previous);
  return [...selected.map(userMessage), userMessage(summary === "" ? "(no summary available)" : summary)];
}

/** The most recent real user messages that fit the 20 000-token budget, oldest first. */
export function recentUserMessages(history: ResponseItem[]): string[] {
  const selected: string[] = [];
  let remaining = LEGACY_COMPACTION_USER_TOKENS;
  for (const message of collectUserMessages(history).reverse()) {
    const cost = approximateTokens(message);
    if (cost > remaining) break;
    selected.push(message);
    remaining -= cost;
  }
  return selected.reverse();
}

/** Replays `lines` into the history the model saw at the end of the file. */
export function rebuildHistory(lines: readonly RolloutLine[]): RebuiltHistory {
  let history: ResponseItem[] = [];
  let rebuiltFromLegacyCompaction = false;
  for (const line of lines) {
    if (line.type === "response_item") {
      history.push(line.payload);
    } else if (line.type === "compacted") {
      const replacement = line.payload.replacement_history;
      if (replacement !== undefined && replacement !== null) {
        history = [...replacement];
        rebuiltFromLegacyCompaction = false;
      } else {
        history = legacyCompactedHistory(history, line.payload.message);
        rebuiltFromLegacyCompaction = true;
      }
    }
  }
  return { history, rebuiltFromLegacyCompaction };
}
