/**
 * `update_plan`: the model's to-do list. The first call of a turn starts a `todo_list` item, later
 * calls update it, and the engine completes it when the turn ends (as Codex's exec events do).
 */
import { s } from "../../validation/spec.js";
import type { TodoListItem } from "../../protocol/items.js";
import { parseToolArguments } from "../parse-tool-arguments.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput, ToolSpec } from "../tool-handler.js";

const PlanArguments = s.object({
  explanation: s.string().nullish(),
  plan: s.array(
    s.object({
      step: s.string(),
      status: s.enum(["pending", "in_progress", "completed"]),
    }),
  ),
});

// Codex's schema, byte for byte (the models are trained on it); the description is ours.
const spec: ToolSpec = {
  type: "function",
  name: "update_plan",
  description:
    "Updates the task plan.\nProvide an optional explanation and a list of plan items, each with a step and status.\nAt most one step can be in_progress at a time.\n",
  strict: false,
  parameters: {
    type: "object",
    properties: {
      explanation: { type: "string" },
      plan: {
        type: "array",
        description: "The list of steps",
        items: {
          type: "object",
          properties: {
            status: { type: "string", description: "One of: pending, in_progress, completed" },
            step: { type: "string" },
          },
          required: ["step", "status"],
          additionalProperties: false,
        },
      },
    },
    required: ["plan"],
    additionalProperties: false,
  },
};

export const updatePlanTool: ToolHandler = {
  name: "update_plan",
  spec,
  parallel: false,
  async handle(call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
    if (call.kind !== "function") return { output: "update_plan expects JSON function arguments", success: false };
    const parsed = parseToolArguments(PlanArguments, call.arguments);
    if (!parsed.ok) return { output: parsed.message, success: false };
    const inProgress = parsed.value.plan.filter((entry) => entry.status === "in_progress").length;
    if (inProgress > 1) return { output: "At most one step can be in_progress at a time.", success: false };
    const items = parsed.value.plan.map((entry) => ({ text: entry.step, completed: entry.status === "completed" }));
    context.items.updateTodoList(items);
    return { output: "Plan updated", success: true };
  },
};

export type { TodoListItem };
