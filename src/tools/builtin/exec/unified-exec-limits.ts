/**
 * Unified exec's defaults, clamps and per-process environment, and the text of one answer built
 * from the bytes a call collected.
 */
import { randomHexDigits } from "../../../util/random-bytes.js";
import { decodeLossy } from "./captured-output.js";
import { formatUnifiedExecResponse } from "./exec-output-format.js";
import { approxTokenCount, formattedTruncateText, tokenBudget, type TruncationPolicy } from "./truncation.js";

export const DEFAULT_EXEC_YIELD_TIME_MS = 10_000;
export const DEFAULT_WRITE_STDIN_YIELD_TIME_MS = 250;
export const MIN_YIELD_TIME_MS = 250;
export const MAX_YIELD_TIME_MS = 30_000;
/** An empty write_stdin is a poll: it waits at least this long… */
export const MIN_EMPTY_YIELD_TIME_MS = 5_000;
/** …and at most this long (the 0.169 CLI's background-terminal cap, as its schema says). */
export const MAX_EMPTY_YIELD_TIME_MS = 300_000;
export const DEFAULT_MAX_OUTPUT_TOKENS = 10_000;
/** How long write_stdin lets the process react to its input before collecting. */
export const WRITE_STDIN_SETTLE_MS = 100;

/** Environment every unified exec process gets on top of the thread's (Codex `UNIFIED_EXEC_ENV`). */
export const UNIFIED_EXEC_ENV: Readonly<Record<string, string>> = {
  NO_COLOR: "1",
  TERM: "dumb",
  LANG: "C.UTF-8",
  LC_CTYPE: "C.UTF-8",
  LC_ALL: "C.UTF-8",
  COLORTERM: "",
  PAGER: "cat",
  GIT_PAGER: "cat",
  GH_PAGER: "cat",
  CODEX_CI: "1",
};

function clamp(value: number, minimum: number, maximum: number): number {
  return Math.min(Math.max(value, minimum), maximum);
}

/** exec_command's wait: default 10 s, clamped to [250 ms, 30 s]. */
export function execCommandYieldTime(requested: number | undefined): number {
  return clamp(requested ?? DEFAULT_EXEC_YIELD_TIME_MS, MIN_YIELD_TIME_MS, MAX_YIELD_TIME_MS);
}

/** write_stdin's wait: default 250 ms in [250 ms, 30 s]; an empty poll waits 5 s to 300 s. */
export function writeStdinYieldTime(requested: number | undefined, chars: string): number {
  const wanted = Math.max(requested ?? DEFAULT_WRITE_STDIN_YIELD_TIME_MS, MIN_YIELD_TIME_MS);
  return chars.length === 0 ? clamp(wanted, MIN_EMPTY_YIELD_TIME_MS, MAX_EMPTY_YIELD_TIME_MS) : Math.min(wanted, MAX_YIELD_TIME_MS);
}

/** The call's token budget: its `max_output_tokens` (default 10 000), capped by the model's policy. */
export function outputTokenBudget(requested: number | undefined, policy: TruncationPolicy): number {
  return Math.min(requested ?? DEFAULT_MAX_OUTPUT_TOKENS, tokenBudget(policy));
}

/** Six random lowercase hex digits. */
export function generateChunkId(): string {
  return randomHexDigits(6);
}

/** The model's text for one collection: header lines, then the output truncated to `maxTokens`. */
export function unifiedExecResponseText(options: {
  collected: Buffer;
  wallTimeMs: number;
  exitCode?: number;
  processId?: number;
  maxTokens: number;
}): string {
  const text = decodeLossy(options.collected);
  return formatUnifiedExecResponse({
    chunkId: generateChunkId(),
    wallTimeMs: options.wallTimeMs,
    ...(options.exitCode === undefined ? {} : { exitCode: options.exitCode }),
    ...(options.processId === undefined ? {} : { processId: options.processId }),
    originalTokenCount: approxTokenCount(text),
    output: formattedTruncateText(text, { mode: "tokens", limit: options.maxTokens }),
  });
}
