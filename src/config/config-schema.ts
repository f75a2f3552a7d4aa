/**
 * The config.toml keys this SDK honours, as a zod schema. Keys outside it are ignored when they
 * come from config.toml (a user's CLI config has many UI-only keys) but rejected when passed as
 * overrides, so an override never silently does nothing.
 */
import { z } from "zod";
import { ShellEnvironmentPolicy } from "../exec/environment-policy.js";

const approvalPolicy = z.enum(["never", "on-request", "on-failure", "untrusted"]);
const sandboxMode = z.enum(["read-only", "workspace-write", "danger-full-access"]);

export const ModelProviderConfig = z
  .object({
    name: z.string().optional(),
    base_url: z.string().optional(),
    env_key: z.string().optional(),
    env_key_instructions: z.string().optional(),
    experimental_bearer_token: z.string().optional(),
    wire_api: z.literal("responses").optional(),
    http_headers: z.record(z.string(), z.string()).optional(),
    env_http_headers: z.record(z.string(), z.string()).optional(),
    request_max_retries: z.number().int().min(0).max(100).optional(),
    stream_max_retries: z.number().int().min(0).max(100).optional(),
    stream_idle_timeout_ms: z.number().int().positive().optional(),
    requires_openai_auth: z.boolean().optional(),
  })
  .strict();
export type ModelProviderConfig = z.infer<typeof ModelProviderConfig>;

export const KnownConfig = z.object({
  model: z.string().optional(),
  model_provider: z.string().optional(),
  model_providers: z.record(z.string(), ModelProviderConfig).optional(),
  openai_base_url: z.string().optional(),
  model_reasoning_effort: z
    .enum(["none", "minimal", "low", "medium", "high", "xhigh", "max", "ultra", "persistent"])
    .optional(),
  model_reasoning_summary: z.enum(["auto", "concise", "detailed", "none"]).optional(),
  model_verbosity: z.enum(["low", "medium", "high"]).optional(),
  approval_policy: approvalPolicy.optional(),
  sandbox_mode: sandboxMode.optional(),
  sandbox_workspace_write: z
    .object({
      writable_roots: z.array(z.string()).optional(),
      network_access: z.boolean().optional(),
      exclude_tmpdir_env_var: z.boolean().optional(),
      exclude_slash_tmp: z.boolean().optional(),
    })
    .strict()
    .optional(),
  web_search: z.enum(["disabled", "cached", "live"]).optional(),
  developer_instructions: z.string().optional(),
  model_instructions_file: z.string().optional(),
  project_doc_max_bytes: z.number().int().min(0).optional(),
  shell_environment_policy: ShellEnvironmentPolicy.optional(),
});
export type KnownConfig = z.infer<typeof KnownConfig>;

/** Top-level keys accepted in overrides. */
export const knownConfigKeys: readonly string[] = Object.keys(KnownConfig.shape);
