/**
 * Listing of past sessions with head/tail previews, newest first.
 */
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";
import { listRolloutFiles, parseRolloutFileName } from "../sessions/rollout-paths.js";
import { readPreviewRecords } from "./conversation-records.js";
import type { ReverieConversation } from "./reverie-types.js";
import { encodeAllToToon } from "./toon.js";

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

function sessionMetaOf(records: Array<Record<string, unknown>>): Record<string, unknown> | undefined {
  const line = records.find((record) => record.type === "session_meta");
  const payload = line?.payload;
  return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : undefined;
}

/** The summary of one rollout file. Throws the file system's error when it cannot be read. */
export async function describeConversation(file: string): Promise<ReverieConversation> {
  const { head, tail, modifiedAt } = await readPreviewRecords(file);
  const fromName = parseRolloutFileName(path.basename(file));
  const meta = sessionMetaOf(head);
  const headRecords = head.map((record) => JSON.stringify(record));
  const tailRecords = tail.map((record) => JSON.stringify(record));
  const [headRecordsToon, tailRecordsToon] = await Promise.all([encodeAllToToon(head), encodeAllToToon(tail)]);
  const conversation: ReverieConversation = {
    id: fromName?.threadId ?? (typeof meta?.id === "string" ? meta.id : path.basename(file, ".jsonl")),
    path: file,
    updatedAt: modifiedAt.toISOString(),
    headRecords,
    tailRecords,
    headRecordsToon,
    tailRecordsToon,
  };
  if (typeof meta?.cwd === "string") conversation.cwd = meta.cwd;
  const createdAt = typeof meta?.timestamp === "string" ? meta.timestamp : fromName?.startedAt.toISOString();
  if (createdAt !== undefined) conversation.createdAt = createdAt;
  return conversation;
}

/**
 * Past sessions under `codexHome/sessions`, newest first (by start time, as their file names
 * record it), `limit` of them after skipping `offset`. Files that vanish meanwhile are skipped.
 */
export async function reverieListConversations(codexHome: string, limit = 50, offset = 0): Promise<ReverieConversation[]> {
  checkCount("limit", limit);
  checkCount("offset", offset);
  const files = await listRolloutFiles(codexHome);
  const page = files.slice(offset, offset + limit);
  const described = await Promise.all(page.map((entry) => describeConversation(entry.path).catch(() => null)));
  return described.filter((conversation): conversation is ReverieConversation => conversation !== null);
}
