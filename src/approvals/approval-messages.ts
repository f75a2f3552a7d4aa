/**
 * The texts the model (and the user's callback) see for approval outcomes. The Codex ones are
 * copied exactly, since models are trained on them.
 */
import type { ApprovalMode } from "../options/thread-options.js";
import type { ApprovalRequestKind } from "./approval-types.js";
import { extractShellScript } from "./shell-script-parser.js";

/** Codex: tool output after the user denied (or aborted at) a command approval. */
export const EXEC_REJECTED_BY_USER = "exec command rejected by user";
/** Codex: tool output after the user denied (or aborted at) a patch approval. */
export const PATCH_REJECTED_BY_USER = "patch rejected by user";
/** Tool output after the user denied an MCP or custom tool call. */
export const TOOL_CALL_REJECTED_BY_USER = "tool call rejected by user";
/** Codex: a prompt was needed while the policy is `never`. */
export const PROMPT_CONFLICT_REASON = "approval required by policy, but AskForApproval is set to Never";
/** Codex: a patch writes outside the writable roots while the policy is `never`. */
export const PATCH_OUTSIDE_PROJECT_REJECTED = "writing outside of the project; rejected by user approval settings";
/** Codex: apply_patch with no file operations. */
export const EMPTY_PATCH_REJECTED = "empty patch";
/** Codex: the reason shown when asking to rerun a command without the sandbox after a denial. */
export const RETRY_WITHOUT_SANDBOX_REASON = "command failed; retry without sandbox?";
/** The reason shown when asking about a patch that writes outside the writable roots. */
export const PATCH_OUTSIDE_WRITABLE_ROOTS_REASON = "the patch writes outside the sandbox's writable roots";

/** Codex prints the policy with Rust's `Debug` formatting (`AskForApproval::OnRequest` → `OnRequest`). */
const POLICY_DEBUG_NAMES: Record<ApprovalMode, string> = {
  never: "Never",
  "on-request": "OnRequest",
  "on-failure": "OnFailure",
  untrusted: "UnlessTrusted",
};

/** Codex: the model set `sandbox_permissions: "require_escalated"` while the policy is not `on-request`. */
export function escalationNotAllowedMessage(policy: ApprovalMode): string {
  const name = POLICY_DEBUG_NAMES[policy];
  return `approval policy is ${name}; reject command — you should not ask for escalated permissions if the approval policy is ${name}`;
}

/** Codex: a command forbidden by the safety heuristics (a forced `rm` under `never`). */
export function commandBlockedByPolicyMessage(argv: readonly string[]): string {
  return `\`${shellJoin(argv)}\` rejected: blocked by policy`;
}

/** The policy wanted a prompt but no callback is registered: the call is denied, never auto-approved. */
export function noApprovalCallbackMessage(policy: ApprovalMode): string {
  return (
    `approval required by policy (${policy}), but no approval callback is registered; ` +
    "register one with codex.setApprovalCallback() or thread.onApprovalRequest()"
  );
}

/** What the model reads when the user denied or aborted, for each kind of request. */
export function rejectedByUserMessage(kind: ApprovalRequestKind): string {
  if (kind === "command") return EXEC_REJECTED_BY_USER;
  if (kind === "patch") return PATCH_REJECTED_BY_USER;
  return TOOL_CALL_REJECTED_BY_USER;
}

/** Prefix for denials that did not come from the user's answer (callback failed, timed out…). */
export function rejectedPrefix(kind: ApprovalRequestKind): string {
  if (kind === "command") return "exec command rejected";
  if (kind === "patch") return "patch rejected";
  return "tool call rejected";
}

/** How a command is shown to people: the script of `bash -lc <script>`, else argv shell-quoted. */
export function commandDisplayText(argv: readonly string[]): string {
  return extractShellScript(argv) ?? shellJoin(argv);
}

/** Joins argv into one POSIX shell line, single-quoting words that need it. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(quoteShellWord).join(" ");
}

function quoteShellWord(word: string): string {
  if (word === "") return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'"'"'`)}'`;
}
