/**
 * Everything a thread needs to run a turn, resolved once from ThreadOptions over the engine
 * config: thread options win, then config overrides, then config.toml, then Codex's defaults.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";
import { defaultModel, modelInfoFor, type ModelInfo } from "../model-info/model-info.js";
import type {
  ApprovalMode,
  ModelReasoningSummary,
  ModelVerbosity,
  ThreadOptions,
  WebSearchMode,
} from "../options/thread-options.js";
import type { SandboxLimits } from "../sandbox/sandbox-limits.js";
import type { SandboxPolicy } from "../sandbox/sandbox-policy.js";
import type { EngineConfig } from "./engine-config.js";
import { defaultBaseInstructions } from "../context/base-instructions.js";
import { resolveContextSettings, type ContextSettings } from "../context/context-settings.js";

export type ThreadSettings = {
  model: ModelInfo;
  cwd: string;
  sandbox: SandboxPolicy;
  /** Resource limits of the thread's commands (defaults applied by the runner). */
  sandboxLimits: SandboxLimits;
  approvalPolicy: ApprovalMode;
  reasoningEffort: string | undefined;
  reasoningSummary: ModelReasoningSummary;
  verbosity: ModelVerbosity | undefined;
  webSearch: WebSearchMode;
  skipGitRepoCheck: boolean;
  streamDeltas: boolean;
  baseInstructions: string;
  developerInstructions: string | undefined;
  projectDocMaxBytes: number;
  source: string;
  /** `show_raw_agent_reasoning`: reasoning items also carry the raw reasoning text when the model sends it. */
  showRawAgentReasoning: boolean;
  /** `hide_agent_reasoning`: no `reasoning` items are emitted (they are still recorded). */
  hideAgentReasoning: boolean;
  /** `model_context_window`, else the model table's window. */
  contextWindow: number | undefined;
  /** `model_auto_compact_token_limit`: compact the history once the context reaches it (see src/compaction). */
  autoCompactTokenLimit: number | undefined;
  /** Offer the `reverie_search` tool (ThreadOptions.reverieSearch). */
  reverieSearch: boolean;
  /** Project docs, skills, personality, ephemeral threads, compaction prompt, turn budgets. */
  context: ContextSettings;
};

export function resolveThreadSettings(engine: EngineConfig, options: ThreadOptions): ThreadSettings {
  const config = engine.config;
  const cwd = path.resolve(options.workingDirectory ?? process.cwd());
  const sandboxMode = options.sandboxMode ?? (options.fullAuto ? "workspace-write" : undefined) ?? config.sandbox_mode ?? "read-only";
  if (options.approvalPolicy !== undefined && options.approvalMode !== undefined && options.approvalPolicy !== options.approvalMode) {
    throw new InvalidArgumentError(
      `approvalPolicy "${options.approvalPolicy}" and its alias approvalMode "${options.approvalMode}" disagree; pass one of them`,
    );
  }
  const approvalPolicy =
    options.approvalPolicy ?? options.approvalMode ?? (options.fullAuto ? "on-request" : undefined) ?? config.approval_policy ?? "never";
  const workspace = config.sandbox_workspace_write ?? {};
  const extraRoots = [
    ...(workspace.writable_roots ?? []),
    ...(options.workspaceWriteOptions?.writableRoots ?? []),
    ...(options.additionalDirectories ?? []),
  ].map((root) => path.resolve(cwd, root));
  const networkAccess =
    options.networkAccessEnabled ?? options.workspaceWriteOptions?.networkAccess ?? workspace.network_access ?? false;
  let sandbox: SandboxPolicy;
  if (sandboxMode === "workspace-write") {
    sandbox = {
      mode: "workspace-write",
      writableRoots: [...new Set(extraRoots)],
      networkAccess,
      excludeTmpdirEnvVar: options.workspaceWriteOptions?.excludeTmpdirEnvVar ?? workspace.exclude_tmpdir_env_var ?? false,
      excludeSlashTmp: options.workspaceWriteOptions?.excludeSlashTmp ?? workspace.exclude_slash_tmp ?? false,
    };
  } else if (sandboxMode === "read-only") {
    // As upstream: network access and extra writable directories are accepted and have no effect here.
    sandbox = { mode: "read-only", networkAccess: false };
  } else {
    sandbox = { mode: "danger-full-access", networkAccess: true };
  }
  const webSearch: WebSearchMode =
    options.webSearchMode ??
    (options.webSearchEnabled === undefined ? undefined : options.webSearchEnabled ? "live" : "disabled") ??
    config.web_search ??
    (sandbox.mode === "danger-full-access" ? "live" : "cached");
  const model = modelInfoFor(options.model ?? config.model ?? defaultModel);
  return {
    model: config.model_context_window === undefined ? model : { ...model, contextWindow: config.model_context_window },
    cwd,
    sandbox,
    sandboxLimits: options.sandboxLimits ?? {},
    approvalPolicy,
    reasoningEffort: options.modelReasoningEffort ?? config.model_reasoning_effort,
    reasoningSummary: options.modelReasoningSummary ?? config.model_reasoning_summary ?? "auto",
    verbosity: options.modelVerbosity ?? config.model_verbosity,
    webSearch,
    skipGitRepoCheck: options.skipGitRepoCheck ?? engine.skipGitRepoCheck ?? false,
    streamDeltas: options.streamDeltas ?? false,
    baseInstructions: options.baseInstructions ?? readInstructionsFile(engine) ?? defaultBaseInstructions,
    developerInstructions: options.developerInstructions ?? config.developer_instructions,
    projectDocMaxBytes: config.project_doc_max_bytes ?? 32 * 1024,
    source: options.threadSource ?? "sdk",
    showRawAgentReasoning: config.show_raw_agent_reasoning ?? false,
    hideAgentReasoning: config.hide_agent_reasoning ?? false,
    contextWindow: config.model_context_window ?? model.contextWindow,
    autoCompactTokenLimit: config.model_auto_compact_token_limit,
    reverieSearch: options.reverieSearch ?? false,
    context: resolveContextSettings(engine, options, cwd),
  };
}

function readInstructionsFile(engine: EngineConfig): string | undefined {
  const file = engine.config.model_instructions_file;
  if (!file) return undefined;
  const resolved = path.resolve(engine.codexHome, file);
  try {
    return readFileSync(resolved, "utf8");
  } catch (error) {
    throw new InvalidArgumentError(`Cannot read model_instructions_file ${resolved}: ${(error as Error).message}`);
  }
}
