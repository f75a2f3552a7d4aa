/**
 * Splits a rollout file into lines and classifies each one. Shared by the reader (which builds
 * history from the result) and the writer's resume path (which needs the last good byte and the
 * last ordinal), so both apply exactly the same tolerance rules:
 * - blank lines are skipped, as the CLI does;
 * - the last non-blank line may be torn (not valid JSON: a write cut short by a crash) and is dropped;
 * - any other line that is not valid JSON, or is valid JSON of the wrong shape, is skipped and
 *   reported (the CLI skips such lines too);
 * - the first line must be a readable `session_meta`: without it the file is corrupt.
 * Error messages never quote line content: a line may hold anything the model or user wrote.
 */
import type { SpecIssue } from "../validation/check-spec.js";
import { SessionFileCorruptError } from "../errors.js";
import {
  KNOWN_LINE_TYPES,
  RolloutLine,
  UnknownRolloutLine,
  type ParsedRolloutLine,
  type SessionMeta,
} from "./rollout-schema.js";

/** Outcome of parsing one line's text. */
export type LineParseResult =
  | { ok: true; parsed: ParsedRolloutLine }
  | { ok: false; notJson: boolean; reason: string };

/** One usable line of a scanned file. */
export interface ScannedLine {
  /** 1-based physical line number (blank lines count). */
  lineNumber: number;
  parsed: ParsedRolloutLine;
}

/** Everything a reader or appender needs to know about a file's lines. */
export interface RolloutScan {
  /** Payload of the first line, which is always `session_meta`. */
  meta: SessionMeta;
  lines: ScannedLine[];
  /** True when a torn last line was dropped. */
  tornTail: boolean;
  /** Byte length of the file without the torn last line (the whole file when nothing was torn). */
  validByteLength: number;
  /** 1-based numbers of unreadable lines that were skipped (not counting a torn last line). */
  skippedCorruptLines: number[];
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function describeIssues(issues: readonly SpecIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(line)"}: ${issue.message}`)
    .join("; ");
}

/** Parses one line of text; never throws. */
export function parseRolloutLineText(text: string): LineParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse messages can quote the input, so the reason is generic on purpose.
    return { ok: false, notJson: true, reason: "not valid JSON" };
  }
  const type = typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;
  if (typeof type === "string" && !KNOWN_LINE_TYPES.has(type)) {
    const unknown = UnknownRolloutLine.safeParse(value);
    return unknown.success
      ? { ok: true, parsed: { kind: "unknown", line: unknown.data } }
      : { ok: false, notJson: false, reason: describeIssues(unknown.issues) };
  }
  const known = RolloutLine.safeParse(value);
  return known.success
    ? { ok: true, parsed: { kind: "known", line: known.data } }
    : { ok: false, notJson: false, reason: describeIssues(known.issues) };
}

/** The non-blank lines of `bytes` with their 1-based numbers and start offsets. */
function splitLines(bytes: Buffer): Array<{ lineNumber: number; start: number; text: string }> {
  const ranges: Array<{ lineNumber: number; start: number; text: string }> = [];
  let start = 0;
  let lineNumber = 1;
  while (start < bytes.length) {
    const newline = bytes.indexOf(NEWLINE, start);
    const lineEnd = newline === -1 ? bytes.length : newline;
    let contentEnd = lineEnd;
    if (contentEnd > start && bytes[contentEnd - 1] === CARRIAGE_RETURN) contentEnd -= 1;
    const text = bytes.subarray(start, contentEnd).toString("utf8");
    if (text.trim() !== "") ranges.push({ lineNumber, start, text });
    start = lineEnd + 1;
    lineNumber += 1;
  }
  return ranges;
}

/** Classifies every line of a rollout file; throws `SessionFileCorruptError` when it is unusable. */
export function scanRollout(path: string, bytes: Buffer): RolloutScan {
  const ranges = splitLines(bytes);
  if (ranges.length === 0) {
    throw new SessionFileCorruptError(path, 1, "the file is empty");
  }
  const lines: ScannedLine[] = [];
  let meta: SessionMeta | undefined;
  let tornTail = false;
  let validByteLength = bytes.length;
  const skippedCorruptLines: number[] = [];
  for (const [index, range] of ranges.entries()) {
    const result = parseRolloutLineText(range.text);
    const isLast = index === ranges.length - 1;
    if (!result.ok) {
      // Only the very last line can be a half-written line; anything earlier was written whole.
      if (isLast && result.notJson) {
        tornTail = true;
        validByteLength = range.start;
        break;
      }
      if (index === 0) throw new SessionFileCorruptError(path, range.lineNumber, result.reason);
      skippedCorruptLines.push(range.lineNumber);
      continue;
    }
    if (index === 0) {
      if (result.parsed.kind !== "known" || result.parsed.line.type !== "session_meta") {
        throw new SessionFileCorruptError(path, range.lineNumber, "the first line is not session_meta");
      }
      meta = result.parsed.line.payload;
    }
    lines.push({ lineNumber: range.lineNumber, parsed: result.parsed });
  }
  if (meta === undefined) {
    // The only line was torn: the session meta was never completely written.
    throw new SessionFileCorruptError(path, ranges[0]?.lineNumber ?? 1, "the session_meta line is incomplete");
  }
  return { meta, lines, tornTail, validByteLength, skippedCorruptLines };
}
