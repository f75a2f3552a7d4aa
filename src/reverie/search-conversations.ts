/**
 * Ranked search over past sessions and ranked excerpts of one session, both computed by the
 * native scanner (parallel, streamed, BM25F) off the event loop.
 */
import { stat } from "node:fs/promises";
import { InvalidArgumentError, SessionNotFoundError } from "../errors.js";
import { reverieInsightsNative, reverieSearchNative, type NativeReverieExcerpt } from "../native/index.js";
import { describeConversation } from "./list-conversations.js";
import { toReverieError } from "./reverie-error.js";
import type { ReverieExcerpt, ReverieSearchResult } from "./reverie-types.js";

/** Excerpts returned per conversation by {@link reverieSearchConversations}. */
const EXCERPTS_PER_CONVERSATION = 3;

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InvalidArgumentError(`limit must be a positive integer, got ${String(limit)}`);
  }
}

function checkQuery(query: unknown): asserts query is string {
  if (typeof query !== "string") throw new InvalidArgumentError("query must be a string");
}

function toExcerpt(native: NativeReverieExcerpt): ReverieExcerpt {
  const excerpt: ReverieExcerpt = {
    text: native.text,
    role: native.role as ReverieExcerpt["role"],
    line: native.line,
    byteOffset: native.byteOffset,
    score: native.score,
    matches: native.matches.map((range) => ({ start: range.start, end: range.end })),
  };
  if (native.timestamp !== undefined && native.timestamp !== null) excerpt.timestamp = native.timestamp;
  return excerpt;
}

/**
 * The past sessions under `codexHome/sessions` that best match `query`, best first, at most
 * `limit`. Ranking is BM25F over the words of user and agent messages (tool calls and output
 * count 0.3), whole words, case-insensitive; equal scores go to the newer session. Damaged or
 * still-being-written files are searched up to the damage.
 *
 * @throws InvalidArgumentError when `query` has no word (letters or digits) or `limit` is not a positive integer.
 * @throws ReverieError when the native scan fails.
 */
export async function reverieSearchConversations(codexHome: string, query: string, limit = 20): Promise<ReverieSearchResult[]> {
  checkQuery(query);
  checkLimit(limit);
  let hits;
  try {
    hits = await reverieSearchNative(codexHome, query, limit, EXCERPTS_PER_CONVERSATION);
  } catch (error) {
    throw toReverieError(error);
  }
  const results = await Promise.all(
    hits.map(async (hit) => {
      const conversation = await describeConversation(hit.path).catch(() => null);
      if (conversation === null) return null;
      const excerpts = hit.excerpts.map(toExcerpt);
      return {
        conversation,
        relevanceScore: hit.score,
        matchingExcerpts: excerpts.map((excerpt) => excerpt.text),
        excerpts,
      } satisfies ReverieSearchResult;
    }),
  );
  return results.filter((result): result is ReverieSearchResult => result !== null);
}

/**
 * The messages of the session file at `path` that match `query`, best first (BM25 among the
 * session's messages, tool traffic weighted 0.3), at most `limit`.
 *
 * @throws SessionNotFoundError when there is no file at `path`.
 * @throws InvalidArgumentError when `query` has no word or `limit` is not a positive integer.
 * @throws ReverieError when the file cannot be read or the native scan fails.
 */
export async function reverieGetConversationInsights(path: string, query: string, limit = 50): Promise<ReverieExcerpt[]> {
  checkQuery(query);
  checkLimit(limit);
  const found = await stat(path).catch(() => null);
  if (found === null || !found.isFile()) throw new SessionNotFoundError({ path });
  try {
    return (await reverieInsightsNative(path, query, limit)).map(toExcerpt);
  } catch (error) {
    throw toReverieError(error);
  }
}
