/**
 * Entry point of the SDK: holds the process-level settings and model client, and creates
 * threads. Same surface as @openai/codex-sdk's `Codex`, plus approval callbacks and `close()`.
 */
import { resolveEngineConfig, type EngineConfig } from "./config/engine-config.js";
import { InvalidArgumentError } from "./errors.js";
import type { ApprovalCallback } from "./options/approval-callback-types.js";
import type { ResponsesClient } from "./model/responses-client.js";
import type { CodexOptions } from "./options/codex-options.js";
import type { ThreadOptions } from "./options/thread-options.js";
import { validateCodexOptions, validateThreadOptions } from "./options/validate-options.js";
import { createThread, type Thread, type ThreadRuntime } from "./thread.js";
import type { ReviewInvocationOptions, ReviewResult, ReviewStreamedResult } from "./review/review-types.js";
import type { ReviewHost } from "./review/run-review.js";
import { AgentRoster, createAgent, type Agent } from "./agents/agent.js";
import type { AgentOptions } from "./agents/agent-types.js";
import { CustomToolRegistry } from "./tools/custom/custom-tool-registry.js";
import type { NativeToolDefinition, NativeToolInfo, NativeToolInterceptor } from "./tools/custom/native-tool-types.js";
import type { ConversationListOptions, ConversationListPage } from "./sessions/conversation-types.js";
import {
  normalizeMentionTriggers,
  normalizeSkillDefinition,
  normalizeSkillsOption,
  type SkillDefinition,
  type SkillMentionTrigger,
} from "./skills/skill-types.js";

/**
 * The main class: create threads with `startThread()`, continue saved ones with `resumeThread()`.
 * Construction reads CODEX_HOME/config.toml and checks every option, so a bad option or config
 * throws here, before any request.
 */
export class Codex {
  private readonly engine: EngineConfig;
  private client: ResponsesClient | undefined;
  private approvalCallback: ApprovalCallback | undefined;
  /** Threads not closed yet, weakly held: an abandoned thread can still be collected. */
  private readonly threads = new Set<WeakRef<Thread>>();
  private readonly references = new WeakMap<Thread, WeakRef<Thread>>();
  private pruneAt = 64;
  private agentRoster: AgentRoster | undefined;
  private readonly customTools = new CustomToolRegistry();
  private readonly options: CodexOptions;
  /** JS skills of every thread, by name (`CodexOptions.skills`, `registerSkill`). */
  private readonly skills = new Map<string, SkillDefinition>();
  private readonly skillMentionTriggers: SkillMentionTrigger[] | undefined;
  /** Ids of ephemeral threads of this instance: resuming one gets a clear error. */
  private readonly ephemeralThreadIds = new Set<string>();

  /** Checks the options and the merged config (config.toml, `config`, `configOverrides`). */
  constructor(options: CodexOptions = {}) {
    this.options = validateCodexOptions(options);
    this.engine = resolveEngineConfig(withModelDefaults(this.options));
    for (const tool of this.options.tools ?? []) this.customTools.register(tool);
    for (const skill of normalizeSkillsOption(this.options.skills, "CodexOptions.skills")) this.skills.set(skill.name, skill);
    this.skillMentionTriggers = normalizeMentionTriggers(this.options.skillMentionTriggers, "CodexOptions.skillMentionTriggers");
  }

  /**
   * Registers a JavaScript tool offered on every model request of every thread of this instance
   * (from the next request on). A built-in's name replaces that built-in; `server::tool` replaces
   * an MCP server's tool. Registering a name again replaces the earlier registration.
   * @throws InvalidArgumentError for a malformed definition.
   */
  registerTool(tool: NativeToolDefinition): void {
    this.customTools.register(tool);
  }

  /** The tools registered on this instance, in registration order. */
  listRegisteredTools(): NativeToolInfo[] {
    return this.customTools.list();
  }

  /** Removes a registered tool (a built-in it replaced comes back); true when it was registered. */
  unregisterTool(name: string): boolean {
    return this.customTools.unregister(name);
  }

  /** Removes every registered tool. */
  clearTools(): void {
    this.customTools.clear();
  }

  /**
   * Wraps the tool named `toolName` (built-in, registered or `server::tool`): `interceptor` sees
   * each call first and may rewrite it, run the tool with `context.callBuiltin(invocation?)` (once;
   * through the tool's normal approval and sandbox path) and rewrite the result. Several
   * interceptors of one tool compose in registration order.
   */
  registerToolInterceptor(toolName: string, interceptor: NativeToolInterceptor): void {
    this.customTools.addInterceptor(toolName, interceptor);
  }

  /** Removes the interceptors of `toolName`, or all of them. */
  clearToolInterceptors(toolName?: string): void {
    this.customTools.clearInterceptors(toolName);
  }

  /**
   * Adds a skill every thread of this instance knows (from its next turn on; it is listed to the
   * model in threads started afterwards). A skill of the same name is replaced.
   */
  registerSkill(skill: SkillDefinition): void {
    const normalized = normalizeSkillDefinition(skill, "registerSkill(skill)");
    this.skills.set(normalized.name, normalized);
  }

  /** The skills registered in JS on this instance (SKILL.md files are found per thread, not listed here). */
  listSkills(): SkillDefinition[] {
    return [...this.skills.values()].map((skill) => ({ ...skill }));
  }

  /**
   * Saved conversations (session files under CODEX_HOME/sessions, ours and the Codex CLI's),
   * newest first, `limit` per page (default 20); pass `nextCursor` back as `cursor` for the next.
   */
  async listConversations(options: ConversationListOptions = {}): Promise<ConversationListPage> {
    if (typeof options !== "object" || options === null) throw new InvalidArgumentError("listConversations expects { limit?, cursor? }");
    const { listConversations } = await import("./sessions/list-conversations.js");
    return listConversations(this.engine.codexHome, options);
  }

  /** Deletes a saved conversation's session file by thread id; resolves false when there is none. */
  async deleteConversation(id: string): Promise<boolean> {
    const { deleteConversation } = await import("./sessions/list-conversations.js");
    return deleteConversation(this.engine.codexHome, id);
  }

  /** Alias of `listConversations`. */
  listThreads(options: ConversationListOptions = {}): Promise<ConversationListPage> {
    return this.listConversations(options);
  }

  /** Alias of `deleteConversation`. */
  deleteThread(id: string): Promise<boolean> {
    return this.deleteConversation(id);
  }

  /** Starts a new conversation; its id is known once the first run emits `thread.started`. */
  startThread(options: ThreadOptions = {}): Thread {
    return this.track(createThread(this.runtime(), validateThreadOptions(options), null));
  }

  /**
   * Continues a conversation saved in CODEX_HOME/sessions (ours or the Codex CLI's). The session
   * file is located and replayed on the first run; the thread keeps the model, reasoning,
   * sandbox, approval settings and working directory it recorded unless `options` sets others.
   */
  resumeThread(id: string, options: ThreadOptions = {}): Thread {
    if (typeof id !== "string" || id.trim().length === 0) throw new InvalidArgumentError("resumeThread needs a thread id");
    if (this.ephemeralThreadIds.has(id.trim())) {
      throw new InvalidArgumentError(`Thread ${id.trim()} is ephemeral: it wrote no session file, so it cannot be resumed`);
    }
    return this.track(createThread(this.runtime(), validateThreadOptions(options), id.trim()));
  }

  /**
   * Creates an agent: named instructions (and optionally a model and agents to hand off to) that
   * speak in the conversation all agents of this instance share, so a later agent sees what the
   * earlier ones said and did. With `handoffs`, the model gets a `transfer_to_<name>` tool per
   * target, and calling it switches the active agent within the turn.
   */
  createAgent(options: AgentOptions): Agent {
    this.agentRoster ??= new AgentRoster((threadOptions) => this.startThread(threadOptions));
    return createAgent(this.agentRoster, options);
  }

  /**
   * Runs a code review the way Codex's review mode does: the target's diff is gathered with git
   * (an unknown branch or commit, or nothing to review, rejects with ReviewTargetError before any
   * request), a new thread runs one review turn with the reviewer's instructions, and the result
   * carries the usual items plus the typed review (findings, verdict). See `reviewToSarif()`.
   */
  async review(options: ReviewInvocationOptions): Promise<ReviewResult> {
    const { runReview } = await import("./review/run-review.js");
    return runReview(this.reviewHost(), options);
  }

  /**
   * `review()` as a stream: the thread's events plus `entered_review_mode` (after `thread.started`)
   * and `exited_review_mode` (with the parsed review, before `turn.completed`). Problems of the
   * target are thrown by the iteration, before any request.
   */
  async reviewStreamed(options: ReviewInvocationOptions): Promise<ReviewStreamedResult> {
    const host = this.reviewHost();
    async function* events() {
      const { streamReview } = await import("./review/run-review.js");
      yield* streamReview(host, options, false);
    }
    return { events: events() };
  }

  /**
   * Registers the approval callback of every thread of this instance (a thread's own
   * `onApprovalRequest` wins). Asked whenever the approval policy requires a decision; without one
   * such requests are denied. Pass undefined to remove it.
   */
  setApprovalCallback(callback: ApprovalCallback | undefined): void {
    if (callback !== undefined && typeof callback !== "function") {
      throw new InvalidArgumentError("setApprovalCallback expects a function (or undefined to remove it)");
    }
    this.approvalCallback = callback;
  }

  /**
   * Closes every thread this instance created (see `Thread.close()`): running turns are aborted,
   * exec sessions killed, session files released. The instance can still start new threads.
   */
  async close(): Promise<void> {
    const open = [...this.threads].flatMap((reference) => reference.deref() ?? []);
    await Promise.all(open.map((thread) => thread.close()));
  }

  /** `await using codex = new Codex()` closes its threads at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private reviewHost(): ReviewHost {
    return { startThread: (options) => this.startThread(options), env: this.engine.env, reviewModel: this.engine.config.review_model };
  }

  private track(thread: Thread): Thread {
    const reference = new WeakRef(thread);
    this.references.set(thread, reference);
    this.threads.add(reference);
    if (this.threads.size >= this.pruneAt) {
      for (const reference of this.threads) if (reference.deref() === undefined) this.threads.delete(reference);
      this.pruneAt = Math.max(64, this.threads.size * 2);
    }
    return thread;
  }

  private runtime(): ThreadRuntime {
    return {
      engine: this.engine,
      approvalCallback: () => this.approvalCallback,
      customTools: this.customTools,
      mcp: { servers: this.options.mcp, inherit: this.options.inheritMcp ?? true },
      // Created on first use so that a missing key surfaces as a turn error, not a constructor throw.
      client: (modules) => (this.client ??= modules.createResponsesClient(this.engine)),
      onClose: (thread) => {
        const reference = this.references.get(thread);
        if (reference) this.threads.delete(reference);
      },
      skills: () => ({ skills: [...this.skills.values()], triggers: this.skillMentionTriggers }),
      openFork: (options, threadId) => this.track(createThread(this.runtime(), validateThreadOptions(options), threadId)),
      onEphemeralThread: (threadId) => this.ephemeralThreadIds.add(threadId),
    };
  }
}

// The `@codex-native/sdk/agents` subpath reaches its engine side through this hidden hook (a global
// symbol, not a public export), so that subpath ships as a thin file over this bundle rather than
// as a second copy of the engine. Loaded on first use only.
Object.defineProperty(Codex, Symbol.for("@codex-native/sdk.agents-core"), {
  value: () => import("./agents/provider/codex-model-backend.js"),
});
/** `defaultModel` and `modelProvider` are the config keys `model` and `model_provider` (explicit `config` wins). */
function withModelDefaults(options: CodexOptions): CodexOptions {
  if (options.defaultModel === undefined && options.modelProvider === undefined) return options;
  return {
    ...options,
    config: {
      ...(options.defaultModel !== undefined ? { model: options.defaultModel } : {}),
      ...(options.modelProvider !== undefined ? { model_provider: options.modelProvider } : {}),
      ...options.config,
    },
  };
}
