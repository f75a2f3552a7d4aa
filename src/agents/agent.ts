/**
 * Agents of one `Codex` (`codex.createAgent()`): named instructions, an optional model and the
 * agents they may hand off to, all speaking in one shared conversation thread, so a later agent
 * sees what earlier agents said and did. The turn machinery is loaded on the first run.
 */
import { InvalidArgumentError } from "../errors.js";
import type { Input } from "../input/user-input.js";
import type { ThreadOptions } from "../options/thread-options.js";
import type { TurnOptions } from "../options/turn-options.js";
import type { Thread } from "../thread.js";
import { checkToolDefinition } from "../tools/custom/custom-tool-registry.js";
import type { NativeToolDefinition } from "../tools/custom/native-tool-types.js";
import type { AgentEvent, AgentOptions, AgentRunResult, AgentStreamedResult } from "./agent-types.js";

/** What the agents of one `Codex` share: the roster and the conversation thread. */
export class AgentRoster {
  readonly agents = new Map<string, Agent>();
  /** The conversation, started by the first agent that runs. */
  conversation: { thread: Thread; optionsKey: string } | undefined;

  constructor(readonly startThread: (options: ThreadOptions) => Thread) {}

  /** The thread every agent speaks in; `options` must match those it was started with. */
  threadFor(agent: Agent): Thread {
    const key = JSON.stringify(agent.threadOptions ?? {});
    if (!this.conversation) {
      this.conversation = { thread: this.startThread(agent.threadOptions ?? {}), optionsKey: key };
    } else if (agent.threadOptions !== undefined && key !== this.conversation.optionsKey) {
      throw new InvalidArgumentError(
        `Agent "${agent.name}" has threadOptions that differ from those the shared conversation was started with; agents of one Codex share one thread`,
      );
    }
    return this.conversation.thread;
  }

  /** The agent a handoff entry names. */
  resolve(entry: Agent | string, from: Agent): Agent {
    const name = typeof entry === "string" ? entry : entry.name;
    const agent = this.agents.get(name);
    if (!agent || (typeof entry !== "string" && agent !== entry)) {
      throw new InvalidArgumentError(`Agent "${from.name}" hands off to "${name}", which is not an agent of this Codex`);
    }
    return agent;
  }
}

let constructAgent: (roster: AgentRoster, options: AgentOptions) => Agent;

/** Creates and registers an agent; used by `codex.createAgent()`. */
export function createAgent(roster: AgentRoster, options: AgentOptions): Agent {
  return constructAgent(roster, options);
}

/** An agent created with `codex.createAgent()`. */
export class Agent {
  static {
    constructAgent = (roster, options) => new Agent(roster, options);
  }

  /** The agent's unique name. */
  readonly name: string;
  /** Its own instructions. */
  readonly instructions: string;
  /** Its model, when it has its own. */
  readonly model: string | undefined;
  /** Shown in transfer tools that lead to this agent. */
  readonly handoffDescription: string | undefined;
  /** Tools only this agent offers. */
  readonly tools: readonly NativeToolDefinition[];
  /** Options of the shared thread, when this agent sets them. */
  readonly threadOptions: ThreadOptions | undefined;
  private readonly handoffEntries: ReadonlyArray<Agent | string>;
  private readonly roster: AgentRoster;

  private constructor(roster: AgentRoster, options: AgentOptions) {
    if (typeof options !== "object" || options === null) throw new InvalidArgumentError("createAgent expects {name, instructions, model?, handoffs?}");
    const { name, instructions, model, tools, handoffs, handoffDescription, threadOptions } = options;
    if (typeof name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/.test(name)) {
      throw new InvalidArgumentError(`Agent name ${JSON.stringify(name)} must be 1-64 letters, digits, spaces, '_', '.' or '-', starting with a letter or digit`);
    }
    if (roster.agents.has(name)) throw new InvalidArgumentError(`An agent named "${name}" already exists in this Codex`);
    if (typeof instructions !== "string" || instructions.trim() === "") throw new InvalidArgumentError(`Agent "${name}" needs non-empty instructions`);
    if (model !== undefined && (typeof model !== "string" || model.trim() === "")) throw new InvalidArgumentError(`Agent "${name}": model must be a non-empty string`);
    if (tools !== undefined && !Array.isArray(tools)) throw new InvalidArgumentError(`Agent "${name}": tools must be an array of tool definitions`);
    for (const tool of tools ?? []) checkToolDefinition(tool, `Agent "${name}" tool`);
    if (handoffs !== undefined && !Array.isArray(handoffs)) throw new InvalidArgumentError(`Agent "${name}": handoffs must be an array of agents or agent names`);
    for (const entry of handoffs ?? []) {
      if (typeof entry !== "string" && !(entry instanceof Agent)) throw new InvalidArgumentError(`Agent "${name}": each handoff is an agent or an agent name`);
    }
    if (handoffDescription !== undefined && typeof handoffDescription !== "string") throw new InvalidArgumentError(`Agent "${name}": handoffDescription must be a string`);
    this.name = name;
    this.instructions = instructions;
    this.model = model;
    this.handoffDescription = handoffDescription;
    this.tools = [...(tools ?? [])];
    this.threadOptions = threadOptions;
    this.handoffEntries = [...(handoffs ?? [])];
    this.roster = roster;
    roster.agents.set(name, this);
  }

  /** The agents this one may transfer to (names resolved now, so they may name agents created later). */
  get handoffs(): Agent[] {
    return this.handoffEntries.map((entry) => this.roster.resolve(entry, this));
  }

  /**
   * Runs a turn of the shared conversation as this agent. The model may transfer to one of its
   * handoffs; the turn then goes on as that agent (see `AgentRunResult.agent`).
   */
  async run(input: Input, turnOptions: TurnOptions = {}): Promise<AgentRunResult> {
    const items: AgentRunResult["items"] = [];
    const itemAgents: string[] = [];
    let finalResponse = "";
    let usage: AgentRunResult["usage"] = null;
    let agent = this.name;
    for await (const event of this.stream(input, turnOptions, true)) {
      if (event.type === "item.completed") {
        items.push(event.item);
        itemAgents.push(event.agent ?? this.name);
        agent = event.agent ?? agent;
        if (event.item.type === "agent_message") finalResponse = event.item.text;
      } else if (event.type === "turn.completed") {
        usage = event.usage;
      }
    }
    return { items, finalResponse, usage, agent, itemAgents };
  }

  /** `run()` as a stream of events; item events carry the producing agent's name in `agent`. */
  async runStreamed(input: Input, turnOptions: TurnOptions = {}): Promise<AgentStreamedResult> {
    return { events: this.stream(input, turnOptions, false) };
  }

  private async *stream(input: Input, turnOptions: TurnOptions, throwOnFailure: boolean): AsyncGenerator<AgentEvent> {
    const { streamAgentTurn } = await import("./agent-turn.js");
    yield* streamAgentTurn(this.roster, this, input, turnOptions, throwOnFailure);
  }
}
