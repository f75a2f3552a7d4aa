import { readFile } from "node:fs/promises";
import path from "node:path";
import { SessionNotFoundError } from "../errors.js";
import { rebuildHistory } from "./history-rebuild.js";
import { parseRolloutFileName } from "./rollout-paths.js";
import { scanRollout } from "./rollout-scan.js";
import type { RolloutLine, SessionMeta, TurnContext } from "./rollout-schema.js";

/** A rollout file, parsed and replayed. */
export interface RolloutContents {
  path: string;
  /** Payload of the first `session_meta` line (forks may carry their parent's meta further down). */
  meta: SessionMeta;
  /** Every line of a known type, in file order (unknown types are skipped). */
  lines: RolloutLine[];
  /**
   * The model-visible history: `response_item` payloads in order, restarted at each compaction
   * (from `replacement_history`, or rebuilt from the summary for older files).
   */
  history: Array<Record<string, unknown> & { type: string }>;
  /** True when `history` begins at a summary-only compaction and lacks the initial context. */
  historyRebuiltFromLegacyCompaction: boolean;
  /** The last `turn_context` payload in the file, if any. */
  lastTurnContext: TurnContext | null;
  /** True when a torn (half-written) last line was ignored. */
  tornTail: boolean;
  /** Lines of types this SDK does not know (e.g. 0.169's `world_state`), skipped. */
  skippedUnknownLines: number;
  /** 1-based numbers of lines that could not be parsed and were skipped (as the CLI skips them). */
  skippedCorruptLines: number[];
}

/** Reads the file's bytes, turning a missing file into `SessionNotFoundError`. */
export async function readRolloutBytes(filePath: string): Promise<Buffer> {
  try {
    return await readFile(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      const parsed = parseRolloutFileName(path.basename(filePath));
      throw new SessionNotFoundError(
        parsed === null ? { path: filePath } : { threadId: parsed.threadId, path: filePath },
      );
    }
    throw error;
  }
}

/**
 * Reads a rollout file written by the Codex CLI or by this SDK.
 * Throws `SessionNotFoundError` when the file is missing and `SessionFileCorruptError` (with the
 * 1-based line number) when the first line is not a readable `session_meta`. Other unreadable
 * lines are skipped and listed in `skippedCorruptLines`, as the CLI skips them.
 */
export async function readRollout(filePath: string): Promise<RolloutContents> {
  const scan = scanRollout(filePath, await readRolloutBytes(filePath));
  const lines: RolloutLine[] = [];
  let skippedUnknownLines = 0;
  let lastTurnContext: TurnContext | null = null;
  for (const { parsed } of scan.lines) {
    if (parsed.kind === "unknown") {
      skippedUnknownLines += 1;
      continue;
    }
    lines.push(parsed.line);
    if (parsed.line.type === "turn_context") lastTurnContext = parsed.line.payload;
  }
  const { history, rebuiltFromLegacyCompaction } = rebuildHistory(lines);
  return {
    path: filePath,
    meta: scan.meta,
    lines,
    history,
    historyRebuiltFromLegacyCompaction: rebuiltFromLegacyCompaction,
    lastTurnContext,
    tornTail: scan.tornTail,
    skippedUnknownLines,
    skippedCorruptLines: scan.skippedCorruptLines,
  };
}
