/**
 * The body of one `POST /responses`, as Codex builds it (codex-engine-spec §1.2).
 */
import type { ReasoningEffort, ResponsesRequestBody } from "../model/request-body.js";
import type { ResponseItem } from "../model/response-items.js";
import type { TurnContext } from "./turn-context.js";
import { normalizeHistory } from "./history.js";

export function buildRequest(turn: TurnContext, history: readonly ResponseItem[]): ResponsesRequestBody {
  const { settings } = turn;
  const overrides = turn.requestOverrides?.() ?? {};
  const model = overrides.model ?? settings.model;
  const effort = (settings.reasoningEffort ?? model.defaultReasoningEffort) as ReasoningEffort | undefined;
  const reasoning = model.supportsReasoningSummaries
    ? {
        ...(effort ? { effort } : {}),
        ...(settings.reasoningSummary !== "none" ? { summary: settings.reasoningSummary } : {}),
      }
    : null;
  const verbosity = model.supportsVerbosity ? (settings.verbosity ?? model.defaultVerbosity) : undefined;
  const text =
    verbosity || turn.outputSchema
      ? {
          ...(verbosity ? { verbosity } : {}),
          ...(turn.outputSchema
            ? { format: { type: "json_schema" as const, strict: true, schema: turn.outputSchema, name: "codex_output_schema" } }
            : {}),
        }
      : undefined;
  return {
    model: model.slug,
    instructions: overrides.extraInstructions
      ? `${overrides.instructions ?? settings.baseInstructions}\n\n${overrides.extraInstructions}`
      : (overrides.instructions ?? settings.baseInstructions),
    input: normalizeHistory(history),
    tools: turn.tools.specs(),
    tool_choice: "auto",
    parallel_tool_calls: model.supportsParallelToolCalls,
    // Omitted rather than null for models without reasoning: some compatible servers reject null.
    ...(reasoning ? { reasoning } : {}),
    store: false,
    stream: true,
    include: reasoning ? ["reasoning.encrypted_content"] : [],
    prompt_cache_key: turn.threadId,
    ...(text ? { text } : {}),
  };
}
