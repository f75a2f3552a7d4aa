import { computeReplacementsError } from "./errors.js";
import type { UpdateFileChunk } from "./parser.js";
import { seekSequence } from "./seek-sequence.js";

/**
 * How an update treats line endings:
 * - `normalize` (Codex's default): the file is split on `\n`, edited lines are written with `\n`, and the
 *   result always ends with a newline.
 * - `preserve`: every untouched line (context lines included) keeps its own ending, inserted lines use the
 *   file's first ending (`\r\n` for a CRLF file), and the result always ends with a newline.
 */
export type LineEndingMode = "normalize" | "preserve";

/** `[startLine, removedLineCount, insertedLines]`, as Codex's `compute_replacements` produces them. */
type Replacement = [start: number, removedCount: number, inserted: string[]];

/**
 * Applies the chunks of one Update hunk to `original` and returns the new file contents.
 * `displayPath` is the absolute path used in error messages.
 * @throws ApplyPatchError (`compute-replacements`) when a context line or the expected lines are not found.
 */
export function deriveNewContents(
  original: string,
  chunks: readonly UpdateFileChunk[],
  displayPath: string,
  mode: LineEndingMode,
): string {
  return mode === "preserve"
    ? applyPreservingEndings(original, chunks, displayPath)
    : applyNormalizingEndings(original, chunks, displayPath);
}

function applyNormalizingEndings(original: string, chunks: readonly UpdateFileChunk[], displayPath: string): string {
  const lines = original.split("\n");
  // The empty element after the final newline is not a line.
  if (lines[lines.length - 1] === "") lines.pop();
  const replacements = computeReplacements(lines, displayPath, chunks, "normalize");
  const newLines = applyReplacements(lines, replacements, (text) => text);
  if (newLines[newLines.length - 1] !== "") newLines.push("");
  return newLines.join("\n");
}

interface SourceLine {
  text: string;
  ending: "\n" | "\r\n" | undefined;
}

function applyPreservingEndings(original: string, chunks: readonly UpdateFileChunk[], displayPath: string): string {
  const sourceLines: SourceLine[] = [];
  let preferredEnding: "\n" | "\r\n" | undefined;
  let lineStart = 0;
  for (let newline = original.indexOf("\n"); newline !== -1; newline = original.indexOf("\n", lineStart)) {
    const raw = original.slice(lineStart, newline);
    const line: SourceLine = raw.endsWith("\r")
      ? { text: raw.slice(0, -1), ending: "\r\n" }
      : { text: raw, ending: "\n" };
    // Like rustfmt and Ruff, the first newline decides the style of inserted lines.
    preferredEnding ??= line.ending;
    sourceLines.push(line);
    lineStart = newline + 1;
  }
  if (lineStart < original.length) sourceLines.push({ text: original.slice(lineStart), ending: undefined });
  const ending = preferredEnding ?? "\n";

  const texts = sourceLines.map((line) => line.text);
  const replacements = computeReplacements(texts, displayPath, chunks, "preserve");
  const newLines = applyReplacements(sourceLines, replacements, (text): SourceLine => ({ text, ending }));
  let contents = "";
  // Every line gets an ending, which also terminates a last line that had none.
  for (const line of newLines) contents += line.text + (line.ending ?? ending);
  return contents;
}

function computeReplacements(
  lines: readonly string[],
  displayPath: string,
  chunks: readonly UpdateFileChunk[],
  mode: LineEndingMode,
): Replacement[] {
  const replacements: Replacement[] = [];
  let lineIndex = 0;

  for (const chunk of chunks) {
    if (chunk.changeContext !== undefined) {
      const contextIndex = seekSequence(lines, [chunk.changeContext], lineIndex, false);
      if (contextIndex === undefined) {
        throw computeReplacementsError(`Failed to find context '${chunk.changeContext}' in ${displayPath}`, displayPath);
      }
      lineIndex = contextIndex + 1;
    }

    if (chunk.oldLines.length === 0) {
      // Pure addition: append at the end of the file (before a trailing blank line in normalize mode,
      // where that blank line is the leftover of a final empty line).
      const trailingBlank = mode === "normalize" && lines.length > 0 && lines[lines.length - 1] === "";
      replacements.push([trailingBlank ? lines.length - 1 : lines.length, 0, [...chunk.newLines]]);
      continue;
    }

    let pattern = chunk.oldLines;
    let newSlice = chunk.newLines;
    let found = seekSequence(lines, pattern, lineIndex, chunk.isEndOfFile);
    if (found === undefined && pattern[pattern.length - 1] === "") {
      // A trailing empty line in the chunk usually stands for the file's final newline, which is not a line
      // of its own here: retry without it.
      pattern = pattern.slice(0, -1);
      if (newSlice[newSlice.length - 1] === "") newSlice = newSlice.slice(0, -1);
      found = seekSequence(lines, pattern, lineIndex, chunk.isEndOfFile);
    }
    if (found === undefined) {
      throw computeReplacementsError(
        `Failed to find expected lines in ${displayPath}:\n${chunk.oldLines.join("\n")}`,
        displayPath,
      );
    }

    if (mode === "normalize") {
      replacements.push([found, pattern.length, [...newSlice]]);
    } else {
      replacements.push(...replacementsAroundContext(found, pattern.length, newSlice, chunk.contextLineIndices));
    }
    lineIndex = found + pattern.length;
  }

  // Stable, so two insertions at the same line stay in chunk order.
  return replacements.sort((left, right) => left[0] - right[0]);
}

/** Splits one chunk's replacement at its context lines so those original lines stay untouched. */
function replacementsAroundContext(
  start: number,
  patternLength: number,
  newSlice: readonly string[],
  contextLineIndices: ReadonlyArray<readonly [number, number]>,
): Replacement[] {
  const replacements: Replacement[] = [];
  let oldStart = 0;
  let newStart = 0;
  for (const [oldContext, newContext] of contextLineIndices) {
    // A trailing empty context line may have been dropped from the pattern (see the retry above).
    if (oldContext >= patternLength || newContext >= newSlice.length) break;
    if (oldStart !== oldContext || newStart !== newContext) {
      replacements.push([start + oldStart, oldContext - oldStart, newSlice.slice(newStart, newContext)]);
    }
    oldStart = oldContext + 1;
    newStart = newContext + 1;
  }
  if (oldStart !== patternLength || newStart !== newSlice.length) {
    replacements.push([start + oldStart, patternLength - oldStart, newSlice.slice(newStart)]);
  }
  return replacements;
}

function applyReplacements<Line>(
  lines: readonly Line[],
  replacements: readonly Replacement[],
  toLine: (text: string) => Line,
): Line[] {
  const result = [...lines];
  // From the last to the first, so earlier indices stay valid.
  for (let index = replacements.length - 1; index >= 0; index -= 1) {
    const [start, removedCount, inserted] = replacements[index] as Replacement;
    result.splice(start, removedCount, ...inserted.map(toLine));
  }
  return result;
}
