/**
 * Streams a file's lines without reading it whole: a 1 GB file read for lines 1–10 costs one
 * chunk. Lines end at `\n` (one `\r` before it is dropped), a last line without `\n` counts, and
 * only the first `maxLineBytes` bytes of each line are kept, so one enormous line cannot
 * exhaust memory either.
 */
import { open } from "node:fs/promises";

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Calls `visit(bytes, index)` for each line in order (index from 0); stops when it returns
 * false. `bytes` is a copy the caller may keep. Rejects with the file system's error.
 */
export async function forEachLine(
  filePath: string,
  maxLineBytes: number,
  visit: (bytes: Buffer, index: number) => boolean,
  signal?: AbortSignal,
): Promise<void> {
  const handle = await open(filePath, "r");
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let kept: Buffer[] = [];
    let keptBytes = 0;
    let lineBytes = 0;
    let index = 0;
    const finishLine = (): boolean => {
      let bytes = kept.length === 1 ? (kept[0] as Buffer) : Buffer.concat(kept, keptBytes);
      // The `\r` of a `\r\n` ending is only present when the whole line was kept.
      if (keptBytes === lineBytes && bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN) {
        bytes = bytes.subarray(0, bytes.length - 1);
      }
      kept = [];
      keptBytes = 0;
      lineBytes = 0;
      const goOn = visit(bytes, index);
      index += 1;
      return goOn;
    };
    const keep = (start: number, end: number): void => {
      lineBytes += end - start;
      const room = maxLineBytes - keptBytes;
      if (room <= 0 || end <= start) return;
      const piece = Buffer.from(chunk.subarray(start, Math.min(end, start + room)));
      kept.push(piece);
      keptBytes += piece.length;
    };
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      let start = 0;
      while (start < bytesRead) {
        const newline = chunk.indexOf(NEWLINE, start);
        if (newline === -1 || newline >= bytesRead) {
          keep(start, bytesRead);
          break;
        }
        keep(start, newline);
        if (!finishLine()) return;
        start = newline + 1;
      }
    }
    if (lineBytes > 0) finishLine();
  } finally {
    await handle.close();
  }
}
