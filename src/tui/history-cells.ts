/**
 * The conversation as the TUI shows it: a list of cells (the user's prompts, the agent's
 * messages, commands with their output, patches, the plan, errors, turn summaries), built from
 * the thread's events.
 */
import type { ThreadEvent } from "../protocol/events.js";
import type { ThreadItem } from "../protocol/items.js";

export type HistoryCell =
  | { key: string; kind: "user"; text: string }
  | { key: string; kind: "agent"; text: string }
  | { key: string; kind: "reasoning"; text: string }
  | { key: string; kind: "command"; command: string; output: string; exitCode?: number; status: string }
  | { key: string; kind: "patch"; files: Array<{ path: string; kind: "add" | "delete" | "update" }>; patch?: string; status: string }
  | { key: string; kind: "plan"; items: Array<{ text: string; completed: boolean }> }
  | { key: string; kind: "tool"; name: string; status: string }
  | { key: string; kind: "info"; text: string }
  | { key: string; kind: "error"; text: string };

/** What is in progress: streaming text and running commands, shown under the history. */
export type LiveState = {
  streaming: Map<string, { kind: "agent" | "reasoning"; text: string }>;
  running: Map<string, { command: string; startedAt: number }>;
  plan: Array<{ text: string; completed: boolean }> | undefined;
};

let counter = 0;
export function cellKey(): string {
  return `cell-${++counter}`;
}

export function emptyLive(): LiveState {
  return { streaming: new Map(), running: new Map(), plan: undefined };
}

/** Applies one event: returns cells to append to the history (the live state is updated in place). */
export function applyEvent(live: LiveState, event: ThreadEvent, patches: string[]): HistoryCell[] {
  switch (event.type) {
    case "item.started":
    case "item.updated":
      trackProgress(live, event.item);
      return [];
    case "item.completed":
      return completeItem(live, event.item, patches);
    case "turn.failed":
      return [{ key: cellKey(), kind: "error", text: event.error.message }];
    case "error":
      return [{ key: cellKey(), kind: "error", text: event.message }];
    case "background_event":
      return [{ key: cellKey(), kind: "info", text: event.message }];
    default:
      return [];
  }
}

function trackProgress(live: LiveState, item: ThreadItem): void {
  if (item.type === "agent_message" || item.type === "reasoning") {
    live.streaming.set(item.id, { kind: item.type === "agent_message" ? "agent" : "reasoning", text: item.text });
  } else if (item.type === "command_execution") {
    if (!live.running.has(item.id)) live.running.set(item.id, { command: item.command, startedAt: Date.now() });
  } else if (item.type === "todo_list") {
    live.plan = item.items.map((entry) => ({ text: entry.text, completed: entry.completed }));
  }
}

function completeItem(live: LiveState, item: ThreadItem, patches: string[]): HistoryCell[] {
  const key = cellKey();
  switch (item.type) {
    case "agent_message":
      live.streaming.delete(item.id);
      return [{ key, kind: "agent", text: item.text }];
    case "reasoning":
      live.streaming.delete(item.id);
      return [{ key, kind: "reasoning", text: item.text }];
    case "command_execution":
      live.running.delete(item.id);
      return [
        {
          key,
          kind: "command",
          command: item.command,
          output: item.aggregated_output,
          status: item.status,
          ...(item.exit_code === undefined ? {} : { exitCode: item.exit_code }),
        },
      ];
    case "file_change": {
      const patch = patches.shift();
      return [{ key, kind: "patch", files: item.changes, status: item.status, ...(patch ? { patch } : {}) }];
    }
    case "todo_list":
      live.plan = undefined;
      return [{ key, kind: "plan", items: item.items.map((entry) => ({ text: entry.text, completed: entry.completed })) }];
    case "mcp_tool_call":
      return [{ key, kind: "tool", name: `${item.server}.${item.tool}`, status: item.status }];
    case "web_search":
      return [{ key, kind: "info", text: `Searched the web: ${item.query}` }];
    case "error":
      return [{ key, kind: "error", text: item.message }];
  }
}
