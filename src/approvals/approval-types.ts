/**
 * The approval request/decision shapes shared by the tools, the approvals module and the user's
 * callback. The gate itself (policy + callback) lives in src/approvals/; tools only talk to a
 * `ToolAuthorizer`.
 */
import { z } from "zod";
import type { SandboxPolicy } from "../sandbox/sandbox-policy.js";

export type ApprovalRequestKind = "command" | "patch" | "mcp_tool_call" | "custom_tool";

/** One file a patch touches, as shown in a patch approval request. */
export type ApprovalFileChange = {
  /** Absolute path. */
  path: string;
  kind: "add" | "delete" | "update";
  /** Update only: the absolute path the file is renamed to. */
  movePath?: string;
  /** Update only: unified diff of the change. */
  unifiedDiff?: string;
  /** Add: the new contents; delete: the contents removed. */
  content?: string;
};

/** What the user's approval callback is asked about. */
export type ApprovalRequest = {
  kind: ApprovalRequestKind;
  threadId: string;
  turnId: string;
  callId: string;
  toolName: string;
  /** For commands: the argv and its display string (the script of `bash -lc <script>`). */
  command?: string[];
  commandText?: string;
  /** For patches: the patch text and the files it touches. */
  patch?: string;
  changes?: ApprovalFileChange[];
  /** Arguments of an MCP or custom tool call. */
  arguments?: unknown;
  cwd: string;
  /**
   * Why approval is needed: the model's justification for an escalation, Codex's
   * "command failed; retry without sandbox?" after a sandbox denial, or the engine's reason.
   */
  reason?: string;
  /** The thread's sandbox policy. */
  sandbox: SandboxPolicy;
  /**
   * True when the command or patch would run unconfined if approved: the model asked to escape the
   * sandbox, the patch writes outside the writable roots, this is a retry without the sandbox after
   * it refused the confined attempt (always a new request), or the sandbox is `danger-full-access`.
   */
  escalated: boolean;
};

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
