/**
 * A tool whose work is JavaScript (an agent's transfer tool, an Agents SDK Runner's tool, a
 * `codexTool`), as a handler of the engine's tool registry. Its call takes the one orchestration
 * path (DESIGN.md decision 5): `authorizeToolCall` approves it (the `untrusted` policy asks the
 * user), then the attempt runs the function; there is no sandbox to be denied by, so no escalation.
 */
import type { ToolAuthorizer, ToolCallAuthorizer } from "../approvals/tool-authorizer.js";
import { AbortError } from "../errors.js";
import { orchestrate } from "../tools/tool-orchestrator.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput } from "../tools/tool-handler.js";

/** A JavaScript function offered to the model as a function tool. */
export type JsToolDefinition = {
  name: string;
  description: string;
  /** JSON schema of the arguments object. */
  parameters: Record<string, unknown>;
  strict: boolean;
  /** "policy" (default): approved like any user tool; "none": nothing to approve (a transfer only switches agents). */
  approval?: "policy" | "none";
  /** Runs the call; the returned text is the tool output. A throw is reported to the model. */
  execute(argumentsJson: string, call: { callId: string; signal: AbortSignal; context: ToolCallContext }): Promise<string>;
};

export function jsToolHandler(definition: JsToolDefinition): ToolHandler {
  return {
    name: definition.name,
    spec: { type: "function", name: definition.name, description: definition.description, strict: definition.strict, parameters: definition.parameters },
    parallel: true,
    async handle(call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
      if (call.kind !== "function") return { output: `${definition.name} expects JSON function arguments`, success: false };
      const authorizer = context.turn.services.authorizer as ToolAuthorizer & Partial<ToolCallAuthorizer>;
      let argumentsValue: unknown = call.arguments;
      try {
        argumentsValue = JSON.parse(call.arguments);
      } catch {
        // Shown to the approver as the raw text; the function decides what to make of it.
      }
      const result = await orchestrate<string, { ok: true; text: string } | { ok: false; text: string }>(
        {
          async approve(signal) {
            const asks = definition.approval !== "none" && authorizer.authorizeToolCall !== undefined;
            const answer = asks
              ? await authorizer.authorizeToolCall!({ callId: call.callId, toolName: call.name, kind: "custom_tool", arguments: argumentsValue }, signal)
              : { action: "run" as const };
            if (answer.action === "run") return { action: "run", plan: call.arguments, sandbox: context.turn.settings.sandbox };
            return answer.action === "abort" ? { action: "abort", message: answer.message } : { action: "decline", message: answer.message };
          },
          async attempt(argumentsJson) {
            try {
              return { ok: true, text: await definition.execute(argumentsJson, { callId: call.callId, signal: context.signal, context }) };
            } catch (error) {
              if (error instanceof AbortError || context.signal.aborted) throw error;
              return { ok: false, text: `tool ${definition.name} failed: ${error instanceof Error ? error.message : String(error)}` };
            }
          },
          // JavaScript work is not confined by the command sandbox, so nothing to escalate.
          deniedBySandbox: () => false,
          approveEscalation: async () => ({ action: "keep" }),
        },
        context.signal,
      );
      if (result.status !== "ran") return { output: result.message, success: false };
      return { output: result.outcome.text, success: result.outcome.ok };
    },
  };
}
