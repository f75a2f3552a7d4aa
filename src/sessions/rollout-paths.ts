import { readdir } from "node:fs/promises";
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";
import { formatFileNameStamp, localDateParts } from "./rollout-timestamp.js";

/** Directory under CODEX_HOME that holds the dated rollout tree. */
export const SESSIONS_SUBDIR = "sessions";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILE_NAME_PATTERN =
  /^rollout-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;

/** One rollout file found under `CODEX_HOME/sessions`. */
export interface RolloutFileEntry {
  path: string;
  threadId: string;
  /** Start time encoded in the file name (second precision, read as local time like it was written). */
  startedAt: Date;
}

/** True when `value` is a hyphenated UUID, the only thread id shape the CLI can find again by name. */
export function isThreadId(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/**
 * Where the CLI would put the rollout of `threadId` started at `startedAt`:
 * `sessions/YYYY/MM/DD/rollout-YYYY-MM-DDThh-mm-ss-<threadId>.jsonl`, dated in local time.
 */
export function rolloutPathFor(codexHome: string, threadId: string, startedAt: Date): string {
  if (!isThreadId(threadId)) {
    // The CLI finds files by parsing a UUID off the end of the name; anything else is invisible to it.
    throw new InvalidArgumentError(`Thread id must be a UUID to name a rollout file, got "${threadId}"`);
  }
  if (Number.isNaN(startedAt.getTime())) {
    throw new InvalidArgumentError("startedAt is not a valid date");
  }
  const parts = localDateParts(startedAt);
  const fileName = `rollout-${formatFileNameStamp(startedAt)}-${threadId}.jsonl`;
  return path.join(codexHome, SESSIONS_SUBDIR, parts.year, parts.month, parts.day, fileName);
}

/** Thread id and start time encoded in a rollout file name, or null when the name is not a rollout's. */
export function parseRolloutFileName(fileName: string): { threadId: string; startedAt: Date } | null {
  const match = FILE_NAME_PATTERN.exec(fileName);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, threadId] = match;
  const startedAt = new Date(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(startedAt.getTime()) || threadId === undefined) return null;
  return { threadId, startedAt };
}

/** Numeric child directories of `directory`, highest first; missing or unreadable → none. */
async function numericSubdirectoriesDescending(directory: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isDirectory() && /^\d+$/.test(entry.name))
    .sort((left, right) => Number(right.name) - Number(left.name))
    .map((entry) => path.join(directory, entry.name));
}

/** Rollout files of one day directory, newest first. */
async function rolloutFilesOfDay(dayDirectory: string): Promise<RolloutFileEntry[]> {
  let entries;
  try {
    entries = await readdir(dayDirectory, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: RolloutFileEntry[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const parsed = parseRolloutFileName(entry.name);
    if (parsed !== null) found.push({ path: path.join(dayDirectory, entry.name), ...parsed });
  }
  return found.sort(
    (left, right) =>
      right.startedAt.getTime() - left.startedAt.getTime() || right.path.localeCompare(left.path),
  );
}

/** Walks `sessions/YYYY/MM/DD` newest day first, yielding each day's rollouts newest first. */
async function* walkRolloutFiles(codexHome: string): AsyncGenerator<RolloutFileEntry> {
  const sessionsRoot = path.join(codexHome, SESSIONS_SUBDIR);
  for (const yearDirectory of await numericSubdirectoriesDescending(sessionsRoot)) {
    for (const monthDirectory of await numericSubdirectoriesDescending(yearDirectory)) {
      for (const dayDirectory of await numericSubdirectoriesDescending(monthDirectory)) {
        yield* await rolloutFilesOfDay(dayDirectory);
      }
    }
  }
}

/**
 * Finds the rollout of `threadId` under `codexHome`, scanning the newest day directories first.
 * Returns null when there is none (or the id is not a UUID, which no rollout can carry).
 */
export async function findRolloutFile(codexHome: string, threadId: string): Promise<string | null> {
  if (!isThreadId(threadId)) return null;
  const wanted = threadId.toLowerCase();
  for await (const entry of walkRolloutFiles(codexHome)) {
    if (entry.threadId.toLowerCase() === wanted) return entry.path;
  }
  return null;
}

/** Every rollout file under `codexHome/sessions`, newest first. */
export async function listRolloutFiles(codexHome: string): Promise<RolloutFileEntry[]> {
  const found: RolloutFileEntry[] = [];
  for await (const entry of walkRolloutFiles(codexHome)) found.push(entry);
  return found;
}
