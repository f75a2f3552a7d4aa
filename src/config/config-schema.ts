/**
 * Every config.toml key the Codex CLI accepts, as a zod schema, in two groups: the keys this SDK
 * implements (typed exactly) and the keys it accepts without acting on them (typed loosely, so a
 * wrong type is still a clear error; the README lists them with the reason). Keys outside both are
 * dropped with one warning, as Codex's loader ignores them. Built lazily: the entry path stays light.
 */
import { z } from "zod";
import { ShellEnvironmentPolicy } from "../exec/environment-policy.js";

const approvalPolicy = z.enum(["never", "on-request", "on-failure", "untrusted"]);
const sandboxMode = z.enum(["read-only", "workspace-write", "danger-full-access"]);
const table = z.record(z.string(), z.unknown());
const stringList = z.array(z.string());

function modelProviderConfig() {
  return z.object({
    name: z.string().optional(),
    base_url: z.string().optional(),
    /** Variable holding the key; without it (and without a bearer token) no Authorization header is sent. */
    env_key: z.string().optional(),
    env_key_instructions: z.string().optional(),
    experimental_bearer_token: z.string().optional(),
    wire_api: z.literal("responses").optional(),
    query_params: z.record(z.string(), z.string()).optional(),
    http_headers: z.record(z.string(), z.string()).optional(),
    env_http_headers: z.record(z.string(), z.string()).optional(),
    request_max_retries: z.number().int().min(0).max(100).optional(),
    stream_max_retries: z.number().int().min(0).max(100).optional(),
    stream_idle_timeout_ms: z.number().int().positive().optional(),
    requires_openai_auth: z.boolean().optional(),
    /** Accepted: we always stream over HTTP SSE. */
    supports_websockets: z.boolean().optional(),
    websocket_connect_timeout_ms: z.number().int().positive().optional(),
  });
}
export type ModelProviderConfig = z.infer<ReturnType<typeof modelProviderConfig>>;

/** Keys that take effect, and that a `[profiles.<name>]` table may also set. */
function profileKeys() {
  return {
    model: z.string().optional(),
    model_provider: z.string().optional(),
    openai_base_url: z.string().optional(),
    model_reasoning_effort: z.enum(["none", "minimal", "low", "medium", "high", "xhigh", "max", "ultra", "persistent"]).optional(),
    model_reasoning_summary: z.enum(["auto", "concise", "detailed", "none"]).optional(),
    model_verbosity: z.enum(["low", "medium", "high"]).optional(),
    model_context_window: z.number().int().positive().optional(),
    model_auto_compact_token_limit: z.number().int().positive().optional(),
    approval_policy: approvalPolicy.optional(),
    sandbox_mode: sandboxMode.optional(),
    sandbox_workspace_write: z
      .object({
        writable_roots: stringList.optional(),
        network_access: z.boolean().optional(),
        exclude_tmpdir_env_var: z.boolean().optional(),
        exclude_slash_tmp: z.boolean().optional(),
      })
      .optional(),
    web_search: z.enum(["disabled", "cached", "live"]).optional(),
    developer_instructions: z.string().optional(),
    model_instructions_file: z.string().optional(),
    show_raw_agent_reasoning: z.boolean().optional(),
    hide_agent_reasoning: z.boolean().optional(),
    personality: z.enum(["none", "friendly", "pragmatic"]).optional(),
    compact_prompt: z.string().optional(),
    project_doc_fallback_filenames: stringList.optional(),
    project_root_markers: stringList.optional(),
    /** `[[skills.config]]` entries: `{ path, enabled }` (SKILL.md files to switch off). */
    skills: z.looseObject({ config: z.array(z.looseObject({ path: z.string(), enabled: z.boolean().optional() })).optional() }).optional(),
    review_model: z.string().optional(),
  };
}

/**
 * Keys Codex accepts that this SDK does not act on, with the reason the README gives. Loosely
 * typed: tables are tables, flags are booleans, names are strings.
 */
export const acceptedUnimplementedKeys: Readonly<Record<string, { type: () => z.ZodType; why: string }>> = {
  features: { type: () => z.record(z.string(), z.union([z.boolean(), table])), why: "feature flags of the CLI; this SDK has one fixed feature set" },
  tools: { type: () => table, why: "CLI tool toggles (web_search, view_image); use webSearchMode, tools are chosen per model" },
  history: { type: () => table, why: "the CLI's prompt history file (TUI)" },
  mcp_oauth_credentials_store: { type: () => z.string(), why: "MCP client not implemented yet" },
  mcp_oauth_callback_port: { type: () => z.number(), why: "MCP client not implemented yet" },
  retry_budget: { type: () => z.unknown(), why: "retries are set per provider (request_max_retries, stream_max_retries)" },
  notify: { type: () => stringList, why: "desktop notification hook of the CLI" },
  tui: { type: () => table, why: "terminal UI settings" },
  otel: { type: () => table, why: "OpenTelemetry export of the CLI" },
  analytics: { type: () => table, why: "CLI telemetry" },
  feedback: { type: () => table, why: "CLI feedback upload" },
  file_opener: { type: () => z.string(), why: "TUI hyperlinks" },
  cli_auth_credentials_store: { type: () => z.string(), why: "ChatGPT login storage; this SDK uses API keys only" },
  forced_login_method: { type: () => z.string(), why: "ChatGPT login; this SDK uses API keys only" },
  forced_chatgpt_workspace_id: { type: () => z.string(), why: "ChatGPT login; this SDK uses API keys only" },
  chatgpt_base_url: { type: () => z.string(), why: "ChatGPT login; this SDK uses API keys only" },
  log_dir: { type: () => z.string(), why: "the CLI's log files; this SDK writes no logs" },
  projects: { type: () => z.record(z.string(), table), why: "trust levels of the CLI's onboarding; the SDK caller decides sandbox and approval" },
  experimental_compact_prompt_file: { type: () => z.string(), why: "use compact_prompt (the prompt's text) instead" },
  experimental_instructions_file: { type: () => z.string(), why: "superseded by model_instructions_file" },
  instructions: { type: () => z.string(), why: "superseded by developer_instructions" },
  model_supports_reasoning_summaries: { type: () => z.boolean(), why: "decided by our model table" },
  model_reasoning_summary_format: { type: () => z.string(), why: "decided by our model table" },
  tool_output_token_limit: { type: () => z.number(), why: "truncation follows our model table" },
  oss_provider: { type: () => z.string(), why: "the CLI's --oss switch; define the provider in model_providers" },
  experimental_use_unified_exec_tool: { type: () => z.boolean(), why: "the command tool follows the model family" },
  experimental_use_freeform_apply_patch: { type: () => z.boolean(), why: "the apply_patch form follows the model family" },
  experimental_use_rmcp_client: { type: () => z.boolean(), why: "MCP client not implemented yet" },
  include_apply_patch_tool: { type: () => z.boolean(), why: "the apply_patch tool follows the model family" },
  include_view_image_tool: { type: () => z.boolean(), why: "view_image is always offered" },
  suppress_unstable_features_warning: { type: () => z.boolean(), why: "CLI start-up message" },
  check_for_update_on_startup: { type: () => z.boolean(), why: "CLI self-update" },
  disable_paste_burst: { type: () => z.boolean(), why: "TUI input handling" },
  windows_wsl_setup_acknowledged: { type: () => z.boolean(), why: "CLI onboarding on Windows" },
  notice: { type: () => table, why: "CLI onboarding notices" },
  ghost_snapshot: { type: () => table, why: "undo snapshots not implemented" },
  windows: { type: () => table, why: "Windows sandbox settings; this SDK's sandbox is Linux's" },
  default_permissions: { type: () => z.string(), why: "named permission profiles not implemented; use sandboxMode" },
  permissions: { type: () => table, why: "named permission profiles not implemented; use sandboxMode" },
  apps: { type: () => table, why: "ChatGPT apps connectors" },
  agents: { type: () => table, why: "sub-agents not implemented yet" },
  memories: { type: () => table, why: "memories not implemented" },
};

let cached: { known: z.ZodObject; profile: z.ZodObject } | undefined;

/** The whole accepted config (implemented + accepted-unimplemented keys), built on first use. */
function schemas(): { known: z.ZodObject; profile: z.ZodObject } {
  if (cached) return cached;
  const unimplemented = Object.fromEntries(Object.entries(acceptedUnimplementedKeys).map(([key, entry]) => [key, entry.type().optional()]));
  const profile = z.object({ ...profileKeys(), ...unimplemented });
  const known = z.object({
    ...profileKeys(),
    ...unimplemented,
    model_providers: z.record(z.string(), modelProviderConfig()).optional(),
    // Checked field by field when a thread starts its servers (src/mcp/resolve-mcp-servers.ts).
    mcp_servers: z.record(z.string(), table).optional(),
    project_doc_max_bytes: z.number().int().min(0).optional(),
    shell_environment_policy: ShellEnvironmentPolicy.optional(),
    profile: z.string().optional(),
    profiles: z.record(z.string(), profile).optional(),
  });
  cached = { known, profile };
  return cached;
}

/** The schema of a whole config; unknown keys must be stripped before parsing (see strip-unknown-keys). */
export function knownConfigSchema(): z.ZodObject {
  return schemas().known;
}

/** The config keys this SDK reads, after validation. */
export type KnownConfig = {
  [K in keyof ReturnType<typeof profileKeys>]?: z.infer<ReturnType<typeof profileKeys>[K]>;
} & {
  model_providers?: Record<string, ModelProviderConfig>;
  mcp_servers?: Record<string, Record<string, unknown>>;
  project_doc_max_bytes?: number;
  shell_environment_policy?: z.infer<typeof ShellEnvironmentPolicy>;
  profile?: string;
  profiles?: Record<string, Record<string, unknown>>;
  [unimplemented: string]: unknown;
};
