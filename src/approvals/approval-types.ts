/**
 * The approval request/decision shapes shared by the tools, the approvals module and the user's
 * callback. The gate itself (policy + callback) lives in src/approvals/; tools only talk to a
 * `ToolAuthorizer`.
 */

// The request shapes are the public ones: one definition for the engine and the declarations.
export type { ApprovalFileChange, ApprovalRequest, ApprovalRequestKind } from "../options/approval-callback-types.js";
import { s, type Infer } from "../validation/spec.js";
import type { ApprovalRequest } from "../options/approval-callback-types.js";

const Rewrites = {
  /** Run this argv instead of the requested one (commands only). */
  command: s.array(s.string()).min(1).optional(),
  /** Apply this patch text instead of the requested one (patches only). */
  patch: s.string().min(1).optional(),
};

/**
 * The answer to an approval request. `approved_for_session` also skips asking again for exactly
 * what was approved, for the rest of the thread: the same command (argv + cwd + the sandbox level it
 * runs at), a patch writing the same real paths at the same sandbox level, or the same tool. An
 * approval at the sandboxed level never covers running without the sandbox. `denied` continues the turn: `message`, when given, is the tool output the
 * model reads instead of Codex's "exec command rejected by user". `abort` ends the turn.
 */
export const ApprovalDecision = s.discriminatedUnion("decision", [
  s.object({ decision: s.literal("approved"), ...Rewrites }),
  s.object({ decision: s.literal("approved_for_session"), ...Rewrites }),
  s.object({ decision: s.literal("denied"), message: s.string().optional() }),
  s.object({ decision: s.literal("abort"), message: s.string().optional() }),
]);
export type ApprovalDecision = Infer<typeof ApprovalDecision>;

export interface ApprovalGate {
  /**
   * Asks the user (callback) and resolves with the decision. Never hangs past its timeout; a
   * missing, failing or malformed callback resolves as `denied` with an explanatory message.
   * Rejects with AbortError when `signal` fires first.
   */
  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}
