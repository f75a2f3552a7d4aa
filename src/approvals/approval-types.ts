/**
 * The approval request/decision shapes shared by the tools, the approvals module and the user's
 * callback. The gate itself (policy + callback) lives in src/approvals/; tools only talk to a
 * `ToolAuthorizer`.
 */
import { z } from "zod";

// The request shapes are the public ones: one definition for the engine and the declarations.
export type { ApprovalFileChange, ApprovalRequest, ApprovalRequestKind } from "../options/approval-callback-types.js";
import type { ApprovalRequest } from "../options/approval-callback-types.js";

const Rewrites = {
  /** Run this argv instead of the requested one (commands only). */
  command: z.array(z.string()).min(1).optional(),
  /** Apply this patch text instead of the requested one (patches only). */
  patch: z.string().min(1).optional(),
};

/**
 * The answer to an approval request. `approved_for_session` also skips asking again for exactly
 * what was approved, for the rest of the thread: the same command (argv + cwd + the sandbox level it
 * runs at), a patch writing the same real paths at the same sandbox level, or the same tool. An
 * approval at the sandboxed level never covers running without the sandbox. `denied` continues the turn: `message`, when given, is the tool output the
 * model reads instead of Codex's "exec command rejected by user". `abort` ends the turn.
 */
export const ApprovalDecision = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approved"), ...Rewrites }),
  z.object({ decision: z.literal("approved_for_session"), ...Rewrites }),
  z.object({ decision: z.literal("denied"), message: z.string().optional() }),
  z.object({ decision: z.literal("abort"), message: z.string().optional() }),
]);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export interface ApprovalGate {
  /**
   * Asks the user (callback) and resolves with the decision. Never hangs past its timeout; a
   * missing, failing or malformed callback resolves as `denied` with an explanatory message.
   * Rejects with AbortError when `signal` fires first.
   */
  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}
