/**
 * Builders for the output items a scripted model turn returns. Each returns the item exactly as the
 * Responses API puts it in `response.output_item.done` (and in `response.completed.output`).
 */

/** An assistant message with one `output_text` part. */
export interface OutputMessage {
  type: "message";
  id: string;
  status: "completed";
  role: "assistant";
  content: Array<{ type: "output_text"; text: string; annotations: unknown[] }>;
  phase?: "commentary" | "final_answer";
}

/** Reasoning with summary sections and, optionally, raw reasoning text and encrypted content. */
export interface OutputReasoning {
  type: "reasoning";
  id: string;
  summary: Array<{ type: "summary_text"; text: string }>;
  content?: Array<{ type: "reasoning_text"; text: string }>;
  encrypted_content?: string;
}

/** A function tool call; `arguments` is the JSON text the model wrote. */
export interface OutputFunctionCall {
  type: "function_call";
  id: string;
  status: "completed";
  call_id: string;
  name: string;
  arguments: string;
}

/** A freeform tool call (e.g. `apply_patch`). */
export interface OutputCustomToolCall {
  type: "custom_tool_call";
  id: string;
  status: "completed";
  call_id: string;
  name: string;
  input: string;
}

/** A call of the built-in `local_shell` tool. */
export interface OutputLocalShellCall {
  type: "local_shell_call";
  id: string;
  call_id: string;
  status: "completed";
  action: { type: "exec"; command: string[]; timeout_ms?: number; working_directory?: string };
}

/** A server-side web search. */
export interface OutputWebSearchCall {
  type: "web_search_call";
  id: string;
  status: "completed";
  action: { type: "search"; query: string };
}

/** Any item a scripted turn can stream. */
export type OutputItem =
  | OutputMessage
  | OutputReasoning
  | OutputFunctionCall
  | OutputCustomToolCall
  | OutputLocalShellCall
  | OutputWebSearchCall;

let idCounter = 0;

/** Unique ids in the API's prefix style (`msg_…`, `call_…`), distinct across every turn of the process. */
export function nextMockId(prefix: string): string {
  idCounter += 1;
  return `${prefix}_mock_${idCounter}`;
}

/** An assistant message; `phase: "final_answer"` marks the turn's answer in newer models. */
export function assistantMessage(text: string, options: { id?: string; phase?: OutputMessage["phase"] } = {}): OutputMessage {
  const item: OutputMessage = {
    type: "message",
    id: options.id ?? nextMockId("msg"),
    status: "completed",
    role: "assistant",
    content: [{ type: "output_text", text, annotations: [] }],
  };
  if (options.phase !== undefined) item.phase = options.phase;
  return item;
}

/** Reasoning; each summary string becomes one summary section, each `content` string raw reasoning text. */
export function reasoning(
  summary: string | string[],
  options: { id?: string; encryptedContent?: string; content?: string | string[] } = {},
): OutputReasoning {
  const item: OutputReasoning = {
    type: "reasoning",
    id: options.id ?? nextMockId("rs"),
    summary: toArray(summary).map((text) => ({ type: "summary_text", text })),
  };
  if (options.content !== undefined) {
    item.content = toArray(options.content).map((text) => ({ type: "reasoning_text", text }));
  }
  if (options.encryptedContent !== undefined) item.encrypted_content = options.encryptedContent;
  return item;
}

/**
 * A function call. Object arguments are JSON-encoded; a string is sent as is, so tests can send
 * malformed JSON on purpose.
 */
export function functionCall(name: string, args: unknown, options: { callId?: string; id?: string } = {}): OutputFunctionCall {
  return {
    type: "function_call",
    id: options.id ?? nextMockId("fc"),
    status: "completed",
    call_id: options.callId ?? nextMockId("call"),
    name,
    arguments: typeof args === "string" ? args : JSON.stringify(args),
  };
}

/** A freeform tool call such as `apply_patch` with its raw input. */
export function customToolCall(name: string, input: string, options: { callId?: string; id?: string } = {}): OutputCustomToolCall {
  return {
    type: "custom_tool_call",
    id: options.id ?? nextMockId("ctc"),
    status: "completed",
    call_id: options.callId ?? nextMockId("call"),
    name,
    input,
  };
}

/** A `local_shell` call running `command` (argv form). */
export function localShellCall(
  command: string[],
  options: { callId?: string; id?: string; workdir?: string; timeoutMs?: number } = {},
): OutputLocalShellCall {
  const action: OutputLocalShellCall["action"] = { type: "exec", command };
  if (options.timeoutMs !== undefined) action.timeout_ms = options.timeoutMs;
  if (options.workdir !== undefined) action.working_directory = options.workdir;
  return {
    type: "local_shell_call",
    id: options.id ?? nextMockId("lsh"),
    call_id: options.callId ?? nextMockId("call"),
    status: "completed",
    action,
  };
}

/** A completed web search for `query`. */
export function webSearchCall(query: string, options: { id?: string } = {}): OutputWebSearchCall {
  return {
    type: "web_search_call",
    id: options.id ?? nextMockId("ws"),
    status: "completed",
    action: { type: "search", query },
  };
}

function toArray(value: string | string[]): string[] {
  return typeof value === "string" ? [value] : value;
}
