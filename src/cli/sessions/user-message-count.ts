/**
 * How many user messages a saved session has, counted as fork() counts them (real prompts, not
 * injected context or compaction summaries), so `fork --at` can default to the last one.
 */
import { SessionNotFoundError } from "../../errors.js";
import { collectUserMessages, COMPACTION_SUMMARY_PREFIX, isContextualUserText } from "../../sessions/history-rebuild.js";
import { findRolloutFile } from "../../sessions/rollout-paths.js";
import { readRollout } from "../../sessions/rollout-reader.js";

export async function userMessageCount(codexHome: string, sessionId: string): Promise<number> {
  const file = await findRolloutFile(codexHome, sessionId);
  if (!file) throw new SessionNotFoundError(sessionId);
  const { lines } = await readRollout(file);
  return lines.filter(
    (line) =>
      line.type === "response_item" &&
      collectUserMessages([line.payload]).some((text) => !isContextualUserText(text) && !text.startsWith(`${COMPACTION_SUMMARY_PREFIX}\n`)),
  ).length;
}
