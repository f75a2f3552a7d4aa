/**
 * The `command_execution` item every command tool announces: started once the command is
 * authorised, or started and completed as `declined` when it was refused, so an app can show work
 * that did not run. A declined command is also written to the session file.
 */
import type { CommandExecutionItem } from "../../../protocol/items.js";
import type { ToolCallContext, ToolOutput } from "../../tool-handler.js";
import { joinShellCommand } from "./shell-quote.js";

/** Allocates the item, emits `item.started` (status in_progress) and returns it for completion. */
export function startCommandItem(context: ToolCallContext, argv: readonly string[]): CommandExecutionItem {
  const item = newCommandItem(context, argv, "in_progress");
  context.items.started(item);
  return item;
}

function newCommandItem(context: ToolCallContext, argv: readonly string[], status: CommandExecutionItem["status"]): CommandExecutionItem {
  return { id: context.items.nextId(), type: "command_execution", command: joinShellCommand([...argv]), aggregated_output: "", status };
}

export type DeclinedCommand = { callId: string; argv: readonly string[]; cwd: string; message: string };

/**
 * The answer for a command refused before it ran: `message` goes to the model, the item is
 * started as `declined` and (by the engine, with the output) completed.
 */
export async function declineCommand(context: ToolCallContext, declined: DeclinedCommand): Promise<ToolOutput> {
  const item = { ...newCommandItem(context, declined.argv, "declined"), aggregated_output: declined.message };
  context.items.started(item);
  return { output: declined.message, success: false, item: await markDeclined(context, item, declined) };
}

/**
 * Marks an announced item as declined (e.g. after its sandboxed run was denied and the escalation
 * was refused) and records the decline in the session file, in the shape of Codex's
 * `exec_command_end` event with `status: "declined"`.
 */
export async function markDeclined(context: ToolCallContext, item: CommandExecutionItem, declined: DeclinedCommand): Promise<CommandExecutionItem> {
  const final: CommandExecutionItem = { ...item, status: "declined", aggregated_output: item.aggregated_output || declined.message };
  await context.turn.recorder.recordEvent({
    type: "exec_command_end",
    call_id: declined.callId,
    turn_id: context.turn.turnId,
    command: [...declined.argv],
    cwd: declined.cwd,
    parsed_cmd: [],
    stdout: "",
    stderr: "",
    aggregated_output: final.aggregated_output,
    exit_code: final.exit_code ?? -1,
    duration: { secs: 0, nanos: 0 },
    formatted_output: declined.message,
    status: "declined",
  });
  return final;
}
