/**
 * The conversation as the model sees it, and Codex's normalisation before each request: every
 * call gets an output (a synthetic "aborted" one if the turn was cut short), outputs without a
 * call are dropped, system messages and server ids never travel.
 */
import type { ResponseItem } from "../model/response-items.js";
import { withoutServerId } from "./session-recorder.js";

type CallItem = Extract<ResponseItem, { type: "function_call" | "custom_tool_call" | "local_shell_call" }>;
type OutputItem = Extract<ResponseItem, { type: "function_call_output" | "custom_tool_call_output" }>;

export function isToolCall(item: ResponseItem): item is CallItem {
  return item.type === "function_call" || item.type === "custom_tool_call" || item.type === "local_shell_call";
}

function isToolOutput(item: ResponseItem): item is OutputItem {
  return item.type === "function_call_output" || item.type === "custom_tool_call_output";
}

function callIdOf(item: CallItem): string | undefined {
  return item.type === "local_shell_call" ? (item.call_id ?? item.id ?? undefined) : item.call_id;
}

/** The synthetic answer to a call whose output never came. */
export function abortedOutputFor(call: CallItem): OutputItem | undefined {
  const callId = callIdOf(call);
  if (!callId) return undefined;
  return call.type === "custom_tool_call"
    ? { type: "custom_tool_call_output", call_id: callId, output: "aborted" }
    : { type: "function_call_output", call_id: callId, output: "aborted" };
}

export function normalizeHistory(history: readonly ResponseItem[]): ResponseItem[] {
  const callIds = new Set<string>();
  const answered = new Set<string>();
  for (const item of history) {
    if (isToolCall(item)) {
      const callId = callIdOf(item);
      if (callId) callIds.add(callId);
    } else if (isToolOutput(item)) {
      answered.add(item.call_id);
    }
  }
  const normalized: ResponseItem[] = [];
  for (const item of history) {
    if (item.type === "message" && item.role === "system") continue;
    if (isToolOutput(item) && !callIds.has(item.call_id)) continue;
    normalized.push(withoutServerId(item));
    if (isToolCall(item)) {
      const callId = callIdOf(item);
      if (callId && !answered.has(callId)) {
        const aborted = abortedOutputFor(item);
        if (aborted) normalized.push(aborted);
      }
    }
  }
  return normalized;
}

/** A user/developer message with one text part. */
export function textMessage(role: "user" | "developer", text: string): ResponseItem {
  return { type: "message", role, content: [{ type: "input_text", text }] };
}
