/**
 * `@codex-native/sdk/agents`: our engine as a model of the OpenAI Agents SDK (`@openai/agents`, an
 * optional peer dependency: only this subpath imports it, never `@codex-native/sdk` itself).
 *
 * - `CodexProvider` is a `ModelProvider`: a `Runner` that uses it gets a model that runs whole Codex
 *   turns (built-in tools, sandbox, approvals, session files) while the Runner's own function tools
 *   and handoffs still run in the Runner.
 * - `codexTool(options)` is `tool(options)` whose calls, under a `CodexProvider`, run inside our
 *   engine's tool pipeline (approval policy and callback, tool events) instead of round-tripping.
 */
import {
  RunContext,
  Usage,
  tool,
  type FunctionTool,
  type Model,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type StreamEvent,
  type ToolInputParameters,
  type ToolOptions,
  type UnknownContext,
} from "@openai/agents";
import { Codex, InvalidArgumentError, type CodexOptions, type ThreadOptions } from "../index.js";
import type { CodexModelBackend } from "./provider/codex-model-backend.js";
import type { InProcessTool } from "./provider/runner-conversation.js";
import type { RunnerModelRequest } from "./provider/runner-items.js";

/** Options of `CodexProvider`: those of `new Codex()`, plus the threads' options and a default model. */
export type CodexProviderOptions = CodexOptions & {
  /** Options of every thread the provider starts (working directory, sandbox, approvals…). */
  threadOptions?: ThreadOptions;
  /** The model when the agent names none (else the config's / Codex's default). */
  defaultModel?: string;
};

/** `codexTool`s by name: a Runner request names its tools, and these run inside the engine. */
const inProcessTools = new Map<string, InProcessTool>();

type BackendModule = { CodexModelBackend: typeof CodexModelBackend };
const coreKey = Symbol.for("@codex-native/sdk.agents-core");

/** An OpenAI Agents SDK model provider whose models are Codex turns run by this SDK's engine. */
export class CodexProvider implements ModelProvider {
  private readonly options: CodexProviderOptions;
  private readonly codex: Codex;
  private backend: Promise<CodexModelBackend> | undefined;

  /** Checks the options at once (a bad option throws here, as `new Codex()` does). */
  constructor(options: CodexProviderOptions = {}) {
    const { threadOptions, defaultModel, ...codexOptions } = options;
    if (defaultModel !== undefined && (typeof defaultModel !== "string" || defaultModel.trim() === "")) {
      throw new InvalidArgumentError("CodexProvider defaultModel must be a non-empty string");
    }
    this.options = options;
    this.codex = new Codex(codexOptions);
    // Checked now rather than at the first request.
    if (threadOptions) this.codex.startThread(threadOptions);
  }

  /** The model named `modelName` (the agent's `model`), else `defaultModel`, else the config's default. */
  getModel(modelName?: string): Model {
    return new CodexModel(() => this.loadBackend(), modelName || this.options.defaultModel);
  }

  /** The `Codex` instance behind the provider (set an approval callback on it, for example). */
  get codexInstance(): Codex {
    return this.codex;
  }

  /** Stops turns still waiting for the Runner and closes the provider's threads. */
  async close(): Promise<void> {
    (await this.backend)?.close();
    await this.codex.close();
  }

  private loadBackend(): Promise<CodexModelBackend> {
    this.backend ??= ((Codex as unknown as Record<symbol, () => Promise<BackendModule>>)[coreKey]!)().then(
      (core) =>
        new core.CodexModelBackend({
          codex: this.codex,
          threadOptions: this.options.threadOptions ?? {},
          inProcessTools: (name) => inProcessTools.get(name),
        }),
    );
    return this.backend;
  }
}

/** One model of the provider; each Runner request runs (part of) a Codex turn. */
class CodexModel implements Model {
  constructor(
    private readonly backend: () => Promise<CodexModelBackend>,
    private readonly model: string | undefined,
  ) {}

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const response = await (await this.backend()).getResponse(request as unknown as RunnerModelRequest, this.model);
    const { add: _add, requestUsageEntries: _entries, ...usage } = response.usage;
    return { ...response, usage: new Usage(usage) } as unknown as ModelResponse;
  }

  async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
    yield* (await this.backend()).getStreamedResponse(request as unknown as RunnerModelRequest, this.model) as AsyncIterable<StreamEvent>;
  }
}

/**
 * `tool(options)` of the Agents SDK, and more: when the model behind the Runner is a
 * `CodexProvider` model, calls of this tool run inside our engine (approval policy and callback,
 * the one tool orchestration path) instead of going back to the Runner. Names are global to the
 * process: a later `codexTool` of the same name replaces the earlier one.
 */
export function codexTool<TParameters extends ToolInputParameters = undefined, Context = UnknownContext, Result = string>(
  options: ToolOptions<TParameters, Context>,
): FunctionTool<Context, TParameters, Result> {
  const created = tool(options) as unknown as FunctionTool<Context, TParameters, Result>;
  inProcessTools.set(created.name, async (argumentsJson) => {
    const result = await created.invoke(new RunContext<Context>({} as Context), argumentsJson);
    return typeof result === "string" ? result : JSON.stringify(result);
  });
  return created;
}
