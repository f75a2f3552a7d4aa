/**
 * Options of `startThread` / `resumeThread`. Upstream @openai/codex-sdk names first, then the
 * seed's aliases (`approvalMode`, `workspaceWriteOptions`, `fullAuto`) and our additions.
 */

import type { SandboxLimits } from "../sandbox/sandbox-limits.js";

export type ApprovalMode = "never" | "on-request" | "on-failure" | "untrusted";
export type SandboxMode = "read-only" | "workspace-write" | "danger-full-access";
export type ModelReasoningEffort =
  | "none"
  | "minimal"
  | "low"
  | "medium"
  | "high"
  | "xhigh"
  | "max"
  | "ultra"
  | "persistent";
export type ModelReasoningSummary = "auto" | "concise" | "detailed" | "none";
export type ModelVerbosity = "low" | "medium" | "high";
export type WebSearchMode = "disabled" | "cached" | "live";

/** Extra settings of the `workspace-write` sandbox (Codex's `sandbox_workspace_write` table). */
export type WorkspaceWriteOptions = {
  /** Directories writable besides the working directory. */
  writableRoots?: string[];
  /** Allow network access from commands. */
  networkAccess?: boolean;
  /** Do not make `$TMPDIR` writable. */
  excludeTmpdirEnvVar?: boolean;
  /** Do not make `/tmp` writable. */
  excludeSlashTmp?: boolean;
};

export type ThreadOptions = {
  model?: string;
  /** Recorded as the session's `source` in its session file. */
  threadSource?: string;
  sandboxMode?: SandboxMode;
  workingDirectory?: string;
  skipGitRepoCheck?: boolean;
  modelReasoningEffort?: ModelReasoningEffort;
  networkAccessEnabled?: boolean;
  webSearchMode?: WebSearchMode;
  webSearchEnabled?: boolean;
  approvalPolicy?: ApprovalMode;
  additionalDirectories?: string[];
  /** Alias of `approvalPolicy` (the native SDK's older name); `approvalPolicy` wins when both are set. */
  approvalMode?: ApprovalMode;
  workspaceWriteOptions?: WorkspaceWriteOptions;
  /**
   * Resource limits of every command this thread runs, in every sandbox mode (not an upstream
   * option). Unset fields keep the defaults (`defaultSandboxLimits`: 1024 processes, 16 GiB
   * address space and 8 GiB files per process, 7200 s CPU per process); `null` lifts a limit.
   */
  sandboxLimits?: SandboxLimits;
  /** @deprecated Same as `sandboxMode: "workspace-write"` with `approvalPolicy: "on-request"`. */
  fullAuto?: boolean;
  modelReasoningSummary?: ModelReasoningSummary;
  modelVerbosity?: ModelVerbosity;
  /**
   * Opt-in: stream agent-message and reasoning text as `item.started` + `item.updated` events
   * (upstream emits agent messages only whole, in `item.completed`).
   */
  streamDeltas?: boolean;
  /** Replaces our base instructions (the `instructions` field of every request). */
  baseInstructions?: string;
  /** Extra developer instructions recorded at the start of the thread. */
  developerInstructions?: string;
};
