/**
 * The settings a resumed thread ran with, read back from its session file as ThreadOptions: the
 * last `turn_context` (model, reasoning, approval and sandbox policy, cwd), else the session's cwd.
 * The caller's own options win over them; config and defaults only fill what neither gives.
 */
import type { ApprovalMode, ModelReasoningEffort, ModelReasoningSummary, ThreadOptions } from "../options/thread-options.js";
import type { RolloutContents } from "../sessions/rollout-reader.js";
import { isPersonality } from "../context/personality.js";

const approvalModes: readonly string[] = ["never", "on-request", "on-failure", "untrusted"];
const efforts: readonly string[] = ["none", "minimal", "low", "medium", "high", "xhigh", "max", "ultra", "persistent"];
const summaries: readonly string[] = ["auto", "concise", "detailed", "none"];

/** Options recorded in the session file, in ThreadOptions form (values we cannot read are left out). */
export function recordedThreadOptions(contents: RolloutContents): ThreadOptions {
  const last = contents.lastTurnContext;
  const recorded: ThreadOptions = {};
  const cwd = last?.cwd ?? contents.meta.cwd;
  if (typeof cwd === "string" && cwd.length > 0) recorded.workingDirectory = cwd;
  if (!last) return recorded;
  if (last.model) recorded.model = last.model;
  if (isPersonality(last.personality)) recorded.personality = last.personality;
  if (typeof last.effort === "string" && efforts.includes(last.effort)) recorded.modelReasoningEffort = last.effort as ModelReasoningEffort;
  if (typeof last.summary === "string" && summaries.includes(last.summary)) recorded.modelReasoningSummary = last.summary as ModelReasoningSummary;
  if (typeof last.approval_policy === "string" && approvalModes.includes(last.approval_policy)) {
    recorded.approvalPolicy = last.approval_policy as ApprovalMode;
  }
  const sandbox = last.sandbox_policy as Record<string, unknown> | undefined;
  if (sandbox?.type === "read-only" || sandbox?.type === "danger-full-access") recorded.sandboxMode = sandbox.type;
  if (sandbox?.type === "workspace-write") {
    recorded.sandboxMode = "workspace-write";
    recorded.workspaceWriteOptions = {
      ...(isStringArray(sandbox.writable_roots) ? { writableRoots: sandbox.writable_roots } : {}),
      ...(typeof sandbox.network_access === "boolean" ? { networkAccess: sandbox.network_access } : {}),
      ...(typeof sandbox.exclude_tmpdir_env_var === "boolean" ? { excludeTmpdirEnvVar: sandbox.exclude_tmpdir_env_var } : {}),
      ...(typeof sandbox.exclude_slash_tmp === "boolean" ? { excludeSlashTmp: sandbox.exclude_slash_tmp } : {}),
    };
  }
  return recorded;
}

/** The caller's options over the recorded ones; a caller's approval or sandbox choice replaces the recorded pair. */
export function mergeResumeOptions(recorded: ThreadOptions, caller: ThreadOptions): ThreadOptions {
  const base: ThreadOptions = { ...recorded };
  if (caller.approvalPolicy !== undefined || caller.approvalMode !== undefined || caller.fullAuto) delete base.approvalPolicy;
  if (caller.sandboxMode !== undefined || caller.fullAuto) {
    delete base.sandboxMode;
    delete base.workspaceWriteOptions;
  }
  const merged: ThreadOptions = { ...base };
  for (const [key, value] of Object.entries(caller)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === "string");
}
