/**
 * Public shapes of `codex.createAgent()`: an agent's definition, the events of its runs (thread
 * events whose item events name the agent that produced the item) and its results.
 */
import type { ThreadOptions } from "../options/thread-options.js";
import type { ThreadEvent } from "../protocol/events.js";
import type { NativeToolDefinition } from "../tools/custom/native-tool-types.js";
import type { Turn } from "../thread.js";
import type { Agent } from "./agent.js";

/** What `codex.createAgent()` takes. */
export type AgentOptions = {
  /** Unique among the agents of one `Codex`; names the transfer tool `transfer_to_<name>`. */
  name: string;
  /** The agent's own instructions, sent after the base instructions on each of its model requests. */
  instructions: string;
  /** The agent's model (else the conversation thread's). */
  model?: string;
  /** Tools only this agent offers (besides the thread's built-in and registered tools), run like `registerTool` tools. */
  tools?: NativeToolDefinition[];
  /**
   * Agents this one may hand the conversation to: each becomes a `transfer_to_<name>` tool the model
   * can call; the transfer switches the active agent within the turn. Agents or their names
   * (a name may refer to an agent created later).
   */
  handoffs?: Array<Agent | string>;
  /** Shown in the transfer tool's description when other agents can hand off to this one. */
  handoffDescription?: string;
  /**
   * Options of the conversation thread (working directory, sandbox, approvals…). The agents of one
   * `Codex` share one thread, started by the first agent that runs, with its options; a later agent
   * whose options differ is refused.
   */
  threadOptions?: ThreadOptions;
};

/**
 * An event of an agent's run: a thread event; item events (`item.started`, `item.updated`,
 * `item.completed`) also carry `agent`, the name of the agent whose model response or tool call
 * produced the item (after a transfer, the new agent's).
 */
export type AgentEvent = ThreadEvent & { agent?: string };

/** The result of `agent.run()`: the usual turn result, and the agent active when the turn ended. */
export type AgentRunResult = Turn & {
  /** Name of the agent that ended the turn (differs from the one that ran it after a transfer). */
  agent: string;
  /** The name of the agent that produced each of `items`, index by index. */
  itemAgents: string[];
};

/** The result of `agent.runStreamed()`. */
export type AgentStreamedResult = { events: AsyncGenerator<AgentEvent> };
