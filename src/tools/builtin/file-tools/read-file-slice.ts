/**
 * `read_file` slice mode: lines `offset … offset+limit-1`, each as `L<n>: <text>`, read by
 * streaming so only the lines up to the slice are touched.
 */
import { describeIoError } from "../apply-patch/io-error-text.js";
import { forEachLine } from "./line-reader.js";
import { ToolFailure } from "./tool-failure.js";
import { decodeLossy, truncateUtf8 } from "./utf8-text.js";

/** Lines are shown cut to this many bytes (Codex's `MAX_LINE_LENGTH`). */
export const MAX_LINE_BYTES = 500;
// Enough raw bytes to decode the first 500 output bytes exactly: lossy decoding never shrinks
// text, and a character straddling the cut needs at most 3 more bytes.
const KEPT_LINE_BYTES = MAX_LINE_BYTES + 12;

/** A line as the model sees it: decoded lossily and cut to {@link MAX_LINE_BYTES}. */
export function formatLine(bytes: Uint8Array): string {
  return truncateUtf8(decodeLossy(bytes), MAX_LINE_BYTES);
}

/** Runs a line read, turning file system errors into Codex's `failed to read file: …`. */
export async function readLinesOrFail(run: () => Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ToolFailure(`failed to read file: ${describeIoError(error)}`);
  }
}

export async function readSlice(filePath: string, offset: number, limit: number, signal?: AbortSignal): Promise<string[]> {
  const collected: string[] = [];
  let seen = 0;
  await readLinesOrFail(() =>
    forEachLine(
      filePath,
      KEPT_LINE_BYTES,
      (bytes, index) => {
        seen = index + 1;
        if (seen < offset) return true;
        collected.push(`L${seen}: ${formatLine(bytes)}`);
        return collected.length < limit;
      },
      signal,
    ),
    signal,
  );
  if (seen < offset) throw new ToolFailure("offset exceeds file length");
  return collected;
}
