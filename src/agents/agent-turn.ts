/**
 * One turn of the shared conversation run by an agent. Each model request carries the active
 * agent's instructions (after the base instructions), its model and its transfer tools. A
 * transfer tool call (`transfer_to_<name>`, as the Agents SDK names handoffs) makes its target the
 * active agent from the next request of the same turn on; the events name the agent that produced
 * each item.
 */
import type { Input } from "../input/user-input.js";
import { modelInfoFor } from "../model-info/model-info.js";
import type { TurnOptions } from "../options/turn-options.js";
import { streamShapedTurn, type TurnShaping } from "../thread.js";
import { createNativeToolHandler } from "../tools/custom/native-tool-handler.js";
import type { ToolHandler } from "../tools/tool-handler.js";
import type { Agent, AgentRoster } from "./agent.js";
import type { AgentEvent } from "./agent-types.js";
import { LayeredToolRegistry } from "./provider/layered-tool-registry.js";

export async function* streamAgentTurn(
  roster: AgentRoster,
  start: Agent,
  input: Input,
  turnOptions: TurnOptions,
  throwOnFailure: boolean,
): AsyncGenerator<AgentEvent> {
  // Resolve the handoffs first: a name that is no agent fails before any request or thread.
  void start.handoffs;
  const thread = roster.threadFor(start);
  /** The agent whose instructions and tools the next request carries. */
  let active = start;
  /** Set by a transfer; becomes active when the next request is built. */
  let transferTo: Agent | undefined;
  const toolSets = new Map<Agent, Map<string, ToolHandler>>();
  const toolsOf = (agent: Agent) => {
    let tools = toolSets.get(agent);
    if (!tools) {
      tools = new Map(agent.tools.map((definition) => [definition.name, createNativeToolHandler(definition)] as const));
      for (const target of agent.handoffs) tools.set(transferToolName(target), transferTool(target));
      toolSets.set(agent, tools);
    }
    return tools;
  };
  // A JS tool like any user tool (orchestrated, an mcp_tool_call item): its only effect is the switch.
  const transferTool = (target: Agent): ToolHandler =>
    createNativeToolHandler({
      name: transferToolName(target),
      description: `Handoff to the ${target.name} agent to handle the request.${target.handoffDescription ? ` ${target.handoffDescription}` : ""}`,
      parameters: { type: "object", properties: {}, additionalProperties: false },
      strict: false,
      supportsParallel: false,
      handler: () => {
        if (transferTo && transferTo !== target) return { error: `already transferring to ${transferTo.name}; make one transfer at a time` };
        transferTo = target;
        return { output: JSON.stringify({ assistant: target.name }) };
      },
    });
  const shaping: TurnShaping = {
    requestOverrides: () => {
      if (transferTo) {
        active = transferTo;
        transferTo = undefined;
      }
      return { extraInstructions: active.instructions, ...(active.model ? { model: modelInfoFor(active.model) } : {}) };
    },
    tools: (defaults) => new LayeredToolRegistry(defaults, () => toolsOf(active)),
  };
  for await (const event of streamShapedTurn(thread, input, turnOptions, shaping, throwOnFailure)) {
    // Items are produced by the agent whose request (or whose tool calls) they come from: the active one.
    yield event.type.startsWith("item.") ? { ...event, agent: active.name } : event;
  }
}

/** The Agents SDK's handoff tool name: `transfer_to_` and the agent name in snake case. */
export function transferToolName(agent: Agent): string {
  return `transfer_to_${agent.name.toLowerCase().replace(/[^a-z0-9_-]+/g, "_")}`;
}
