/**
 * Shapes returned by the reverie functions (search over past sessions).
 */

/** A past session (one rollout file under CODEX_HOME/sessions). */
export type ReverieConversation = {
  /** The thread id (the UUID at the end of the file name; resumable with `resumeThread`). */
  id: string;
  /** Absolute path of the rollout file. */
  path: string;
  /** Working directory recorded in the session's metadata, when readable. */
  cwd?: string;
  /** When the session started (ISO 8601), from its metadata or else its file name. */
  createdAt?: string;
  /** When the file was last written (ISO 8601). */
  updatedAt?: string;
  /** The first records of the file (up to 10), each as compact JSON. */
  headRecords: string[];
  /** The last records of the file (up to 10), each as compact JSON. */
  tailRecords: string[];
  /** `headRecords` encoded as TOON, one string per record. */
  headRecordsToon: string[];
  /** `tailRecords` encoded as TOON, one string per record. */
  tailRecordsToon: string[];
};

/** A query-word occurrence inside {@link ReverieExcerpt.text}: UTF-16 offsets (JavaScript string indexes), end exclusive. */
export type ReverieMatchRange = { start: number; end: number };

/** A passage of one message that matches the query, and where it sits in the rollout file. */
export type ReverieExcerpt = {
  /** About 240 characters of the message around its first match; "…" marks cut text. */
  text: string;
  /** Who wrote it: the user, the agent, or a tool (call arguments or output). */
  role: "user" | "agent" | "tool";
  /** 1-based line number of the record in the rollout file. */
  line: number;
  /** Byte offset of that line in the file. */
  byteOffset: number;
  /** The record's timestamp, when it has one. */
  timestamp?: string;
  /** Relevance of this message (BM25, weighted by role); higher is better. */
  score: number;
  /** Where the query words occur in `text`. */
  matches: ReverieMatchRange[];
};

/** A conversation that matches a reverie search. */
export type ReverieSearchResult = {
  conversation: ReverieConversation;
  /** BM25F relevance of the whole conversation; higher is better. */
  relevanceScore: number;
  /** The texts of `excerpts`, best first. */
  matchingExcerpts: string[];
  /** The best matching passages, best first. */
  excerpts: ReverieExcerpt[];
};
