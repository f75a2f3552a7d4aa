/**
 * Process-level settings of one `Codex` instance: environment, CODEX_HOME and the merged config
 * (config.toml, then `config`, then `configOverrides`, then the selected profile, as Codex
 * resolves them), validated once at construction.
 */
import os from "node:os";
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";
import type { CodexOptions } from "../options/codex-options.js";
import { flattenConfigObject, parseConfigOverride, readConfigFile, setConfigValue, type RawConfig } from "./config-file.js";
import { knownConfigSchema, type KnownConfig } from "./config-schema.js";
import { stripUnknownKeys } from "./strip-unknown-keys.js";

export type EngineConfig = {
  env: Record<string, string | undefined>;
  codexHome: string;
  apiKey: string | undefined;
  baseUrl: string | undefined;
  config: KnownConfig;
  /** Keys no Codex version we know accepts (dotted paths); ignored with one warning. */
  ignoredConfigKeys: string[];
  /** How long an approval callback may take before the request counts as denied. */
  approvalTimeoutMs: number | undefined;
  /** `skipGitRepoCheck` given to `new Codex()`: the default of every thread. */
  skipGitRepoCheck: boolean | undefined;
};

/** Code of the warning emitted for unknown config keys (see `process.on("warning")`). */
export const unknownConfigWarningCode = "CODEX_NATIVE_UNKNOWN_CONFIG_KEYS";

export function resolveEngineConfig(options: CodexOptions): EngineConfig {
  const env: Record<string, string | undefined> = options.env ? { ...options.env } : { ...process.env };
  const codexHome = path.resolve(options.codexHome ?? env.CODEX_HOME ?? path.join(env.HOME ?? os.homedir(), ".codex"));
  const merged = readConfigFile(codexHome);
  const overrides: Array<[string[], unknown]> = [
    ...flattenConfigObject(options.config ?? {}),
    ...(options.configOverrides ?? []).map(parseConfigOverride),
  ];
  for (const [keyPath, value] of overrides) setConfigValue(merged, keyPath, value);
  const schema = knownConfigSchema();
  const stripped = stripUnknownKeys(merged, schema);
  const ignoredConfigKeys = stripped.stripped.map((keyPath) => keyPath.join("."));
  if (ignoredConfigKeys.length > 0) {
    process.emitWarning(`Ignoring config keys @codex-native/sdk does not know: ${ignoredConfigKeys.join(", ")}`, {
      code: unknownConfigWarningCode,
    });
  }
  const parsed = schema.safeParse(stripped.value);
  if (!parsed.success) {
    const problems = parsed.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new InvalidArgumentError(`Invalid Codex config (config.toml or overrides): ${problems}`);
  }
  if (options.baseUrl !== undefined) checkBaseUrl(options.baseUrl, "baseUrl");
  const config = applyProfile(parsed.data as KnownConfig);
  if (config.openai_base_url !== undefined) checkBaseUrl(config.openai_base_url, "openai_base_url");
  // Only the selected provider's URL matters: a broken entry the caller does not use is not its problem.
  const providerId = config.model_provider ?? "openai";
  const providerUrl = config.model_providers?.[providerId]?.base_url;
  if (providerUrl !== undefined) checkBaseUrl(providerUrl, `model_providers.${providerId}.base_url`);
  return {
    env,
    codexHome,
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    config,
    ignoredConfigKeys,
    approvalTimeoutMs: options.approvalTimeoutMs,
    skipGitRepoCheck: options.skipGitRepoCheck,
  };
}

/** `profile = "name"` lays `[profiles.name]` over the top-level keys, as Codex does. */
function applyProfile(config: KnownConfig): KnownConfig {
  const name = config.profile;
  if (name === undefined) return config;
  const profile = config.profiles?.[name];
  if (!profile) throw new InvalidArgumentError(`Config profile "${name}" is not defined in [profiles]`);
  const result: RawConfig = { ...config };
  for (const [key, value] of Object.entries(profile)) {
    if (value === undefined) continue;
    const current = result[key];
    const bothTables = isTable(current) && isTable(value);
    result[key] = bothTables ? { ...(current as RawConfig), ...(value as RawConfig) } : value;
  }
  return result as KnownConfig;
}

function isTable(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A base URL must be an absolute http(s) URL: caught at construction, not retried as a network fault. */
export function checkBaseUrl(value: string, what: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`${what} ${JSON.stringify(value)} is not a valid URL (expected e.g. http://127.0.0.1:4000/v1)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError(`${what} ${JSON.stringify(value)} must use http or https`);
  }
}
