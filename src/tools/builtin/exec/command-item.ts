/**
 * The `command_execution` item every command tool announces once the command is authorised.
 */
import type { CommandExecutionItem } from "../../../protocol/items.js";
import type { ToolCallContext } from "../../tool-handler.js";
import { joinShellCommand } from "./shell-quote.js";

/** Allocates the item, emits `item.started` (status in_progress) and returns it for completion. */
export function startCommandItem(context: ToolCallContext, argv: readonly string[]): CommandExecutionItem {
  const item: CommandExecutionItem = {
    id: context.items.nextId(),
    type: "command_execution",
    command: joinShellCommand([...argv]),
    aggregated_output: "",
    status: "in_progress",
  };
  context.items.started(item);
  return item;
}
