/**
 * Builds the Responses client of a `Codex` instance from its options and the provider config:
 * the built-in `openai` provider, or a `[model_providers.<id>]` entry of config.toml.
 */
import type { EngineConfig } from "../config/engine-config.js";
import { AuthenticationError, InvalidArgumentError } from "../errors.js";
import { ResponsesClient, type ResponsesClientOptions } from "../model/responses-client.js";

export function createResponsesClient(engine: EngineConfig): ResponsesClient {
  const providerId = engine.config.model_provider ?? "openai";
  const options: ResponsesClientOptions = { env: engine.env, codexHome: engine.codexHome };
  const provider = engine.config.model_providers?.[providerId];
  if (!provider && providerId !== "openai") {
    throw new InvalidArgumentError(`model_provider "${providerId}" is not defined in [model_providers] of config.toml`);
  }
  // Keys of the selected provider that we dropped from config.toml would change its requests
  // (e.g. Azure's query_params): refuse rather than send something else.
  const unsupported = engine.ignoredConfigKeys.filter((key) => key.startsWith(`model_providers.${providerId}.`));
  if (unsupported.length > 0) {
    throw new InvalidArgumentError(`Model provider "${providerId}" uses settings this SDK does not support: ${unsupported.join(", ")}`);
  }
  const baseUrl = engine.baseUrl ?? provider?.base_url ?? engine.config.openai_base_url;
  if (baseUrl) options.baseUrl = baseUrl;
  let apiKey = engine.apiKey ?? provider?.experimental_bearer_token;
  if (!apiKey && provider?.env_key) {
    apiKey = engine.env[provider.env_key]?.trim() || undefined;
    if (!apiKey) {
      throw new AuthenticationError(
        `Missing environment variable ${provider.env_key} for model provider "${providerId}".` +
          (provider.env_key_instructions ? ` ${provider.env_key_instructions}` : ""),
      );
    }
  }
  if (apiKey) options.apiKey = apiKey;
  const headers: Record<string, string> = { ...(provider?.http_headers ?? {}) };
  for (const [header, variable] of Object.entries(provider?.env_http_headers ?? {})) {
    const value = engine.env[variable]?.trim();
    if (value) headers[header] = value;
  }
  if (Object.keys(headers).length > 0) options.headers = headers;
  const retries = provider?.stream_max_retries ?? provider?.request_max_retries;
  if (retries !== undefined) options.maxRetries = retries;
  if (provider?.stream_idle_timeout_ms !== undefined) options.streamIdleTimeoutMs = provider.stream_idle_timeout_ms;
  return new ResponsesClient(options);
}
