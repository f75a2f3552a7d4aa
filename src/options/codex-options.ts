/**
 * Options of `new Codex(...)`. The first six fields are @openai/codex-sdk's; the rest are ours.
 */
import type { McpServerConfig } from "../mcp/mcp-server-config.js";
import type { NativeToolDefinition } from "../tools/custom/native-tool-types.js";

import type { SkillMentionTrigger, SkillsOption } from "../skills/skill-types.js";

/** A value accepted in `config` overrides (serialised like TOML values). */
export type CodexConfigValue = string | number | boolean | CodexConfigValue[] | CodexConfigObject;
/** A nested object of config overrides, e.g. `{ sandbox_workspace_write: { network_access: true } }`. */
export type CodexConfigObject = { [key: string]: CodexConfigValue };

/** Options of `new Codex(...)`. */
export type CodexOptions = {
  /** Accepted for compatibility with @openai/codex-sdk and ignored: no CLI binary is spawned. */
  codexPathOverride?: string;
  /**
   * Base URL of the Responses API, e.g. `http://127.0.0.1:4000/v1` (an absolute http(s) URL,
   * checked at construction).
   */
  baseUrl?: string;
  /** API key; otherwise CODEX_API_KEY, OPENAI_API_KEY, then CODEX_HOME/auth.json. */
  apiKey?: string;
  /**
   * Codex config overrides (same keys as config.toml), applied over CODEX_HOME/config.toml. Every
   * key Codex accepts is accepted; see the README for the ones that have no effect here. Unknown
   * keys are ignored with one process warning (code `CODEX_NATIVE_UNKNOWN_CONFIG_KEYS`).
   */
  config?: CodexConfigObject;
  /** Raw `key=value` overrides (value in TOML syntax), applied after `config`. */
  configOverrides?: string[];
  /**
   * Environment for the engine and the commands it runs. When given it replaces `process.env`
   * entirely (as in @openai/codex-sdk), so pass PATH and HOME yourself.
   */
  env?: Record<string, string>;
  /** Where sessions, auth.json and config.toml live; default `env.CODEX_HOME` or `~/.codex`. */
  codexHome?: string;
  /**
   * How long an approval callback may take (ms) before the request counts as denied; default
   * 5 minutes, `Infinity` to wait for ever.
   */
  approvalTimeoutMs?: number;
  /** Default of every thread's `skipGitRepoCheck` (a thread option wins). */
  skipGitRepoCheck?: boolean;
  /** Tools registered at construction, as with `registerTool` (the seed's constructor form). */
  tools?: NativeToolDefinition[];
  /**
   * Accepted for the seed's compatibility and without effect: tools belong to their instance, so
   * a new instance never clears another's.
   */
  preserveRegisteredTools?: boolean;
  /** Model of threads that set none (same as config `model`, over config.toml). */
  defaultModel?: string;
  /** Provider id from `[model_providers]` (same as config `model_provider`, over config.toml). */
  modelProvider?: string;
  /** MCP servers of every thread, by name (added to config.toml's `mcp_servers`, winning on a name clash). */
  mcp?: Record<string, McpServerConfig>;
  /** Default true: threads also use config.toml's `mcp_servers`; false ignores them. */
  inheritMcp?: boolean;
  /**
   * Skills every thread of this instance knows, registered in JS (no SKILL.md needed):
   * `{ "db expert": "contents" }`, `{ name: { description, contents } }` or a `SkillDefinition[]`.
   */
  skills?: SkillsOption;
  /** Which characters start a skill mention: `["$"]` by default; add `"@"` to allow `@name`. */
  skillMentionTriggers?: SkillMentionTrigger[];
};
