/**
 * Validation of `CodexOptions.mcp` / `ThreadOptions.mcp` (camelCase, the seed's names). Built on
 * first use by src/options/validate-options.ts, never at import.
 */
import { s } from "../validation/spec.js";

export function mcpServersSchema() {
  const common = {
    enabled: s.boolean().optional(),
    startupTimeoutSec: s.number().positive().optional(),
    toolTimeoutSec: s.number().positive().optional(),
    enabledTools: s.array(s.string()).optional(),
    disabledTools: s.array(s.string()).optional(),
  };
  const stdio = s
    .object({
      ...common,
      command: s.string().min(1),
      args: s.array(s.string()).optional(),
      env: s.record(s.string(), s.string()).optional(),
      envVars: s.array(s.string()).optional(),
      cwd: s.string().min(1).optional(),
    })
    .strict();
  const http = s
    .object({
      ...common,
      url: s.string().url(),
      bearerTokenEnvVar: s.string().min(1).optional(),
      httpHeaders: s.record(s.string(), s.string()).optional(),
      envHttpHeaders: s.record(s.string(), s.string()).optional(),
    })
    .strict();
  return s.record(s.string().regex(/^[a-zA-Z0-9_-]+$/, "MCP server names use letters, digits, _ and -"), s.union([stdio, http]));
}
