/**
 * Asks a person at the terminal to approve a command, a patch or a tool: one key for approve
 * once (y), for the session (a), deny (n) or abort the turn (q / Esc / Ctrl-C). Requests that
 * arrive together are asked one after another.
 */
import type { ApprovalCallback, ApprovalDecision, ApprovalRequest } from "../../options/approval-callback-types.js";
import type { Styles } from "../output/ansi.js";
import { describeRequest } from "./describe-request.js";

const choices: Record<string, ApprovalDecision> = {
  y: { decision: "approved" },
  a: { decision: "approved_for_session" },
  n: { decision: "denied" },
  q: { decision: "abort" },
  "\u001b": { decision: "abort" },
  "\u0003": { decision: "abort" },
};

export type TerminalPromptHooks = { before(): void; after(): void; print(text: string): void };

export function terminalApprovalCallback(input: NodeJS.ReadStream, styles: Styles, hooks: TerminalPromptHooks): ApprovalCallback {
  let queue: Promise<unknown> = Promise.resolve();
  return (request, { signal }) => {
    const asked = queue.then(() => ask(input, request, styles, hooks, signal));
    queue = asked.catch(() => undefined);
    return asked;
  };
}

function ask(input: NodeJS.ReadStream, request: ApprovalRequest, styles: Styles, hooks: TerminalPromptHooks, signal: AbortSignal): Promise<ApprovalDecision> {
  if (signal.aborted) return Promise.resolve({ decision: "denied" });
  hooks.before();
  hooks.print(describeRequest(request, styles).join("\n"));
  hooks.print(`  ${styles.bold("[y]")} yes  ${styles.bold("[a]")} yes, for this session  ${styles.bold("[n]")} no  ${styles.bold("[q]")} no, and stop the turn`);
  const wasRaw = input.isRaw;
  input.setRawMode(true);
  input.resume();
  return new Promise<ApprovalDecision>((resolve) => {
    const finish = (decision: ApprovalDecision, label: string) => {
      input.off("data", onData);
      signal.removeEventListener("abort", onAbort);
      input.setRawMode(wasRaw);
      input.pause();
      hooks.print(`  → ${label}`);
      hooks.after();
      resolve(decision);
    };
    const onData = (data: Buffer) => {
      const key = data.toString("utf8").toLowerCase();
      const decision = choices[key] ?? (key === "\r" ? choices.y : undefined);
      if (decision) finish(decision, decision.decision.replaceAll("_", " "));
    };
    const onAbort = () => finish({ decision: "denied" }, "no longer needed");
    input.on("data", onData);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
