/** How an approval request is shown to a person: what would run or change, where, and why. */
import type { ApprovalRequest } from "../../options/approval-callback-types.js";
import type { Styles } from "../output/ansi.js";
import { changeLetter } from "../output/display-text.js";
import { requestPatchLines } from "../output/change-lines.js";

export function describeRequest(request: ApprovalRequest, styles: Styles): string[] {
  const lines: string[] = [];
  if (request.kind === "command") {
    lines.push(`${styles.bold("Allow command?")} ${styles.cyan(`$ ${request.commandText ?? request.command?.join(" ") ?? ""}`)}`);
  } else if (request.kind === "patch") {
    lines.push(styles.bold("Allow these file changes?"));
    for (const change of request.changes ?? []) lines.push(`  ${changeLetter(change.kind)} ${change.path}`);
    for (const line of requestPatchLines(request, 30)) {
      const text = `    ${line.text}`;
      lines.push(line.kind === "add" ? styles.green(text) : line.kind === "remove" ? styles.red(text) : styles.dim(text));
    }
  } else {
    lines.push(`${styles.bold(`Allow tool ${request.toolName}?`)} ${styles.dim(JSON.stringify(request.arguments ?? {}))}`);
  }
  lines.push(styles.dim(`  in ${request.cwd}${request.escalated ? " — outside the sandbox" : ""}`));
  if (request.reason) lines.push(styles.yellow(`  reason: ${request.reason}`));
  return lines;
}

/** One line naming the request, for the "denied: no terminal" message. */
export function requestSummary(request: ApprovalRequest): string {
  if (request.kind === "command") return `command \`${request.commandText ?? request.command?.join(" ") ?? ""}\``;
  if (request.kind === "patch") return `changes to ${(request.changes ?? []).map((change) => change.path).join(", ")}`;
  return `tool ${request.toolName}`;
}
