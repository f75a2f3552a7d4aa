/**
 * Writes a thread's turns into its rollout file in Codex's line types. Every method resolves after
 * the bytes are written, so the engine emits the event a line backs only afterwards.
 */
import type { ThreadSettings } from "../config/thread-settings.js";
import type { ResponseItem } from "../model/response-items.js";
import { sandboxPolicyToCodex } from "../sandbox/sandbox-policy.js";
import type { RolloutWriter } from "../sessions/rollout-writer.js";

type RolloutAppend = Parameters<RolloutWriter["append"]>[0][number];

export class SessionRecorder {
  constructor(private readonly writer: RolloutWriter) {}

  get path(): string {
    return this.writer.path;
  }

  /** Appends response items, each optionally followed by the event_msg that announces it. */
  async record(entries: Array<{ item?: ResponseItem; event?: Record<string, unknown> & { type: string } }>): Promise<void> {
    const lines: RolloutAppend[] = [];
    for (const entry of entries) {
      if (entry.item) lines.push({ type: "response_item", payload: withoutServerId(entry.item) });
      if (entry.event) lines.push({ type: "event_msg", payload: entry.event });
    }
    if (lines.length > 0) await this.writer.append(lines);
  }

  async recordEvent(event: Record<string, unknown> & { type: string }): Promise<void> {
    await this.writer.append([{ type: "event_msg", payload: event }]);
  }

  /**
   * The lines that open a turn, in one write: `turn_context`, `task_started`, then the user's
   * message and its `user_message` event.
   */
  async recordTurnStart(turnId: string, settings: ThreadSettings, userMessage: ResponseItem, userEvent: Record<string, unknown>): Promise<void> {
    await this.writer.append([
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
        },
      },
      { type: "event_msg", payload: { type: "task_started", turn_id: turnId, model_context_window: settings.model.contextWindow ?? null } },
      { type: "response_item", payload: withoutServerId(userMessage) },
      { type: "event_msg", payload: { type: "user_message", ...userEvent } },
    ]);
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}

/** Server item ids are not persisted (Codex skips them; with `store:false` they mean nothing later). */
export function withoutServerId(item: ResponseItem): ResponseItem {
  if (!("id" in item) || item.id === undefined) return item;
  const { id: _id, ...rest } = item as ResponseItem & { id?: string };
  return rest as ResponseItem;
}
