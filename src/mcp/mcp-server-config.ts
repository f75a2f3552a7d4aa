/**
 * MCP server configuration, as `CodexOptions.mcp` / `ThreadOptions.mcp` take it (the seed's
 * camelCase names); config.toml's `[mcp_servers.<name>]` tables use Codex's snake_case keys for the
 * same fields.
 */

/** Fields every MCP server accepts. */
export type McpServerCommon = {
  /** Default true; a disabled server is not started. */
  enabled?: boolean;
  /** How long the server may take to start and list its tools (seconds, default 10). */
  startupTimeoutSec?: number;
  /** How long one tool call may take (seconds, default 60). */
  toolTimeoutSec?: number;
  /** Only these tools are offered (default: all). */
  enabledTools?: string[];
  /** These tools are never offered (applied after `enabledTools`). */
  disabledTools?: string[];
};

/** A server started as a child process, speaking MCP over its stdin/stdout. */
export type McpStdioTransport = McpServerCommon & {
  command: string;
  args?: string[];
  /** Variables set for the server (over the inherited base environment). */
  env?: Record<string, string>;
  /** Names of variables copied from the engine's environment. */
  envVars?: string[];
  /** Working directory of the server process. */
  cwd?: string;
};

/** A server reached over streamable HTTP. */
export type McpHttpTransport = McpServerCommon & {
  url: string;
  /** Name of the environment variable holding a bearer token sent as `Authorization`. */
  bearerTokenEnvVar?: string;
  /** Headers sent with every request. */
  httpHeaders?: Record<string, string>;
  /** Headers whose values are read from these environment variables (header -> variable name). */
  envHttpHeaders?: Record<string, string>;
};

/** One MCP server: stdio (`command`) or streamable HTTP (`url`). */
export type McpServerConfig = McpStdioTransport | McpHttpTransport;
