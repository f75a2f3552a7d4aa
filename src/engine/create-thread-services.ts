/**
 * Builds a thread's services once its id is known: the command runner (sandbox + PTY), the
 * authorizer (approval policy + the user's callback), and the command environment (the engine
 * env after the shell environment policy, so secrets do not reach commands).
 */
import type { ApprovalCallback } from "../approvals/approval-callback.js";
import { createToolAuthorizer } from "../approvals/create-authorizer.js";
import type { EngineConfig } from "../config/engine-config.js";
import type { ThreadSettings } from "../config/thread-settings.js";
import { applyEnvironmentPolicy } from "../exec/environment-policy.js";
import { createCommandRunner } from "../exec/sandboxed-command-runner.js";
import type { ThreadServices } from "./thread-services.js";
import type { McpServerConfig } from "../mcp/mcp-server-config.js";
import { resolveMcpServers } from "../mcp/resolve-mcp-servers.js";
import { ThreadMcpServers } from "../mcp/thread-mcp-servers.js";

/** The callback in force for a thread: its own, else its Codex instance's. */
export type ApprovalCallbackSource = () => ApprovalCallback | undefined;

export function createThreadServices(options: {
  engine: EngineConfig;
  settings: ThreadSettings;
  threadId: string;
  currentTurnId: () => string;
  approvalCallback: ApprovalCallbackSource;
  /** The instance's and the thread's MCP servers, and whether config.toml's are used too. */
  mcp?: { instance: Record<string, McpServerConfig> | undefined; thread: Record<string, McpServerConfig> | undefined; inherit: boolean };
}): ThreadServices {
  const { engine, settings } = options;
  const authorizer = createToolAuthorizer({
    threadId: options.threadId,
    currentTurnId: options.currentTurnId,
    policy: settings.approvalPolicy,
    sandbox: settings.sandbox,
    cwd: settings.cwd,
    env: engine.env,
    callback: options.approvalCallback,
    ...(engine.approvalTimeoutMs !== undefined ? { timeoutMs: engine.approvalTimeoutMs } : {}),
  });
  let commandEnvironment: Record<string, string> | undefined;
  return {
    commandRunner: createCommandRunner({ codexHome: engine.codexHome, limits: settings.sandboxLimits }),
    authorizer,
    commandEnvironment: () =>
      (commandEnvironment ??= applyEnvironmentPolicy(engine.env, engine.config.shell_environment_policy ?? {})),
    toolState: new Map(),
    mcp: new ThreadMcpServers(
      resolveMcpServers({
        config: engine.config.mcp_servers as Record<string, unknown> | undefined,
        instance: options.mcp?.instance,
        thread: options.mcp?.thread,
        inherit: options.mcp?.inherit ?? true,
      }),
      engine.env,
    ),
  };
}
