/**
 * `reverie_search` (opt-in, ThreadOptions.reverieSearch): lets the model search its own past
 * sessions in CODEX_HOME. The results go back as TOON, one table row per excerpt, which costs far
 * fewer tokens than the same rows in JSON. The running thread's own session is left out.
 */
import { s } from "../../validation/spec.js";
import path from "node:path";
import { reverieSearchNative } from "../../native/index.js";
import { encodeToToon } from "../../reverie/toon.js";
import { parseRolloutFileName } from "../../sessions/rollout-paths.js";
import { parseToolArguments } from "../parse-tool-arguments.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput, ToolSpec } from "../tool-handler.js";

export const REVERIE_SEARCH_TOOL_NAME = "reverie_search";
const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 10;
const EXCERPTS_PER_SESSION = 2;

const SearchArguments = s.object({
  query: s.string(),
  limit: s.number().int().min(1).max(MAX_LIMIT).nullish(),
});

const spec: ToolSpec = {
  type: "function",
  name: REVERIE_SEARCH_TOOL_NAME,
  description:
    "Searches the user's past Codex sessions (earlier conversations on this machine) for messages matching the query, " +
    "best matches first. Use it to recall earlier decisions, fixes, commands or context. Matching is on whole words, " +
    "case-insensitive. The result is TOON: one row per excerpt with the session id, its start time, the session's " +
    "relevance score, who wrote the excerpt (user, agent or tool) and the excerpt text.",
  strict: false,
  parameters: {
    type: "object",
    properties: {
      query: { type: "string", description: "Words to look for, e.g. an error message, a file name or a topic." },
      limit: { type: "number", description: `Maximum number of sessions to return (1-${MAX_LIMIT}, default ${DEFAULT_LIMIT}).` },
    },
    required: ["query"],
    additionalProperties: false,
  },
};

type ExcerptRow = { session: string; started: string; score: number; role: string; text: string };

async function search(codexHome: string, query: string, limit: number, ownThreadId: string): Promise<ExcerptRow[]> {
  // One extra hit in case the running session is among them.
  const hits = await reverieSearchNative(codexHome, query, limit + 1, EXCERPTS_PER_SESSION);
  const rows: ExcerptRow[] = [];
  let sessions = 0;
  for (const hit of hits) {
    const parsed = parseRolloutFileName(path.basename(hit.path));
    const session = parsed?.threadId ?? path.basename(hit.path, ".jsonl");
    if (session === ownThreadId || sessions === limit) continue;
    sessions += 1;
    for (const excerpt of hit.excerpts) {
      rows.push({
        session,
        started: parsed?.startedAt.toISOString() ?? "",
        score: Math.round(hit.score * 100) / 100,
        role: excerpt.role,
        text: excerpt.text.replace(/\s+/g, " ").trim(),
      });
    }
  }
  return rows;
}

export const reverieSearchTool: ToolHandler = {
  name: REVERIE_SEARCH_TOOL_NAME,
  spec,
  parallel: true,
  async handle(call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
    if (call.kind !== "function") return { output: `${REVERIE_SEARCH_TOOL_NAME} expects JSON function arguments`, success: false };
    const parsed = parseToolArguments(SearchArguments, call.arguments);
    if (!parsed.ok) return { output: parsed.message, success: false };
    const { query } = parsed.value;
    let rows: ExcerptRow[];
    try {
      rows = await search(context.turn.codexHome, query, parsed.value.limit ?? DEFAULT_LIMIT, context.turn.threadId);
    } catch (error) {
      // Bad queries and scan failures go back to the model; the turn continues.
      return { output: `reverie_search failed: ${(error as Error).message}`, success: false };
    }
    if (rows.length === 0) return { output: `No past sessions match "${query}".`, success: true };
    return { output: await encodeToToon({ results: rows }), success: true };
  },
};
