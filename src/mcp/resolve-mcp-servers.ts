/**
 * The MCP servers of one thread: config.toml's `[mcp_servers.<name>]` (unless `inheritMcp` is
 * false), then `CodexOptions.mcp`, then `ThreadOptions.mcp` (a later source wins on a name), with
 * Codex's defaults: enabled, 10 s to start and list tools, 60 s per tool call.
 */
import { InvalidArgumentError } from "../errors.js";
import type { McpServerConfig } from "./mcp-server-config.js";

export const DEFAULT_STARTUP_TIMEOUT_SEC = 10;
export const DEFAULT_TOOL_TIMEOUT_SEC = 60;

export type ResolvedMcpServer = {
  name: string;
  transport:
    | { kind: "stdio"; command: string; args: string[]; env: Record<string, string>; envVars: string[]; cwd?: string }
    | { kind: "http"; url: string; bearerTokenEnvVar?: string; httpHeaders: Record<string, string>; envHttpHeaders: Record<string, string> };
  startupTimeoutMs: number;
  toolTimeoutMs: number;
  enabledTools?: string[];
  disabledTools: string[];
};

export type McpServerSources = {
  /** config.toml's `mcp_servers` table (snake_case keys). */
  config: Record<string, unknown> | undefined;
  instance: Record<string, McpServerConfig> | undefined;
  thread: Record<string, McpServerConfig> | undefined;
  inherit: boolean;
};

export function resolveMcpServers(sources: McpServerSources): ResolvedMcpServer[] {
  const merged = new Map<string, McpServerConfig>();
  if (sources.inherit) {
    for (const [name, table] of Object.entries(sources.config ?? {})) merged.set(name, fromConfigTable(name, table));
  }
  for (const [name, server] of Object.entries(sources.instance ?? {})) merged.set(name, server);
  for (const [name, server] of Object.entries(sources.thread ?? {})) merged.set(name, server);
  const resolved: ResolvedMcpServer[] = [];
  for (const [name, server] of merged) {
    if (!/^[a-zA-Z0-9_-]+$/.test(name)) throw new InvalidArgumentError(`MCP server name ${JSON.stringify(name)} must match ^[a-zA-Z0-9_-]+$`);
    if (server.enabled === false) continue;
    resolved.push({
      name,
      transport:
        "command" in server
          ? { kind: "stdio", command: server.command, args: server.args ?? [], env: server.env ?? {}, envVars: server.envVars ?? [], ...(server.cwd ? { cwd: server.cwd } : {}) }
          : {
              kind: "http",
              url: server.url,
              ...(server.bearerTokenEnvVar ? { bearerTokenEnvVar: server.bearerTokenEnvVar } : {}),
              httpHeaders: server.httpHeaders ?? {},
              envHttpHeaders: server.envHttpHeaders ?? {},
            },
      startupTimeoutMs: (server.startupTimeoutSec ?? DEFAULT_STARTUP_TIMEOUT_SEC) * 1000,
      toolTimeoutMs: (server.toolTimeoutSec ?? DEFAULT_TOOL_TIMEOUT_SEC) * 1000,
      ...(server.enabledTools ? { enabledTools: server.enabledTools } : {}),
      disabledTools: server.disabledTools ?? [],
    });
  }
  return resolved;
}

/** A `[mcp_servers.<name>]` table in Codex's snake_case keys. @throws InvalidArgumentError when malformed. */
function fromConfigTable(name: string, table: unknown): McpServerConfig {
  const where = `config mcp_servers.${name}`;
  if (table === null || typeof table !== "object") throw new InvalidArgumentError(`${where} must be a table`);
  const t = table as Record<string, unknown>;
  const str = (key: string) => optional(t[key], "string", `${where}.${key}`) as string | undefined;
  const num = (key: string) => optional(t[key], "number", `${where}.${key}`) as number | undefined;
  const list = (key: string) => stringList(t[key], `${where}.${key}`);
  const map = (key: string) => stringMap(t[key], `${where}.${key}`);
  const startupMs = num("startup_timeout_ms");
  const common = {
    ...(t.enabled !== undefined ? { enabled: optional(t.enabled, "boolean", `${where}.enabled`) as boolean } : {}),
    ...(num("startup_timeout_sec") !== undefined ? { startupTimeoutSec: num("startup_timeout_sec") } : startupMs !== undefined ? { startupTimeoutSec: startupMs / 1000 } : {}),
    ...(num("tool_timeout_sec") !== undefined ? { toolTimeoutSec: num("tool_timeout_sec") } : {}),
    ...(list("enabled_tools") ? { enabledTools: list("enabled_tools") } : {}),
    ...(list("disabled_tools") ? { disabledTools: list("disabled_tools") } : {}),
  };
  const command = str("command");
  if (command !== undefined) {
    return { ...common, command, ...(list("args") ? { args: list("args") } : {}), ...(map("env") ? { env: map("env") } : {}), ...(list("env_vars") ? { envVars: list("env_vars") } : {}), ...(str("cwd") ? { cwd: str("cwd") } : {}) };
  }
  const url = str("url");
  if (url === undefined) throw new InvalidArgumentError(`${where} needs \`command\` (stdio) or \`url\` (streamable HTTP)`);
  return {
    ...common,
    url,
    ...(str("bearer_token_env_var") ? { bearerTokenEnvVar: str("bearer_token_env_var") } : {}),
    ...(map("http_headers") ? { httpHeaders: map("http_headers") } : {}),
    ...(map("env_http_headers") ? { envHttpHeaders: map("env_http_headers") } : {}),
  };
}

function optional(value: unknown, type: string, where: string): unknown {
  if (value !== undefined && typeof value !== type) throw new InvalidArgumentError(`${where} must be a ${type}`);
  return value;
}

function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== "string")) throw new InvalidArgumentError(`${where} must be a list of strings`);
  return value as string[];
}

function stringMap(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Object.values(value).some((entry) => typeof entry !== "string")) {
    throw new InvalidArgumentError(`${where} must be a table of strings`);
  }
  return value as Record<string, string>;
}
