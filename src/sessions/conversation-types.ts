/**
 * Public shapes of conversation management: forking a thread and listing saved conversations.
 */
import type { ThreadOptions } from "../options/thread-options.js";

/** Options of `thread.fork()`. */
export type ForkOptions = {
  /**
   * 0-based index of the user message to fork before: the new thread holds the history up to
   * (not including) that message. Must be less than the number of user messages so far.
   */
  nthUserMessage: number;
  /** Options of the new thread, over those of the original (e.g. another model). */
  threadOptions?: ThreadOptions;
};

/** Options of `codex.listConversations()`. */
export type ConversationListOptions = {
  /** Conversations per page (1 to 1000); default 20. */
  limit?: number;
  /** `nextCursor` of the previous page; omit for the first page. */
  cursor?: string;
};

/** One saved conversation (a session file under CODEX_HOME/sessions). */
export type ConversationSummary = {
  /** The thread id: pass it to `resumeThread()` or `deleteConversation()`. */
  id: string;
  /** The session file. */
  path: string;
  /** When the conversation started (ISO 8601). */
  createdAt: string;
  /** When the session file was last written (ISO 8601). */
  updatedAt: string;
  /** The first thing the user asked, up to 200 characters; null when no prompt was recorded yet. */
  preview: string | null;
  /** The model of the last recorded turn, if any. */
  model: string | null;
  /** The working directory the conversation ran in. */
  cwd: string | null;
};

/** A page of `codex.listConversations()`, newest first. */
export type ConversationListPage = {
  conversations: ConversationSummary[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
};
