/**
 * Every config.toml key the Codex CLI accepts, as a schema, in two groups: the keys this SDK
 * implements (typed exactly) and the keys it accepts without acting on them (typed loosely, so a
 * wrong type is still a clear error; the README lists them with the reason). Keys outside both are
 * dropped with one warning, as Codex's loader ignores them. Built lazily: the entry path stays light.
 * Written with `s` (src/validation/spec.ts): a valid config is checked without loading zod.
 */
import { s, type Infer, type Spec } from "../validation/spec.js";
import { shellEnvironmentPolicySchema, type ShellEnvironmentPolicy } from "../exec/environment-policy.js";

const shared = () => ({
  approvalPolicy: s.enum(["never", "on-request", "on-failure", "untrusted"]),
  sandboxMode: s.enum(["read-only", "workspace-write", "danger-full-access"]),
  table: s.record(s.string(), s.unknown()),
  stringList: s.array(s.string()),
});
// Assigned by schemas(), not at module level: this module is on the package's import path.
let { approvalPolicy, sandboxMode, table, stringList } = {} as ReturnType<typeof shared>;

function modelProviderConfig() {
  return s.object({
    name: s.string().optional(),
    base_url: s.string().optional(),
    /** Variable holding the key; without it (and without a bearer token) no Authorization header is sent. */
    env_key: s.string().optional(),
    env_key_instructions: s.string().optional(),
    experimental_bearer_token: s.string().optional(),
    wire_api: s.literal("responses").optional(),
    query_params: s.record(s.string(), s.string()).optional(),
    http_headers: s.record(s.string(), s.string()).optional(),
    env_http_headers: s.record(s.string(), s.string()).optional(),
    request_max_retries: s.number().int().min(0).max(100).optional(),
    stream_max_retries: s.number().int().min(0).max(100).optional(),
    stream_idle_timeout_ms: s.number().int().positive().optional(),
    requires_openai_auth: s.boolean().optional(),
    /** Accepted: we always stream over HTTP SSE. */
    supports_websockets: s.boolean().optional(),
    websocket_connect_timeout_ms: s.number().int().positive().optional(),
  });
}
export type ModelProviderConfig = Infer<ReturnType<typeof modelProviderConfig>>;

/** Keys that take effect, and that a `[profiles.<name>]` table may also set. */
function profileKeys() {
  return {
    model: s.string().optional(),
    model_provider: s.string().optional(),
    openai_base_url: s.string().optional(),
    model_reasoning_effort: s.enum(["none", "minimal", "low", "medium", "high", "xhigh", "max", "ultra", "persistent"]).optional(),
    model_reasoning_summary: s.enum(["auto", "concise", "detailed", "none"]).optional(),
    model_verbosity: s.enum(["low", "medium", "high"]).optional(),
    model_context_window: s.number().int().positive().optional(),
    model_auto_compact_token_limit: s.number().int().positive().optional(),
    approval_policy: approvalPolicy.optional(),
    sandbox_mode: sandboxMode.optional(),
    sandbox_workspace_write: s
      .object({
        writable_roots: stringList.optional(),
        network_access: s.boolean().optional(),
        exclude_tmpdir_env_var: s.boolean().optional(),
        exclude_slash_tmp: s.boolean().optional(),
      })
      .optional(),
    web_search: s.enum(["disabled", "cached", "live"]).optional(),
    developer_instructions: s.string().optional(),
    model_instructions_file: s.string().optional(),
    show_raw_agent_reasoning: s.boolean().optional(),
    hide_agent_reasoning: s.boolean().optional(),
    personality: s.enum(["none", "friendly", "pragmatic"]).optional(),
    compact_prompt: s.string().optional(),
    project_doc_fallback_filenames: stringList.optional(),
    project_root_markers: stringList.optional(),
    /** `[[skills.config]]` entries: `{ path, enabled }` (SKILL.md files to switch off). */
    skills: s.looseObject({ config: s.array(s.looseObject({ path: s.string(), enabled: s.boolean().optional() })).optional() }).optional(),
    review_model: s.string().optional(),
  };
}

/**
 * Keys Codex accepts that this SDK does not act on, with the reason the README gives. Loosely
 * typed: tables are tables, flags are booleans, names are strings.
 */
export const acceptedUnimplementedKeys: Readonly<Record<string, { type: () => Spec; why: string }>> = {
  features: { type: () => s.record(s.string(), s.union([s.boolean(), table])), why: "feature flags of the CLI; this SDK has one fixed feature set" },
  tools: { type: () => table, why: "CLI tool toggles (web_search, view_image); use webSearchMode, tools are chosen per model" },
  history: { type: () => table, why: "the CLI's prompt history file (TUI)" },
  mcp_oauth_credentials_store: { type: () => s.string(), why: "OAuth login to MCP servers is not supported; use bearer_token_env_var or headers" },
  mcp_oauth_callback_port: { type: () => s.number(), why: "OAuth login to MCP servers is not supported; use bearer_token_env_var or headers" },
  retry_budget: { type: () => s.unknown(), why: "retries are set per provider (request_max_retries, stream_max_retries)" },
  notify: { type: () => stringList, why: "desktop notification hook of the CLI" },
  tui: { type: () => table, why: "terminal UI settings" },
  otel: { type: () => table, why: "OpenTelemetry export of the CLI" },
  analytics: { type: () => table, why: "CLI telemetry" },
  feedback: { type: () => table, why: "CLI feedback upload" },
  file_opener: { type: () => s.string(), why: "TUI hyperlinks" },
  cli_auth_credentials_store: { type: () => s.string(), why: "ChatGPT login storage; this SDK uses API keys only" },
  forced_login_method: { type: () => s.string(), why: "ChatGPT login; this SDK uses API keys only" },
  forced_chatgpt_workspace_id: { type: () => s.string(), why: "ChatGPT login; this SDK uses API keys only" },
  chatgpt_base_url: { type: () => s.string(), why: "ChatGPT login; this SDK uses API keys only" },
  log_dir: { type: () => s.string(), why: "the CLI's log files; this SDK writes no logs" },
  projects: { type: () => s.record(s.string(), table), why: "trust levels of the CLI's onboarding; the SDK caller decides sandbox and approval" },
  experimental_compact_prompt_file: { type: () => s.string(), why: "use compact_prompt (the prompt's text) instead" },
  experimental_instructions_file: { type: () => s.string(), why: "superseded by model_instructions_file" },
  instructions: { type: () => s.string(), why: "superseded by developer_instructions" },
  model_supports_reasoning_summaries: { type: () => s.boolean(), why: "decided by our model table" },
  model_reasoning_summary_format: { type: () => s.string(), why: "decided by our model table" },
  tool_output_token_limit: { type: () => s.number(), why: "truncation follows our model table" },
  oss_provider: { type: () => s.string(), why: "the CLI's --oss switch; define the provider in model_providers" },
  experimental_use_unified_exec_tool: { type: () => s.boolean(), why: "the command tool follows the model family" },
  experimental_use_freeform_apply_patch: { type: () => s.boolean(), why: "the apply_patch form follows the model family" },
  experimental_use_rmcp_client: { type: () => s.boolean(), why: "the SDK's own MCP client is always the one in use" },
  include_apply_patch_tool: { type: () => s.boolean(), why: "the apply_patch tool follows the model family" },
  include_view_image_tool: { type: () => s.boolean(), why: "view_image is always offered" },
  suppress_unstable_features_warning: { type: () => s.boolean(), why: "CLI start-up message" },
  check_for_update_on_startup: { type: () => s.boolean(), why: "CLI self-update" },
  disable_paste_burst: { type: () => s.boolean(), why: "TUI input handling" },
  windows_wsl_setup_acknowledged: { type: () => s.boolean(), why: "CLI onboarding on Windows" },
  notice: { type: () => table, why: "CLI onboarding notices" },
  ghost_snapshot: { type: () => table, why: "undo snapshots not implemented" },
  windows: { type: () => table, why: "Windows sandbox settings; this SDK's sandbox is Linux's" },
  default_permissions: { type: () => s.string(), why: "named permission profiles not implemented; use sandboxMode" },
  permissions: { type: () => table, why: "named permission profiles not implemented; use sandboxMode" },
  apps: { type: () => table, why: "ChatGPT apps connectors" },
  agents: { type: () => table, why: "the CLI's sub-agent roles; use codex.createAgent()" },
  memories: { type: () => table, why: "memories not implemented" },
};

let cached: { known: Spec; profile: Spec } | undefined;

/** The whole accepted config (implemented + accepted-unimplemented keys), built on first use. */
function schemas(): { known: Spec; profile: Spec } {
  if (cached) return cached;
  ({ approvalPolicy, sandboxMode, table, stringList } = shared());
  const unimplemented = Object.fromEntries(Object.entries(acceptedUnimplementedKeys).map(([key, entry]) => [key, entry.type().optional()]));
  const profile = s.object({ ...profileKeys(), ...unimplemented });
  const known = s.object({
    ...profileKeys(),
    ...unimplemented,
    model_providers: s.record(s.string(), modelProviderConfig()).optional(),
    // Checked field by field when a thread starts its servers (src/mcp/resolve-mcp-servers.ts).
    mcp_servers: s.record(s.string(), table).optional(),
    project_doc_max_bytes: s.number().int().min(0).optional(),
    shell_environment_policy: shellEnvironmentPolicySchema().optional(),
    profile: s.string().optional(),
    profiles: s.record(s.string(), profile).optional(),
  });
  cached = { known, profile };
  return cached;
}

/** The schema of a whole config; unknown keys must be stripped before parsing (see strip-unknown-keys). */
export function knownConfigSchema(): Spec {
  return schemas().known;
}

/** The config keys this SDK reads, after validation. */
export type KnownConfig = {
  [K in keyof ReturnType<typeof profileKeys>]?: Infer<ReturnType<typeof profileKeys>[K]>;
} & {
  model_providers?: Record<string, ModelProviderConfig>;
  mcp_servers?: Record<string, Record<string, unknown>>;
  project_doc_max_bytes?: number;
  shell_environment_policy?: ShellEnvironmentPolicy;
  profile?: string;
  profiles?: Record<string, Record<string, unknown>>;
  [unimplemented: string]: unknown;
};
