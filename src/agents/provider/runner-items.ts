/**
 * The slice of the @openai/agents model protocol the Codex model reads and writes, as our own
 * structural types (the main bundle never imports @openai/agents), and the conversions between
 * its items and ours.
 */

/** A request of the Agents SDK Runner to its model (`ModelRequest`), the fields we use. */
export type RunnerModelRequest = {
  systemInstructions?: string;
  input: string | RunnerInputItem[];
  previousResponseId?: string;
  conversationId?: string;
  tools: Array<{ type: string; name?: string; description?: string; parameters?: unknown; strict?: boolean }>;
  handoffs: Array<{ toolName: string; toolDescription: string; inputJsonSchema: unknown; strictJsonSchema: boolean }>;
  outputType: unknown;
  signal?: AbortSignal;
};

/** An item of the Runner's input (`AgentInputItem`), loosely: we read a few kinds. */
export type RunnerInputItem = { type?: string; role?: string; content?: unknown; callId?: string; output?: unknown; name?: string; arguments?: string };

/** What the Codex model answers (`ModelResponse`). */
export type RunnerModelResponse = {
  usage: RunnerUsage;
  output: RunnerOutputItem[];
  responseId: string;
  /** The engine's own items of this response (commands, file changes…), which have no Agents SDK type. */
  providerData: { codexItems: unknown[] };
};

export type RunnerUsage = {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  inputTokensDetails: Array<Record<string, number>>;
  outputTokensDetails: Array<Record<string, number>>;
  requestUsageEntries: undefined;
  add(other: RunnerUsage): void;
};

export type RunnerOutputItem =
  | { type: "message"; id: string; role: "assistant"; status: "completed"; content: Array<{ type: "output_text"; text: string }> }
  | { type: "function_call"; id: string; callId: string; name: string; arguments: string; status: "completed" };

/** The Runner's stream events (`StreamEvent`) we emit. */
export type RunnerStreamEvent =
  | { type: "response_started" }
  | { type: "output_text_delta"; delta: string }
  | { type: "model"; event: unknown }
  | { type: "response_done"; response: { id: string; usage: Omit<RunnerUsage, "add" | "requestUsageEntries">; output: RunnerOutputItem[]; providerData: { codexItems: unknown[] } } };

/** A usage the Runner can add up (it calls `add` on its own Usage with ours as the argument). */
export function runnerUsage(tokens: { input: number; cached: number; output: number; reasoning: number; requests: number }): RunnerUsage {
  const usage: RunnerUsage = {
    requests: tokens.requests,
    inputTokens: tokens.input,
    outputTokens: tokens.output,
    totalTokens: tokens.input + tokens.output,
    inputTokensDetails: [{ cached_tokens: tokens.cached }],
    outputTokensDetails: [{ reasoning_tokens: tokens.reasoning }],
    requestUsageEntries: undefined,
    add(other) {
      usage.requests += other.requests;
      usage.inputTokens += other.inputTokens;
      usage.outputTokens += other.outputTokens;
      usage.totalTokens += other.totalTokens;
      usage.inputTokensDetails.push(...other.inputTokensDetails);
      usage.outputTokensDetails.push(...other.outputTokensDetails);
    },
  };
  return usage;
}

/** The text of a user or system message of the Runner's input (images and files are not carried). */
export function messageText(item: RunnerInputItem): string {
  const content = item.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { type?: string; text?: string }) => (typeof part?.text === "string" ? part.text : ""))
    .filter((text) => text.length > 0)
    .join("\n");
}

/** A function_call_result's output as the tool output text the model gets. */
export function resultText(output: unknown): string {
  if (typeof output === "string") return output;
  if (Array.isArray(output)) return output.map(resultText).join("\n");
  if (output && typeof output === "object" && typeof (output as { text?: unknown }).text === "string") return (output as { text: string }).text;
  return JSON.stringify(output ?? "");
}

/** The JSON schema of a structured `outputType`, or undefined for text output. */
export function outputSchemaOf(outputType: unknown): Record<string, unknown> | undefined {
  if (!outputType || typeof outputType !== "object") return undefined;
  const definition = outputType as { type?: string; schema?: unknown };
  return definition.type === "json_schema" && definition.schema && typeof definition.schema === "object" ? (definition.schema as Record<string, unknown>) : undefined;
}
