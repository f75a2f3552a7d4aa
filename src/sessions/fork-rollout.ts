/**
 * Forking a session file: a new rollout, with its own thread id and `forked_from_id`, holding the
 * lines of the original before its nth (0-based) real user message, as Codex's fork keeps the
 * history before that message. The original file is only read.
 */
import { InvalidArgumentError } from "../errors.js";
import { collectUserMessages, COMPACTION_SUMMARY_PREFIX, isContextualUserText } from "./history-rebuild.js";
import type { RolloutContents } from "./rollout-reader.js";
import type { RolloutLine, SessionMetaInput } from "./rollout-schema.js";
import { serializeAppendableLine, type AppendableLine } from "./rollout-validation.js";
import { RolloutWriter } from "./rollout-writer.js";

function isRealUserMessage(line: RolloutLine): boolean {
  if (line.type !== "response_item") return false;
  return collectUserMessages([line.payload]).some((text) => !isContextualUserText(text) && !text.startsWith(`${COMPACTION_SUMMARY_PREFIX}\n`));
}

/** The lines to keep: everything before the nth user message and the turn framing that opened it. */
export function linesBeforeUserMessage(lines: readonly RolloutLine[], nthUserMessage: number): RolloutLine[] {
  const positions = lines.flatMap((line, index) => (isRealUserMessage(line) ? [index] : []));
  if (!Number.isInteger(nthUserMessage) || nthUserMessage < 0 || nthUserMessage >= positions.length) {
    throw new InvalidArgumentError(
      `nthUserMessage must be an integer from 0 to ${positions.length - 1} (the thread has ${positions.length} user message${positions.length === 1 ? "" : "s"}), got ${String(nthUserMessage)}`,
    );
  }
  let cut = positions[nthUserMessage]!;
  // Drop that turn's turn_context / task_started too: the fork's history ends after the previous turn.
  while (cut > 0) {
    const previous = lines[cut - 1]!;
    if (previous.type === "turn_context" || (previous.type === "event_msg" && previous.payload.type === "task_started")) cut -= 1;
    else break;
  }
  return lines.slice(0, cut).filter((line) => line.type !== "session_meta");
}

export type ForkRolloutOptions = {
  codexHome: string;
  env: Record<string, string | undefined>;
  source: RolloutContents;
  nthUserMessage: number;
  newThreadId: string;
};

/** Writes the fork's session file and returns its path. */
export async function forkRollout(options: ForkRolloutOptions): Promise<string> {
  const kept = linesBeforeUserMessage(options.source.lines, options.nthUserMessage);
  const { id, timestamp: _timestamp, git: _git, forked_from_id: _forkedFrom, ...meta } = options.source.meta;
  const forkMeta: SessionMetaInput = { ...meta, forked_from_id: id, source: meta.source ?? "exec" };
  const writer = await RolloutWriter.create({ codexHome: options.codexHome, threadId: options.newThreadId, env: options.env, meta: forkMeta });
  // Lines the writer would reject (an older CLI's shapes) are left out rather than failing the fork.
  const appendable = kept
    .map((line): AppendableLine => ({ type: line.type as AppendableLine["type"], payload: line.payload }))
    .filter((line) => {
      try {
        serializeAppendableLine(line);
        return true;
      } catch {
        return false;
      }
    });
  await writer.append(appendable);
  await writer.close();
  return writer.path;
}
