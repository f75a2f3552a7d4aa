/**
 * Saved sessions as the CLI and the TUI's resume picker show them: id, directory, last update
 * and the first thing the user asked, read through reverie's listing of CODEX_HOME/sessions.
 */
import { reverieListConversations } from "../../reverie/list-conversations.js";
import type { ReverieConversation } from "../../reverie/reverie-types.js";

export type SessionSummary = { id: string; path: string; cwd?: string; updatedAt?: string; createdAt?: string; title: string };

/** How many session files are looked at for a listing (newest by start time). */
const scanLimit = 1000;

export async function listSessions(codexHome: string, options: { cwd?: string; limit: number }): Promise<SessionSummary[]> {
  const conversations = await reverieListConversations(codexHome, scanLimit);
  return conversations
    .filter((conversation) => options.cwd === undefined || conversation.cwd === options.cwd)
    .map(summarize)
    .sort((a, b) => (b.updatedAt ?? "").localeCompare(a.updatedAt ?? ""))
    .slice(0, options.limit);
}

export function summarize(conversation: ReverieConversation): SessionSummary {
  const summary: SessionSummary = { id: conversation.id, path: conversation.path, title: firstUserText(conversation.headRecords) ?? "" };
  if (conversation.cwd !== undefined) summary.cwd = conversation.cwd;
  if (conversation.updatedAt !== undefined) summary.updatedAt = conversation.updatedAt;
  if (conversation.createdAt !== undefined) summary.createdAt = conversation.createdAt;
  return summary;
}

/** The first user message that is not injected context (`<environment_context>`, instructions). */
function firstUserText(records: string[]): string | undefined {
  for (const line of records) {
    let record: { type?: string; payload?: { type?: string; role?: string; content?: Array<{ type?: string; text?: string }> } };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      continue;
    }
    const payload = record.payload;
    if (record.type !== "response_item" || payload?.type !== "message" || payload.role !== "user") continue;
    const text = (payload.content ?? []).map((part) => part.text ?? "").join("").trim();
    if (text && !text.startsWith("<")) return text.replace(/\s+/g, " ");
  }
  return undefined;
}

/** "3m ago", "2h ago", "5d ago" */
export function relativeTime(iso: string | undefined, now = Date.now()): string {
  if (!iso) return "";
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}
