/**
 * Process-level settings of one `Codex` instance: environment, CODEX_HOME and the merged config
 * (config.toml, then `config`, then `configOverrides`), validated once at construction.
 */
import os from "node:os";
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";
import type { CodexOptions } from "../options/codex-options.js";
import { flattenConfigObject, parseConfigOverride, readConfigFile, setConfigValue, type RawConfig } from "./config-file.js";
import { KnownConfig, knownConfigKeys } from "./config-schema.js";
import { stripUnknownKeys } from "./strip-unknown-keys.js";

export type EngineConfig = {
  env: Record<string, string | undefined>;
  codexHome: string;
  apiKey: string | undefined;
  baseUrl: string | undefined;
  config: KnownConfig;
  /** Keys of config.toml this SDK ignored (dotted paths), e.g. `model_providers.azure.query_params`. */
  ignoredConfigKeys: string[];
  /** How long an approval callback may take before the request counts as denied. */
  approvalTimeoutMs: number | undefined;
};

export function resolveEngineConfig(options: CodexOptions): EngineConfig {
  const env: Record<string, string | undefined> = options.env ? { ...options.env } : { ...process.env };
  const codexHome = path.resolve(options.codexHome ?? env.CODEX_HOME ?? path.join(env.HOME ?? os.homedir(), ".codex"));
  const fromFile = stripUnknownKeys(readConfigFile(codexHome), KnownConfig);
  const merged = fromFile.value as RawConfig;
  const overrides: Array<[string[], unknown]> = [
    ...flattenConfigObject(options.config ?? {}),
    ...(options.configOverrides ?? []).map(parseConfigOverride),
  ];
  for (const [keyPath, value] of overrides) {
    if (!knownConfigKeys.includes(keyPath[0]!)) {
      throw new InvalidArgumentError(
        `Unsupported config override "${keyPath.join(".")}". Supported keys: ${knownConfigKeys.join(", ")}`,
      );
    }
    setConfigValue(merged, keyPath, value);
  }
  const parsed = KnownConfig.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new InvalidArgumentError(`Invalid Codex config (config.toml or overrides): ${problems}`);
  }
  return {
    env,
    codexHome,
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    config: parsed.data,
    ignoredConfigKeys: fromFile.stripped.map((keyPath) => keyPath.join(".")),
    approvalTimeoutMs: options.approvalTimeoutMs,
  };
}
