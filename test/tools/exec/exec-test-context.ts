/**
 * A minimal ToolCallContext for driving the command handlers directly: real thread settings from a
 * temporary CODEX_HOME, a real ItemEmitter recording its events, the production command runner
 * (recording what it spawns), and an authorizer that allows everything unless a test swaps it.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CommandAuthorization, CommandAuthorizationRequest, ToolAuthorizer, ToolCallAuthorizer } from "../../../src/approvals/tool-authorizer.js";
import { resolveEngineConfig } from "../../../src/config/engine-config.js";
import { resolveThreadSettings, type ThreadSettings } from "../../../src/config/thread-settings.js";
import { ItemEmitter } from "../../../src/engine/item-emitter.js";
import type { ThreadServices } from "../../../src/engine/thread-services.js";
import type { TurnContext } from "../../../src/engine/turn-context.js";
import type { CommandRunner } from "../../../src/exec/command-runner.js";
import type { ThreadEvent } from "../../../src/protocol/events.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput } from "../../../src/tools/tool-handler.js";
import { RecordingCommandRunner } from "./recording-command-runner.js";
import { ThreadMcpServers } from "../../../src/mcp/thread-mcp-servers.js";

/** Runs every command unconfined, recording what it was asked. */
export class RecordingAuthorizer implements ToolAuthorizer, ToolCallAuthorizer {
  readonly commandRequests: CommandAuthorizationRequest[] = [];
  readonly retryRequests: Array<{ request: CommandAuthorizationRequest; failureOutput: string }> = [];

  constructor(
    private readonly decide: (request: CommandAuthorizationRequest) => CommandAuthorization = (request) => ({
      action: "run",
      argv: request.argv,
      sandbox: { mode: "danger-full-access", networkAccess: true },
    }),
    // Like the never/on-request policies: no retry, the sandboxed output stands.
    private readonly decideRetry: (request: CommandAuthorizationRequest, failureOutput: string) => CommandAuthorization = (_, failureOutput) => ({
      action: "reject",
      message: failureOutput,
    }),
  ) {}

  async authorizeCommand(request: CommandAuthorizationRequest): Promise<CommandAuthorization> {
    this.commandRequests.push(request);
    return this.decide(request);
  }

  async authorizeRetryWithoutSandbox(request: CommandAuthorizationRequest, failureOutput: string): Promise<CommandAuthorization> {
    this.retryRequests.push({ request, failureOutput });
    return this.decideRetry(request, failureOutput);
  }

  async authorizePatch(): Promise<never> {
    throw new Error("patches are not authorized by the command tools");
  }

  async authorizePatchRetryWithoutSandbox(): Promise<never> {
    throw new Error("patches are not authorized by the command tools");
  }

  async authorizeToolCall(): Promise<never> {
    throw new Error("tool calls are not authorized by the command tools");
  }
}

export type ExecTestContext = {
  root: string;
  workdir: string;
  settings: ThreadSettings;
  services: ThreadServices;
  runner: RecordingCommandRunner;
  authorizer: RecordingAuthorizer;
  events: ThreadEvent[];
  /** The event_msg payloads the tools wrote to the session file. */
  recordedEvents: Array<Record<string, unknown>>;
  controller: AbortController;
  /** A fresh turn (new item counter and events) over the same thread services. */
  nextTurn(turnId: string): void;
  /** Calls a handler with a function call's JSON arguments. */
  call(handler: ToolHandler, argumentsObject: unknown, callId?: string): Promise<ToolOutput>;
  invoke(handler: ToolHandler, call: ToolCall): Promise<ToolOutput>;
  close(): Promise<void>;
};

export async function createExecTestContext(options: { model?: string; authorizer?: RecordingAuthorizer; runner?: CommandRunner } = {}): Promise<ExecTestContext> {
  const root = await mkdtemp(path.join(os.tmpdir(), "codex-native-exec-"));
  const codexHome = path.join(root, "codex-home");
  const workdir = path.join(root, "work");
  await Promise.all([mkdir(codexHome), mkdir(workdir)]);
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: root, CODEX_HOME: codexHome, SHELL: "/bin/bash" };
  const engine = resolveEngineConfig({ env, codexHome });
  const settings = resolveThreadSettings(engine, { workingDirectory: workdir, model: options.model ?? "gpt-5.5", skipGitRepoCheck: true });
  const runner = new RecordingCommandRunner(options.runner);
  const authorizer = options.authorizer ?? new RecordingAuthorizer();
  const services: ThreadServices = {
    commandRunner: runner,
    authorizer,
    commandEnvironment: () => ({ PATH: env.PATH, HOME: env.HOME }),
    toolState: new Map(),
    mcp: new ThreadMcpServers([], env),
  };
  const context: ExecTestContext = {
    root,
    workdir,
    settings,
    services,
    runner,
    authorizer,
    events: [],
    recordedEvents: [],
    controller: new AbortController(),
    nextTurn(turnId) {
      context.events = [];
      context.controller = new AbortController();
      turnIdOfContext = turnId;
      items = new ItemEmitter((event) => context.events.push(event));
    },
    call(handler, argumentsObject, callId = "call-1") {
      return context.invoke(handler, { kind: "function", name: handler.name, callId, arguments: JSON.stringify(argumentsObject) });
    },
    invoke(handler, call) {
      const turn = {
        threadId: "thread-1",
        turnId: turnIdOfContext,
        settings,
        env,
        codexHome,
        items,
        recorder: { recordEvent: async (event: Record<string, unknown>) => void context.recordedEvents.push(event) },
        signal: context.controller.signal,
        services,
        outputSchema: undefined,
      } as unknown as TurnContext;
      const toolContext: ToolCallContext = { turn, items, signal: context.controller.signal };
      return handler.handle(call, toolContext);
    },
    async close() {
      const { disposeUnifiedExec } = await import("../../../src/tools/builtin/exec/index.js");
      disposeUnifiedExec(services.toolState);
      await rm(root, { recursive: true, force: true });
    },
  };
  let turnIdOfContext = "turn-1";
  let items = new ItemEmitter((event) => context.events.push(event));
  return context;
}

/** The event types and item statuses, for compact assertions. */
export function eventSummary(events: ThreadEvent[]): string[] {
  return events.map((event) => ("item" in event ? `${event.type} ${event.item.id} ${"status" in event.item ? event.item.status : ""}` : event.type));
}
