/**
 * What the engine needs to know about a model slug, following Codex's model table
 * (codex-engine-spec §2.2 and the 0.169 observations). Unknown slugs get conservative defaults:
 * no reasoning parameter, no known context window, default tools.
 */

export type ShellToolType = "unified_exec" | "shell_command" | "shell" | "local_shell";
export type ApplyPatchToolType = "freeform" | "function" | "none";

export type ModelInfo = {
  slug: string;
  shellType: ShellToolType;
  applyPatchTool: ApplyPatchToolType;
  supportsParallelToolCalls: boolean;
  supportsReasoningSummaries: boolean;
  supportsVerbosity: boolean;
  defaultVerbosity?: "low" | "medium" | "high";
  defaultReasoningEffort?: string;
  contextWindow?: number;
  /** Extra built-in tools this family is offered (Codex's `experimental_supported_tools`). */
  experimentalSupportedTools: string[];
  /** Tool-output truncation budget: bytes, or tokens (≈ 4 bytes each). */
  truncation: { mode: "bytes" | "tokens"; limit: number };
};

type ModelFamily = Omit<ModelInfo, "slug" | "experimentalSupportedTools"> & { prefix: string; experimentalSupportedTools?: string[] };

const bytes10k = { mode: "bytes", limit: 10_000 } as const;
const tokens10k = { mode: "tokens", limit: 10_000 } as const;

// Longest prefix first: the first match wins.
const families: ModelFamily[] = [
  // Codex's test family: the one that is offered the experimental file tools.
  { prefix: "test-gpt-5", shellType: "unified_exec", applyPatchTool: "freeform", supportsParallelToolCalls: true, supportsReasoningSummaries: true, supportsVerbosity: false, defaultReasoningEffort: "medium", contextWindow: 272_000, truncation: tokens10k, experimentalSupportedTools: ["grep_files", "read_file", "list_dir"] },
  { prefix: "gpt-6", shellType: "unified_exec", applyPatchTool: "freeform", supportsParallelToolCalls: false, supportsReasoningSummaries: true, supportsVerbosity: true, defaultVerbosity: "low", defaultReasoningEffort: "low", contextWindow: 272_000, truncation: tokens10k },
  { prefix: "gpt-5.5", shellType: "unified_exec", applyPatchTool: "freeform", supportsParallelToolCalls: true, supportsReasoningSummaries: true, supportsVerbosity: true, defaultVerbosity: "low", defaultReasoningEffort: "medium", contextWindow: 272_000, truncation: tokens10k },
  { prefix: "gpt-5.2-codex", shellType: "unified_exec", applyPatchTool: "freeform", supportsParallelToolCalls: true, supportsReasoningSummaries: true, supportsVerbosity: false, defaultReasoningEffort: "medium", contextWindow: 272_000, truncation: tokens10k },
  { prefix: "gpt-5.1-codex", shellType: "unified_exec", applyPatchTool: "freeform", supportsParallelToolCalls: false, supportsReasoningSummaries: true, supportsVerbosity: false, defaultReasoningEffort: "medium", contextWindow: 272_000, truncation: tokens10k },
  { prefix: "gpt-5-codex", shellType: "unified_exec", applyPatchTool: "freeform", supportsParallelToolCalls: false, supportsReasoningSummaries: true, supportsVerbosity: false, defaultReasoningEffort: "medium", contextWindow: 272_000, truncation: tokens10k },
  { prefix: "codex-mini-latest", shellType: "local_shell", applyPatchTool: "none", supportsParallelToolCalls: false, supportsReasoningSummaries: true, supportsVerbosity: false, contextWindow: 200_000, truncation: bytes10k },
  { prefix: "codex-", shellType: "unified_exec", applyPatchTool: "freeform", supportsParallelToolCalls: false, supportsReasoningSummaries: true, supportsVerbosity: false, defaultReasoningEffort: "medium", contextWindow: 272_000, truncation: tokens10k },
  { prefix: "gpt-5.2", shellType: "unified_exec", applyPatchTool: "freeform", supportsParallelToolCalls: true, supportsReasoningSummaries: true, supportsVerbosity: true, defaultVerbosity: "low", defaultReasoningEffort: "medium", contextWindow: 272_000, truncation: bytes10k },
  { prefix: "gpt-5.1", shellType: "unified_exec", applyPatchTool: "freeform", supportsParallelToolCalls: true, supportsReasoningSummaries: true, supportsVerbosity: true, defaultVerbosity: "low", defaultReasoningEffort: "medium", contextWindow: 272_000, truncation: bytes10k },
  { prefix: "gpt-5", shellType: "unified_exec", applyPatchTool: "freeform", supportsParallelToolCalls: false, supportsReasoningSummaries: true, supportsVerbosity: true, defaultReasoningEffort: "medium", contextWindow: 272_000, truncation: bytes10k },
  { prefix: "o3", shellType: "shell", applyPatchTool: "none", supportsParallelToolCalls: false, supportsReasoningSummaries: true, supportsVerbosity: false, contextWindow: 200_000, truncation: bytes10k },
  { prefix: "o4-mini", shellType: "shell", applyPatchTool: "none", supportsParallelToolCalls: false, supportsReasoningSummaries: true, supportsVerbosity: false, contextWindow: 200_000, truncation: bytes10k },
  { prefix: "gpt-4.1", shellType: "shell", applyPatchTool: "none", supportsParallelToolCalls: false, supportsReasoningSummaries: false, supportsVerbosity: false, contextWindow: 1_047_576, truncation: bytes10k },
  { prefix: "gpt-4o", shellType: "shell", applyPatchTool: "none", supportsParallelToolCalls: false, supportsReasoningSummaries: false, supportsVerbosity: false, contextWindow: 128_000, truncation: bytes10k },
  { prefix: "gpt-oss", shellType: "shell", applyPatchTool: "function", supportsParallelToolCalls: false, supportsReasoningSummaries: false, supportsVerbosity: false, contextWindow: 96_000, truncation: bytes10k },
];

// Unknown slugs (often a compatible server's own models) get apply_patch as a plain JSON function:
// freeform grammar tools are an OpenAI-specific feature.
const unknownModel: Omit<ModelFamily, "prefix"> = {
  shellType: "unified_exec",
  applyPatchTool: "function",
  supportsParallelToolCalls: false,
  supportsReasoningSummaries: false,
  supportsVerbosity: false,
  truncation: bytes10k,
};

/** Context window assumed (for auto-compaction) for a model this table does not know. */
export const defaultContextWindow = 128_000;

/** Default model when neither options nor config.toml name one. */
export const defaultModel = "gpt-5.5";

/** Looks up the family of a model slug (prefix match, as Codex's `find_model_info_for_slug`). */
export function modelInfoFor(slug: string): ModelInfo {
  const family = families.find((candidate) => slug.startsWith(candidate.prefix));
  const { prefix: _prefix, experimentalSupportedTools, ...info } = family ?? { prefix: "", ...unknownModel };
  return { slug, ...info, experimentalSupportedTools: experimentalSupportedTools ?? [] };
}
