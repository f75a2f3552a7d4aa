/**
 * Reads the first and last records of a rollout file without reading the middle: the head by
 * reading forward, the tail by reading backward from the end, in chunks. Lines that are not JSON
 * objects (a torn last line of a session being written, damage) are skipped; bytes that are not
 * UTF-8 become U+FFFD.
 */
import { open, type FileHandle } from "node:fs/promises";

const CHUNK_BYTES = 64 * 1024;
/** Records in each of the head and the tail (as the Codex CLI's listing keeps). */
export const PREVIEW_RECORDS = 10;

function parseRecord(text: string): Record<string, unknown> | null {
  if (text.trim() === "") return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function readHead(file: FileHandle, size: number, count: number): Promise<Array<Record<string, unknown>>> {
  const records: Array<Record<string, unknown>> = [];
  let pending = Buffer.alloc(0);
  let position = 0;
  while (records.length < count && position < size) {
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, size - position));
    const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
    let newline = pending.indexOf(0x0a);
    while (newline !== -1 && records.length < count) {
      const record = parseRecord(pending.subarray(0, newline).toString("utf8"));
      if (record !== null) records.push(record);
      pending = pending.subarray(newline + 1);
      newline = pending.indexOf(0x0a);
    }
  }
  if (records.length < count && position >= size) {
    const record = parseRecord(pending.toString("utf8"));
    if (record !== null) records.push(record);
  }
  return records;
}

async function readTail(file: FileHandle, size: number, count: number): Promise<Array<Record<string, unknown>>> {
  let pending = Buffer.alloc(0);
  let position = size;
  const records: Array<Record<string, unknown>> = [];
  while (records.length < count && position > 0) {
    const length = Math.min(CHUNK_BYTES, position);
    position -= length;
    const chunk = Buffer.alloc(length);
    const { bytesRead } = await file.read(chunk, 0, length, position);
    pending = Buffer.concat([chunk.subarray(0, bytesRead), pending]);
    // Everything after the first newline is made of whole lines; the part before may be cut.
    let lineEnd = pending.length;
    let newline = pending.lastIndexOf(0x0a, lineEnd - 1);
    while (newline !== -1 && records.length < count) {
      const record = parseRecord(pending.subarray(newline + 1, lineEnd).toString("utf8"));
      if (record !== null) records.push(record);
      lineEnd = newline;
      newline = lineEnd === 0 ? -1 : pending.lastIndexOf(0x0a, lineEnd - 1);
    }
    pending = pending.subarray(0, lineEnd);
  }
  if (records.length < count && position === 0) {
    const record = parseRecord(pending.toString("utf8"));
    if (record !== null) records.push(record);
  }
  return records.reverse();
}

/** The first and last {@link PREVIEW_RECORDS} records of a rollout file, plus its mtime. */
export async function readPreviewRecords(
  path: string,
): Promise<{ head: Array<Record<string, unknown>>; tail: Array<Record<string, unknown>>; modifiedAt: Date }> {
  const file = await open(path, "r");
  try {
    const stats = await file.stat();
    const head = await readHead(file, stats.size, PREVIEW_RECORDS);
    const tail = await readTail(file, stats.size, PREVIEW_RECORDS);
    return { head, tail, modifiedAt: stats.mtime };
  } finally {
    await file.close();
  }
}
