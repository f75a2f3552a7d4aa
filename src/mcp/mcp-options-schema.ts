/**
 * Validation of `CodexOptions.mcp` / `ThreadOptions.mcp` (camelCase, the seed's names). Built on
 * first use by src/options/validate-options.ts, never at import.
 */
import { z } from "zod";

export function mcpServersSchema() {
  const common = {
    enabled: z.boolean().optional(),
    startupTimeoutSec: z.number().positive().optional(),
    toolTimeoutSec: z.number().positive().optional(),
    enabledTools: z.array(z.string()).optional(),
    disabledTools: z.array(z.string()).optional(),
  };
  const stdio = z
    .object({
      ...common,
      command: z.string().min(1),
      args: z.array(z.string()).optional(),
      env: z.record(z.string(), z.string()).optional(),
      envVars: z.array(z.string()).optional(),
      cwd: z.string().min(1).optional(),
    })
    .strict();
  const http = z
    .object({
      ...common,
      url: z.string().url(),
      bearerTokenEnvVar: z.string().min(1).optional(),
      httpHeaders: z.record(z.string(), z.string()).optional(),
      envHttpHeaders: z.record(z.string(), z.string()).optional(),
    })
    .strict();
  return z.record(z.string().regex(/^[a-zA-Z0-9_-]+$/, "MCP server names use letters, digits, _ and -"), z.union([stdio, http]));
}
