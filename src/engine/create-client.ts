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
  const baseUrl = engine.baseUrl ?? provider?.base_url ?? engine.config.openai_base_url;
  if (baseUrl) options.baseUrl = baseUrl;
  // Codex: the built-in provider (or one that says requires_openai_auth) uses the OpenAI key; a
  // custom provider uses its bearer token or env_key, and without either sends no Authorization.
  const openaiAuth = !provider || providerId === "openai" || provider.requires_openai_auth === true;
  let apiKey = provider?.experimental_bearer_token ?? (openaiAuth ? engine.apiKey : undefined);
  if (!apiKey && provider?.env_key) {
    // The variable wins; an explicit `apiKey` option is the fallback (Codex has no such option).
    apiKey = engine.env[provider.env_key]?.trim() || engine.apiKey;
    if (!apiKey) {
      throw new AuthenticationError(
        `Missing environment variable ${provider.env_key} for model provider "${providerId}".` +
          (provider.env_key_instructions ? ` ${provider.env_key_instructions}` : ""),
      );
    }
  }
  if (apiKey) options.apiKey = apiKey;
  else if (!openaiAuth) options.authenticate = false;
  if (provider?.query_params) options.queryParams = provider.query_params;
  const headers: Record<string, string> = { ...(provider?.http_headers ?? {}) };
  for (const [header, variable] of Object.entries(provider?.env_http_headers ?? {})) {
    const value = engine.env[variable]?.trim();
    if (value) headers[header] = value;
  }
  if (Object.keys(headers).length > 0) options.headers = headers;
  if (provider?.stream_max_retries !== undefined) options.maxRetries = provider.stream_max_retries;
  if (provider?.request_max_retries !== undefined) options.requestMaxRetries = provider.request_max_retries;
  if (provider?.stream_idle_timeout_ms !== undefined) options.streamIdleTimeoutMs = provider.stream_idle_timeout_ms;
  return new ResponsesClient(options);
}
