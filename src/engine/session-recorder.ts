/**
 * Writes a thread's turns into its rollout file in Codex's line types. Every method resolves after
 * the bytes are written, so the engine emits the event a line backs only afterwards. An ephemeral
 * thread has no writer: every method then does nothing.
 */
import type { ThreadSettings } from "../config/thread-settings.js";
import type { ResponseItem } from "../model/response-items.js";
import { sandboxPolicyToCodex } from "../sandbox/sandbox-policy.js";
import type { RolloutWriter } from "../sessions/rollout-writer.js";

type RolloutAppend = Parameters<RolloutWriter["append"]>[0][number];

export class SessionRecorder {
  constructor(private readonly writer: RolloutWriter | null) {}

  /** The session file, or null for an ephemeral thread. */
  get path(): string | null {
    return this.writer?.path ?? null;
  }

  /** Appends response items, each optionally followed by the event_msg that announces it. */
  async record(entries: Array<{ item?: ResponseItem; event?: Record<string, unknown> & { type: string } }>): Promise<void> {
    const lines: RolloutAppend[] = [];
    for (const entry of entries) {
      if (entry.item) lines.push({ type: "response_item", payload: withoutServerId(entry.item) });
      if (entry.event) lines.push({ type: "event_msg", payload: entry.event });
    }
    if (lines.length > 0) await this.writer?.append(lines);
  }

  async recordEvent(event: Record<string, unknown> & { type: string }): Promise<void> {
    await this.writer?.append([{ type: "event_msg", payload: event }]);
  }

  /**
   * A compaction, as Codex records it: the `compacted` line (the summary message and the whole
   * history that replaces the old one, which resume restores), then `context_compacted`.
   */
  async recordCompaction(summaryMessage: string, replacementHistory: ResponseItem[]): Promise<void> {
    await this.writer?.append([
      { type: "compacted", payload: { message: summaryMessage, replacement_history: replacementHistory.map(withoutServerId) } },
      { type: "event_msg", payload: { type: "context_compacted" } },
    ]);
  }

  /** The lines that open a turn, in one write: `turn_context` and `task_started` (the prompt follows). */
  async recordTurnStart(turnId: string, settings: ThreadSettings): Promise<void> {
    await this.writer?.append([
      {
        type: "turn_context",
        payload: {
          turn_id: turnId,
          cwd: settings.cwd,
          approval_policy: settings.approvalPolicy,
          sandbox_policy: sandboxPolicyToCodex(settings.sandbox),
          model: settings.model.slug,
          ...(settings.reasoningEffort ? { effort: settings.reasoningEffort } : {}),
          summary: settings.reasoningSummary,
          ...(settings.context.personality ? { personality: settings.context.personality } : {}),
        },
      },
      { type: "event_msg", payload: { type: "task_started", turn_id: turnId, model_context_window: settings.model.contextWindow ?? null } },
    ]);
  }

  async close(): Promise<void> {
    await this.writer?.close();
  }
}

/** Server item ids are not persisted (Codex skips them; with `store:false` they mean nothing later). */
export function withoutServerId(item: ResponseItem): ResponseItem {
  if (!("id" in item) || item.id === undefined) return item;
  const { id: _id, ...rest } = item as ResponseItem & { id?: string };
  return rest as ResponseItem;
}
