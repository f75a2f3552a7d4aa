/**
 * `read_file` indentation mode, Codex's algorithm: starting at an anchor line, grow the block up
 * and down one line at a time while lines are indented at least `minIndent` (anchor indent minus
 * `max_levels` tab stops; 0 levels = no floor), stop at a second line of the floor indent unless
 * siblings are wanted (comment headers above may still be taken), then trim blank edges.
 *
 * The block can reach at most `limit` lines either side of the anchor, so only that window is
 * kept while streaming, and reading stops right after it.
 */
import { trimRust, trimStartRust } from "../apply-patch/rust-text.js";
import { forEachLine } from "./line-reader.js";
import { formatLine, readLinesOrFail } from "./read-file-slice.js";
import { ToolFailure } from "./tool-failure.js";
import { decodeLossy } from "./utf8-text.js";

const TAB_WIDTH = 4;
const COMMENT_PREFIXES = ["#", "//", "--"];
// Indentation, blankness and comment markers are judged on this much of each line (a line whose
// first 4 KiB are all whitespace counts as blank).
const KEPT_LINE_BYTES = 4096;

export type IndentationOptions = {
  anchorLine: number | undefined;
  maxLevels: number;
  includeSiblings: boolean;
  includeHeader: boolean;
  maxLines: number | undefined;
};

type LineRecord = {
  number: number;
  raw: string;
  display: string;
  /** Indent of the line, or of the last non-blank line before it when blank. */
  effectiveIndent: number;
  isComment: boolean;
};

function measureIndent(line: string): number {
  let indent = 0;
  for (const character of line) {
    if (character === " ") indent += 1;
    else if (character === "\t") indent += TAB_WIDTH;
    else break;
  }
  return indent;
}

function formatRecord(record: LineRecord): string {
  return `L${record.number}: ${record.display}`;
}

/** The file's lines in `[firstIndex, lastIndex]` plus how many lines were read in total. */
async function readWindow(filePath: string, firstIndex: number, lastIndex: number, signal?: AbortSignal) {
  const records: LineRecord[] = [];
  let previousIndent = 0;
  let linesRead = 0;
  await readLinesOrFail(() =>
    forEachLine(
      filePath,
      KEPT_LINE_BYTES,
      (bytes, index) => {
        linesRead = index + 1;
        const raw = decodeLossy(bytes);
        const trimmedStart = trimStartRust(raw);
        if (trimmedStart !== "") previousIndent = measureIndent(raw);
        if (index >= firstIndex) {
          records.push({
            number: index + 1,
            raw,
            display: formatLine(bytes),
            effectiveIndent: previousIndent,
            isComment: COMMENT_PREFIXES.some((prefix) => trimmedStart.startsWith(prefix)),
          });
        }
        return index < lastIndex;
      },
      signal,
    ),
    signal,
  );
  return { records, linesRead };
}

export async function readIndentationBlock(
  filePath: string,
  offset: number,
  limit: number,
  options: IndentationOptions,
  signal?: AbortSignal,
): Promise<string[]> {
  const anchorLine = options.anchorLine ?? offset;
  if (anchorLine === 0) throw new ToolFailure("anchor_line must be a 1-indexed line number");
  const guardLimit = options.maxLines ?? limit;
  if (guardLimit === 0) throw new ToolFailure("max_lines must be greater than zero");

  const anchorIndex = anchorLine - 1;
  const reach = Math.min(limit, guardLimit);
  const firstIndex = Math.max(0, anchorIndex - reach);
  const { records, linesRead } = await readWindow(filePath, firstIndex, anchorIndex + reach, signal);
  if (linesRead === 0 || anchorLine > linesRead) throw new ToolFailure("anchor_line exceeds file length");
  const at = (index: number): LineRecord => records[index - firstIndex] as LineRecord;

  const anchor = at(anchorIndex);
  const minIndent = options.maxLevels === 0 ? 0 : Math.max(0, anchor.effectiveIndent - options.maxLevels * TAB_WIDTH);
  // Reading stopped early only when the file is longer than `reach`, so this is Codex's
  // `min(limit, max_lines, file length)`.
  const finalLimit = Math.min(reach, linesRead);
  if (finalLimit === 1) return [formatRecord(anchor)];

  // The block is `above` (nearest first) + anchor + `below`.
  const above: LineRecord[] = [];
  const below: LineRecord[] = [];
  const size = (): number => above.length + 1 + below.length;
  let up = anchorIndex - 1;
  let down = anchorIndex + 1;
  let upAtFloor = 0;
  let downAtFloor = 0;

  while (size() < finalLimit) {
    let progressed = 0;
    if (up >= 0) {
      const record = at(up);
      if (record.effectiveIndent >= minIndent) {
        above.push(record);
        progressed += 1;
        up -= 1;
        if (record.effectiveIndent === minIndent && !options.includeSiblings) {
          const allowHeaderComment = options.includeHeader && record.isComment;
          if (allowHeaderComment || upAtFloor === 0) {
            upAtFloor += 1;
          } else {
            // A second line at the floor is a sibling block's end: give it back and stop going up.
            above.pop();
            progressed -= 1;
            up = -1;
          }
        }
        if (size() >= finalLimit) break;
      } else {
        up = -1;
      }
    }
    if (down < linesRead) {
      const record = at(down);
      if (record.effectiveIndent >= minIndent) {
        below.push(record);
        progressed += 1;
        down += 1;
        if (record.effectiveIndent === minIndent && !options.includeSiblings) {
          if (downAtFloor > 0) {
            below.pop();
            progressed -= 1;
            down = Number.MAX_SAFE_INTEGER;
          }
          downAtFloor += 1;
        }
      } else {
        down = Number.MAX_SAFE_INTEGER;
      }
    }
    if (progressed === 0) break;
  }

  const block = [...above.reverse(), anchor, ...below];
  let start = 0;
  let end = block.length;
  while (start < end && trimRust((block[start] as LineRecord).raw) === "") start += 1;
  while (end > start && trimRust((block[end - 1] as LineRecord).raw) === "") end -= 1;
  return block.slice(start, end).map(formatRecord);
}
