/**
 * Text shown for items in both the line output and the TUI: the command without its
 * `/bin/bash -lc '…'` wrapper, trimmed command output, plan checkboxes, token counts.
 */
import type { TodoItem } from "../../protocol/items.js";
import type { Usage } from "../../protocol/events.js";

/** `/bin/bash -lc 'ls -la'` -> `ls -la` (the script the model wrote). */
export function displayCommand(command: string): string {
  const wrapped = /^(?:\/\S*\/)?(?:bash|zsh|sh) -l?c '((?:[^']|'\\'')*)'$/s.exec(command);
  return wrapped ? wrapped[1]!.replaceAll(`'\\''`, "'") : command;
}

/** The first and last lines of long output, with how many were left out between them. */
export function trimOutput(output: string, maxLines = 6): string[] {
  const lines = output.replace(/\n+$/, "").split("\n");
  if (lines.length === 1 && lines[0] === "") return [];
  if (lines.length <= maxLines) return lines;
  const head = lines.slice(0, Math.ceil(maxLines / 2));
  const tail = lines.slice(lines.length - Math.floor(maxLines / 2));
  return [...head, `… +${lines.length - head.length - tail.length} lines`, ...tail];
}

/** `✔ done` / `□ todo` lines of a plan. */
export function planLines(items: TodoItem[]): Array<{ text: string; completed: boolean }> {
  return items.map((item) => ({ text: `${item.completed ? "✔" : "□"} ${item.text}`, completed: item.completed }));
}

/** `1,234` */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** One line summary of a turn's usage. */
export function usageSummary(usage: Usage): string {
  const cached = usage.cached_input_tokens ? ` (${formatCount(usage.cached_input_tokens)} cached)` : "";
  const reasoning = usage.reasoning_output_tokens ? ` (${formatCount(usage.reasoning_output_tokens)} reasoning)` : "";
  const total = usage.input_tokens + usage.output_tokens;
  return `tokens used: ${formatCount(total)} — input ${formatCount(usage.input_tokens)}${cached}, output ${formatCount(usage.output_tokens)}${reasoning}`;
}

/** Kind letter of a changed file, as git shows it. */
export function changeLetter(kind: "add" | "delete" | "update"): string {
  return kind === "add" ? "A" : kind === "delete" ? "D" : "M";
}
