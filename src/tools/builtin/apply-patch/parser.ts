import { invalidHunkError, invalidPatchError } from "./errors.js";
import { linesRust, trimRust } from "./rust-text.js";

/*
 * The apply_patch language, parsed the way Codex's lenient parser does (`apply-patch/src/parser.rs`):
 *
 *   *** Begin Patch
 *   *** Add File: <path>        followed by "+" lines (the new file's contents)
 *   *** Delete File: <path>
 *   *** Update File: <path>     optionally followed by "*** Move to: <path>", then chunks:
 *   @@ [context line]           " " context, "-" removed, "+" added; "*** End of File" anchors at the end
 *   *** End Patch
 *
 * Leniency kept from Codex: whitespace around the envelope and hunk headers, a patch wrapped in a heredoc
 * (`<<'EOF'` … `EOF`), and a first chunk that omits its `@@` line.
 */

const BEGIN_PATCH_MARKER = "*** Begin Patch";
const END_PATCH_MARKER = "*** End Patch";
const ADD_FILE_MARKER = "*** Add File: ";
const DELETE_FILE_MARKER = "*** Delete File: ";
const UPDATE_FILE_MARKER = "*** Update File: ";
const MOVE_TO_MARKER = "*** Move to: ";
const END_OF_FILE_MARKER = "*** End of File";
const CHANGE_CONTEXT_MARKER = "@@ ";
const EMPTY_CHANGE_CONTEXT_MARKER = "@@";
const HEREDOC_OPENERS: readonly string[] = ["<<EOF", "<<'EOF'", '<<"EOF"'];

/** One `@@` section of an Update hunk. */
export interface UpdateFileChunk {
  /** Text after `@@ `: a line (usually a class or function header) searched for before `oldLines`. */
  changeContext: string | undefined;
  /** Lines the chunk expects in the file (context and removed lines), in order. */
  oldLines: string[];
  /** Lines that replace `oldLines` (context and added lines), in order. */
  newLines: string[];
  /** `[oldIndex, newIndex]` of every context line, so unchanged lines can be kept byte for byte. */
  contextLineIndices: Array<[number, number]>;
  /** The chunk carried `*** End of File`: `oldLines` should be matched at the end of the file. */
  isEndOfFile: boolean;
}

/** One file operation of a patch. Paths are exactly as written in the patch (usually relative). */
export type PatchHunk =
  | { type: "add"; path: string; contents: string }
  | { type: "delete"; path: string }
  | { type: "update"; path: string; movePath: string | undefined; chunks: UpdateFileChunk[] };

/** Result of {@link parsePatch}. */
export interface ParsedPatch {
  hunks: PatchHunk[];
  /** The patch text between (and including) the envelope markers, without any heredoc wrapper. */
  patch: string;
}

/**
 * Parses patch text into hunks. Does not touch the file system.
 * @throws ApplyPatchError (`invalid-patch` or `invalid-hunk`) with Codex's message text.
 */
export function parsePatch(text: string): ParsedPatch {
  const lines = linesRust(trimRust(text));
  const { patchLines, bodyStart, bodyEnd } = checkBoundariesLenient(lines);
  const hunks: PatchHunk[] = [];
  // Line 1 is "*** Begin Patch"; numbering is relative to the unwrapped patch, as in Codex.
  let lineNumber = 2;
  let index = bodyStart;
  while (index < bodyEnd) {
    const { hunk, consumed } = parseOneHunk(lines, index, bodyEnd, lineNumber);
    hunks.push(hunk);
    lineNumber += consumed;
    index += consumed;
  }
  return { hunks, patch: patchLines.join("\n") };
}

interface Boundaries {
  patchLines: string[];
  /** Index in the full line list of the first hunk line. */
  bodyStart: number;
  /** Index in the full line list just past the last hunk line. */
  bodyEnd: number;
}

function checkBoundariesStrict(lines: string[], offset: number, length: number): Boundaries {
  const first = length > 0 ? lines[offset] : undefined;
  const last = length > 0 ? lines[offset + length - 1] : undefined;
  const firstTrimmed = first === undefined ? undefined : trimRust(first);
  const lastTrimmed = last === undefined ? undefined : trimRust(last);
  if (firstTrimmed === BEGIN_PATCH_MARKER && lastTrimmed === END_PATCH_MARKER) {
    return {
      patchLines: lines.slice(offset, offset + length),
      bodyStart: offset + 1,
      bodyEnd: offset + length - 1,
    };
  }
  if (firstTrimmed !== undefined && firstTrimmed !== BEGIN_PATCH_MARKER) {
    throw invalidPatchError("The first line of the patch must be '*** Begin Patch'");
  }
  throw invalidPatchError("The last line of the patch must be '*** End Patch'");
}

function checkBoundariesLenient(lines: string[]): Boundaries {
  try {
    return checkBoundariesStrict(lines, 0, lines.length);
  } catch (originalError) {
    // Some models send `apply_patch <<'EOF' … EOF` as a literal argument; unwrap it.
    const first = lines[0];
    const last = lines[lines.length - 1];
    const isHeredoc =
      lines.length >= 4 &&
      first !== undefined &&
      last !== undefined &&
      HEREDOC_OPENERS.includes(first) &&
      last.endsWith("EOF");
    if (!isHeredoc) throw originalError;
    return checkBoundariesStrict(lines, 1, lines.length - 2);
  }
}

function parseOneHunk(
  lines: string[],
  start: number,
  end: number,
  lineNumber: number,
): { hunk: PatchHunk; consumed: number } {
  const firstLine = trimRust(lines[start] as string);

  if (firstLine.startsWith(ADD_FILE_MARKER)) {
    let contents = "";
    let consumed = 1;
    for (let index = start + 1; index < end; index += 1) {
      const line = lines[index] as string;
      if (!line.startsWith("+")) break;
      contents += `${line.slice(1)}\n`;
      consumed += 1;
    }
    return { hunk: { type: "add", path: firstLine.slice(ADD_FILE_MARKER.length), contents }, consumed };
  }

  if (firstLine.startsWith(DELETE_FILE_MARKER)) {
    return { hunk: { type: "delete", path: firstLine.slice(DELETE_FILE_MARKER.length) }, consumed: 1 };
  }

  if (firstLine.startsWith(UPDATE_FILE_MARKER)) {
    const path = firstLine.slice(UPDATE_FILE_MARKER.length);
    let index = start + 1;
    let consumed = 1;

    let movePath: string | undefined;
    const maybeMove = index < end ? (lines[index] as string) : undefined;
    if (maybeMove !== undefined && maybeMove.startsWith(MOVE_TO_MARKER)) {
      movePath = maybeMove.slice(MOVE_TO_MARKER.length);
      index += 1;
      consumed += 1;
    }

    const chunks: UpdateFileChunk[] = [];
    while (index < end) {
      const line = lines[index] as string;
      // Blank lines between chunks are skipped.
      if (trimRust(line) === "") {
        index += 1;
        consumed += 1;
        continue;
      }
      // The next file operation (or any other `***` marker) ends this hunk.
      if (line.startsWith("*")) break;
      const parsed = parseUpdateFileChunk(lines, index, end, lineNumber + consumed, chunks.length === 0);
      chunks.push(parsed.chunk);
      index += parsed.consumed;
      consumed += parsed.consumed;
    }

    if (chunks.length === 0) {
      throw invalidHunkError(`Update file hunk for path '${path}' is empty`, lineNumber);
    }
    return { hunk: { type: "update", path, movePath, chunks }, consumed };
  }

  throw invalidHunkError(
    `'${firstLine}' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'`,
    lineNumber,
  );
}

function parseUpdateFileChunk(
  lines: string[],
  start: number,
  end: number,
  lineNumber: number,
  allowMissingContext: boolean,
): { chunk: UpdateFileChunk; consumed: number } {
  const header = lines[start] as string;
  let changeContext: string | undefined;
  let bodyOffset: number;
  if (header === EMPTY_CHANGE_CONTEXT_MARKER) {
    bodyOffset = 1;
  } else if (header.startsWith(CHANGE_CONTEXT_MARKER)) {
    changeContext = header.slice(CHANGE_CONTEXT_MARKER.length);
    bodyOffset = 1;
  } else {
    if (!allowMissingContext) {
      throw invalidHunkError(`Expected update hunk to start with a @@ context marker, got: '${header}'`, lineNumber);
    }
    bodyOffset = 0;
  }
  if (start + bodyOffset >= end) {
    throw invalidHunkError("Update hunk does not contain any lines", lineNumber + 1);
  }

  const chunk: UpdateFileChunk = {
    changeContext,
    oldLines: [],
    newLines: [],
    contextLineIndices: [],
    isEndOfFile: false,
  };
  let parsed = 0;
  for (let index = start + bodyOffset; index < end; index += 1) {
    const line = lines[index] as string;
    if (line === END_OF_FILE_MARKER) {
      if (parsed === 0) throw invalidHunkError("Update hunk does not contain any lines", lineNumber + 1);
      chunk.isEndOfFile = true;
      parsed += 1;
      break;
    }
    const marker = line.charAt(0);
    if (line === "" || marker === " ") {
      // An empty line is an empty context line (editors strip the lone space).
      const text = line === "" ? "" : line.slice(1);
      chunk.contextLineIndices.push([chunk.oldLines.length, chunk.newLines.length]);
      chunk.oldLines.push(text);
      chunk.newLines.push(text);
    } else if (marker === "+") {
      chunk.newLines.push(line.slice(1));
    } else if (marker === "-") {
      chunk.oldLines.push(line.slice(1));
    } else {
      if (parsed === 0) {
        throw invalidHunkError(
          `Unexpected line found in update hunk: '${line}'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)`,
          lineNumber + 1,
        );
      }
      // Anything else starts the next chunk.
      break;
    }
    parsed += 1;
  }
  return { chunk, consumed: parsed + bodyOffset };
}
