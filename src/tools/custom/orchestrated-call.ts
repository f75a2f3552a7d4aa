/**
 * The orchestrated path of a tool that runs in this process (a JS handler or an MCP server call):
 * the approval policy is asked through `authorizeToolCall` (only `untrusted` asks, once per tool
 * with `approved_for_session`, as Codex treats MCP tools), then the work runs once. Such work is
 * not a sandboxed command, so there is no sandbox denial and no escalation; commands a handler
 * wants run go through a built-in (`callBuiltin`), which has its own sandbox.
 */
import { orchestrate, type SideEffect } from "../tool-orchestrator.js";
import type { ToolCallContext } from "../tool-handler.js";

export type InProcessCall<Outcome> = {
  callId: string;
  toolName: string;
  kind: "custom_tool" | "mcp_tool_call";
  /** The parsed arguments, shown to the approval callback. */
  arguments: unknown;
  run(): Promise<Outcome>;
};

export type InProcessResult<Outcome> = { status: "ran"; outcome: Outcome } | { status: "declined"; message: string };

/** Runs `call` through the orchestrator. @throws AbortError when the user chose to abort. */
export async function runInProcessCall<Outcome>(call: InProcessCall<Outcome>, context: ToolCallContext): Promise<InProcessResult<Outcome>> {
  const { authorizer } = context.turn.services;
  const sandbox = context.turn.settings.sandbox;
  const effect: SideEffect<null, Outcome> = {
    async approve(signal) {
      const answer = await authorizer.authorizeToolCall(
        { callId: call.callId, toolName: call.toolName, kind: call.kind, arguments: call.arguments },
        signal,
      );
      if (answer.action === "run") return { action: "run", plan: null, sandbox };
      return answer.action === "abort" ? { action: "abort", message: answer.message } : { action: "decline", message: answer.message };
    },
    attempt: () => call.run(),
    deniedBySandbox: () => false,
    approveEscalation: async () => ({ action: "keep" }),
  };
  const result = await orchestrate(effect, context.signal);
  if (result.status === "declined") return { status: "declined", message: result.message };
  return { status: "ran", outcome: result.outcome };
}
