/**
 * `codex.listConversations()` / `deleteConversation()`: the session files under CODEX_HOME,
 * newest first, in pages with an opaque cursor that survives files being added or deleted
 * between pages.
 */
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { InvalidArgumentError } from "../errors.js";
import type { ConversationListOptions, ConversationListPage, ConversationSummary } from "./conversation-types.js";
import { findRolloutFile, listRolloutFiles, type RolloutFileEntry } from "./rollout-paths.js";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
const PREVIEW_CHARACTERS = 200;
/** How far into a file to look for its first prompt (the initial context comes before it). */
const MAX_HEAD_LINES = 200;

type Cursor = { startedAt: number; threadId: string };

function encodeCursor(entry: RolloutFileEntry): string {
  return Buffer.from(JSON.stringify([entry.startedAt.getTime(), entry.threadId])).toString("base64url");
}

function decodeCursor(cursor: string): Cursor {
  try {
    const [startedAt, threadId] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof startedAt === "number" && typeof threadId === "string") return { startedAt, threadId };
  } catch {
    // fall through to the error below
  }
  throw new InvalidArgumentError("cursor is not a nextCursor returned by listConversations");
}

/** True when `entry` comes after the cursor in newest-first order. */
function isAfter(entry: RolloutFileEntry, cursor: Cursor): boolean {
  const startedAt = entry.startedAt.getTime();
  return startedAt < cursor.startedAt || (startedAt === cursor.startedAt && entry.threadId.localeCompare(cursor.threadId) < 0);
}

/** Reads the head of a session file for its meta, first prompt and first model. */
async function describe(entry: RolloutFileEntry): Promise<ConversationSummary> {
  const summary: ConversationSummary = {
    id: entry.threadId,
    path: entry.path,
    createdAt: entry.startedAt.toISOString(),
    updatedAt: (await stat(entry.path)).mtime.toISOString(),
    preview: null,
    model: null,
    cwd: null,
  };
  const lines = createInterface({ input: createReadStream(entry.path, { encoding: "utf8" }), crlfDelay: Infinity });
  let count = 0;
  try {
    for await (const text of lines) {
      if (++count > MAX_HEAD_LINES || (summary.preview !== null && summary.model !== null)) break;
      let line: { type?: string; payload?: Record<string, unknown> };
      try {
        line = JSON.parse(text);
      } catch {
        continue;
      }
      const payload = line.payload ?? {};
      if (line.type === "session_meta" && count === 1) {
        if (typeof payload.cwd === "string") summary.cwd = payload.cwd;
        if (typeof payload.timestamp === "string") summary.createdAt = payload.timestamp;
        if (typeof payload.id === "string") summary.id = payload.id;
      } else if (line.type === "turn_context" && summary.model === null && typeof payload.model === "string") {
        summary.model = payload.model;
      } else if (line.type === "event_msg" && payload.type === "user_message" && summary.preview === null && typeof payload.message === "string") {
        summary.preview = payload.message.slice(0, PREVIEW_CHARACTERS);
      }
    }
  } finally {
    lines.close();
  }
  return summary;
}

/** A page of saved conversations, newest first. */
export async function listConversations(codexHome: string, options: ConversationListOptions = {}): Promise<ConversationListPage> {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidArgumentError(`limit must be an integer from 1 to ${MAX_LIMIT}, got ${String(limit)}`);
  }
  if (options.cursor !== undefined && typeof options.cursor !== "string") throw new InvalidArgumentError("cursor must be a string");
  const cursor = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const entries = (await listRolloutFiles(codexHome)).filter((entry) => cursor === undefined || isAfter(entry, cursor));
  const conversations: ConversationSummary[] = [];
  let index = 0;
  for (; index < entries.length && conversations.length < limit; index += 1) {
    // A file deleted meanwhile is simply not listed.
    const summary = await describe(entries[index]!).catch(() => null);
    if (summary) conversations.push(summary);
  }
  const last = entries[index - 1];
  return index < entries.length && last ? { conversations, nextCursor: encodeCursor(last) } : { conversations };
}

/** Deletes a conversation's session file; false when there is none with that id. */
export async function deleteConversation(codexHome: string, threadId: string): Promise<boolean> {
  if (typeof threadId !== "string" || threadId.trim().length === 0) throw new InvalidArgumentError("deleteConversation needs a thread id");
  const file = await findRolloutFile(codexHome, threadId.trim());
  if (!file) return false;
  await rm(file, { force: true });
  return true;
}
