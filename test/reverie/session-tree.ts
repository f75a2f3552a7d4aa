/**
 * Writes session trees shaped like the Codex CLI's (`sessions/YYYY/MM/DD/rollout-*.jsonl`) for
 * the reverie tests.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export function line(type: string, payload: Record<string, unknown>, timestamp = "2025-03-01T10:00:00.000Z"): string {
  return JSON.stringify({ timestamp, type, payload });
}

export const user = (text: string): string[] => [
  line("response_item", { type: "message", role: "user", content: [{ type: "input_text", text }] }),
  line("event_msg", { type: "user_message", message: text }),
];

export const agent = (text: string): string[] => [
  line("response_item", { type: "message", role: "assistant", content: [{ type: "output_text", text }] }),
  line("event_msg", { type: "agent_message", message: text }),
];

export const tool = (command: string, output: string): string[] => [
  line("response_item", { type: "function_call", name: "shell", arguments: JSON.stringify({ command: ["bash", "-lc", command] }), call_id: "c1" }),
  line("response_item", { type: "function_call_output", call_id: "c1", output }),
];

/** Thread id of the generated session of `day`. */
export const threadIdOf = (day: number): string => `00000000-0000-4000-8000-${String(day).padStart(12, "0")}`;

/** Writes the session of 2025-03-`day` 10:00 local time with `groups` after its meta line; returns its path. */
export function writeSession(codexHome: string, day: number, groups: string[][], options: { cwd?: string } = {}): string {
  const dd = String(day).padStart(2, "0");
  const directory = path.join(codexHome, "sessions", "2025", "03", dd);
  mkdirSync(directory, { recursive: true });
  const id = threadIdOf(day);
  const file = path.join(directory, `rollout-2025-03-${dd}T10-00-00-${id}.jsonl`);
  const meta = line("session_meta", {
    id,
    timestamp: `2025-03-${dd}T10:00:00.000Z`,
    cwd: options.cwd ?? `/work/project-${day}`,
    originator: "test",
    cli_version: "0.1.0",
  });
  writeFileSync(file, [meta, ...groups.flat()].map((text) => `${text}\n`).join(""));
  return file;
}

export const smallTalk = (): string[][] => [
  user("please look at the build output"),
  agent("I looked at the build output and it is fine"),
  tool("ls", "src\nREADME.md"),
];
