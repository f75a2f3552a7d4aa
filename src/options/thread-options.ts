/**
 * Options of `startThread` / `resumeThread`. Upstream @openai/codex-sdk names first, then the
 * seed's aliases (`approvalMode`, `workspaceWriteOptions`, `fullAuto`) and our additions.
 */

import type { McpServerConfig } from "../mcp/mcp-server-config.js";
import type { SandboxLimits } from "../sandbox/sandbox-limits.js";
import type { DynamicToolSpec } from "../tools/custom/native-tool-types.js";
import type { Personality } from "../context/personality.js";
import type { SkillMentionTrigger, SkillsOption } from "../skills/skill-types.js";

/** When the agent must ask before acting (Codex's `approval_policy`). */
export type ApprovalMode = "never" | "on-request" | "on-failure" | "untrusted";
/** What commands may touch: nothing, the workspace, or everything. */
export type SandboxMode = "read-only" | "workspace-write" | "danger-full-access";
/** Reasoning effort sent to the model (`reasoning.effort`). */
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
/** Reasoning summary detail requested from the model (`reasoning.summary`). */
export type ModelReasoningSummary = "auto" | "concise" | "detailed" | "none";
/** Answer verbosity for models that support it (`text.verbosity`). */
export type ModelVerbosity = "low" | "medium" | "high";
/** Whether the server-side `web_search` tool is offered, and with live or cached results. */
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

/** Options of `startThread` / `resumeThread`. */
export type ThreadOptions = {
  /** Model slug; default config `model`, else gpt-5.5 (a resumed thread keeps its recorded model). */
  model?: string;
  /** Recorded as the session's `source` in its session file. */
  threadSource?: string;
  /** Sandbox of the thread's commands and patches; default config `sandbox_mode`, else `read-only`. */
  sandboxMode?: SandboxMode;
  /** Where the agent works; default `process.cwd()`. Must be an existing directory. */
  workingDirectory?: string;
  /** Run outside a git repository (otherwise a run there fails with GitRepoCheckError). */
  skipGitRepoCheck?: boolean;
  /** Reasoning effort; default config `model_reasoning_effort`, else the model's default. */
  modelReasoningEffort?: ModelReasoningEffort;
  /** Let commands use the network under `workspace-write` (no effect under `read-only`, as upstream). */
  networkAccessEnabled?: boolean;
  /** Web search mode; wins over `webSearchEnabled`. */
  webSearchMode?: WebSearchMode;
  /** `true` = `"live"`, `false` = `"disabled"`. */
  webSearchEnabled?: boolean;
  /** Approval policy; default config `approval_policy`, else `never`. */
  approvalPolicy?: ApprovalMode;
  /** Extra writable directories under `workspace-write` (no effect under `read-only`, as upstream). */
  additionalDirectories?: string[];
  /** Alias of `approvalPolicy` (the native SDK's older name); both set to different values is an error. */
  approvalMode?: ApprovalMode;
  /** Settings of the `workspace-write` sandbox (no effect under other modes). */
  workspaceWriteOptions?: WorkspaceWriteOptions;
  /**
   * Resource limits of every command this thread runs, in every sandbox mode (not an upstream
   * option). Unset fields keep the defaults (`defaultSandboxLimits`: 1024 processes, 16 GiB
   * address space and 8 GiB files per process, 7200 s CPU per process); `null` lifts a limit.
   */
  sandboxLimits?: SandboxLimits;
  /** @deprecated Same as `sandboxMode: "workspace-write"` with `approvalPolicy: "on-request"`. */
  fullAuto?: boolean;
  /** Reasoning summary detail; default config `model_reasoning_summary`, else `auto`. */
  modelReasoningSummary?: ModelReasoningSummary;
  /** Answer verbosity; default config `model_verbosity`, else the model's default. */
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
  /**
   * Opt-in: offer the model the `reverie_search` tool, a ranked search over the past sessions
   * in CODEX_HOME (results in TOON). Off by default.
   */
  reverieSearch?: boolean;
  /**
   * Tools of this thread only, offered on every request besides the instance's registered tools
   * (a dynamic tool wins over an instance tool of the same name).
   */
  dynamicTools?: DynamicToolSpec[];
  /** MCP servers of this thread, by name (win over the instance's and config.toml's of the same name). */
  mcp?: Record<string, McpServerConfig>;
  /** Default: the instance's `inheritMcp`. False ignores config.toml's `mcp_servers` for this thread. */
  inheritMcp?: boolean;
  /**
   * Communication style (Codex's `personality`): `friendly` or `pragmatic` add a style note to the
   * thread's initial context; `none` (or unset, without config `personality`) adds nothing.
   */
  personality?: Personality;
  /** Keep the thread in memory only: no session file is written and it cannot be resumed or forked. */
  ephemeral?: boolean;
  /** `false` reads no project docs (AGENTS.md etc. in the repository); the CODEX_HOME AGENTS.md still applies. Default true. */
  projectDocs?: boolean;
  /** Extra instruction files (relative to the working directory) added after the discovered project docs. */
  additionalProjectDocs?: string[];
  /** Skills of this thread, besides the Codex instance's and the SKILL.md files found; see `SkillDefinition`. */
  skills?: SkillsOption;
  /** Which characters start a skill mention; default the Codex instance's, else `["$"]`. */
  skillMentionTriggers?: SkillMentionTrigger[];
  /** Per-turn budget: a turn whose model asks for more tool calls than this fails (`TurnBudgetExceededError`). */
  maxToolCalls?: number;
  /** Per-turn budget: a turn that has used more tokens (input + output, summed over its requests) fails before its next request. */
  tokenBudget?: number;
};
