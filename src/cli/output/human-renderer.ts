/**
 * The readable progress of `run`/`exec`/`resume`, like `codex exec`: a header, then each item
 * as it happens on stderr (a spinner while a command runs on a terminal, the patch of a file
 * change, the plan), and the final answer alone on stdout so it can be piped.
 */
import type { ThreadEvent, Usage } from "../../protocol/events.js";
import type { ThreadItem } from "../../protocol/items.js";
import type { ReviewEvent, ReviewOutputEvent } from "../../review/review-types.js";
import { packageVersion } from "../../util/package-root.js";
import type { Styles } from "./ansi.js";
import { changeLetter, displayCommand, planLines, trimOutput, usageSummary } from "./display-text.js";
import { patchLines } from "./patch-lines.js";
import { reviewText } from "./review-text.js";
import { Spinner } from "./spinner.js";

export type RendererHeader = { workdir: string; model?: string; sandbox?: string; approval?: string; prompt: string };

export class HumanRenderer {
  private readonly styles: Styles;
  private readonly err: NodeJS.WriteStream;
  private readonly spinner: Spinner | undefined;
  /** The latest agent message: printed to stderr when another item follows, to stdout at the end. */
  private pendingMessage: string | undefined;
  private lastPlan = "";
  /** Patches by file set, recorded by the apply_patch observer, shown with the file change. */
  private readonly patches: string[] = [];
  usage: Usage | null = null;
  /** The parsed review of a review turn: printed instead of the raw final message. */
  private review: ReviewOutputEvent | null = null;
  private workdir = process.cwd();

  constructor(styles: Styles, err: NodeJS.WriteStream = process.stderr) {
    this.styles = styles;
    this.err = err;
    this.spinner = err.isTTY ? new Spinner(err) : undefined;
  }

  header(info: RendererHeader): void {
    const { bold, dim } = this.styles;
    this.workdir = info.workdir;
    const rows = [
      `workdir: ${info.workdir}`,
      ...(info.model ? [`model: ${info.model}`] : []),
      ...(info.sandbox ? [`sandbox: ${info.sandbox}`] : []),
      ...(info.approval ? [`approval: ${info.approval}`] : []),
    ];
    this.print(`${bold(`codex-native ${packageVersion()}`)}\n${dim("--------")}\n${rows.join("\n")}\n${dim("--------")}`);
    this.print(`${this.styles.cyan("user")}\n${info.prompt}`);
  }

  /** A patch the model is applying; shown with the next file change. */
  notePatch(patch: string): void {
    this.patches.push(patch);
  }

  /** Stops the spinner while something else (an approval prompt) uses the terminal. */
  pause(): void {
    this.spinner?.halt();
  }

  resume(): void {
    this.spinner?.resume();
  }

  /** Writes a line to stderr above the spinner. */
  print(text: string): void {
    if (this.spinner) this.spinner.print(text);
    else this.err.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  onEvent(event: ThreadEvent | ReviewEvent): void {
    const { dim, red, yellow } = this.styles;
    switch (event.type) {
      case "entered_review_mode":
        this.print(`${this.styles.magenta("review")} ${event.user_facing_hint}`);
        break;
      case "exited_review_mode":
        this.review = event.review_output;
        break;
      case "thread.started":
        this.print(dim(`session id: ${event.thread_id}`));
        break;
      case "item.started":
        if (event.item.type !== "todo_list") this.flushMessage();
        if (event.item.type === "command_execution") {
          const command = displayCommand(event.item.command);
          if (this.spinner) this.spinner.start(event.item.id, `Running ${command}`);
          else this.print(`${this.styles.magenta("exec")} ${this.styles.bold(command)}`);
        } else if (event.item.type === "todo_list") this.printPlan(event.item.items);
        break;
      case "item.updated":
        if (event.item.type === "todo_list") this.printPlan(event.item.items);
        break;
      case "item.completed":
        this.completed(event.item);
        break;
      case "turn.completed":
        this.usage = event.usage;
        break;
      case "turn.failed":
        this.flushMessage();
        this.print(red(`error: ${event.error.message}`));
        break;
      case "error":
        this.print(red(`error: ${event.message}`));
        break;
      case "background_event":
        this.print(yellow(event.message));
        break;
      case "turn.started":
        break;
    }
  }

  /** Ends the output: the last agent message on stdout, the token usage on stderr. */
  finish(succeeded: boolean): void {
    this.spinner?.halt();
    if (this.review && succeeded) {
      process.stdout.write(`${reviewText(this.review, this.workdir)}\n`);
      this.pendingMessage = undefined;
    }
    if (this.pendingMessage !== undefined) {
      if (succeeded) process.stdout.write(this.pendingMessage.endsWith("\n") ? this.pendingMessage : `${this.pendingMessage}\n`);
      else this.print(this.pendingMessage);
      this.pendingMessage = undefined;
    }
    if (this.usage) this.print(this.styles.dim(usageSummary(this.usage)));
  }

  private completed(item: ThreadItem): void {
    const { bold, dim, green, red, yellow, magenta, italic } = this.styles;
    // The plan completes after the final message (as upstream): it does not make that message intermediate.
    if (item.type !== "agent_message" && item.type !== "todo_list") this.flushMessage();
    switch (item.type) {
      case "agent_message":
        this.flushMessage();
        this.pendingMessage = item.text;
        break;
      case "reasoning":
        this.print(`${italic(magenta("thinking"))}\n${dim(italic(item.text))}`);
        break;
      case "command_execution": {
        this.spinner?.stop(item.id);
        const command = bold(displayCommand(item.command));
        const status =
          item.status === "completed"
            ? green(`✓ exit ${item.exit_code ?? 0}`)
            : item.status === "declined"
              ? yellow("✗ declined")
              : red(`✗ ${item.exit_code === undefined ? "failed" : `exit ${item.exit_code}`}`);
        const output = trimOutput(item.aggregated_output).map((line) => dim(`  ${line}`));
        this.print([`${magenta("exec")} ${command} ${status}`, ...output].join("\n"));
        break;
      }
      case "file_change": {
        const status = item.status === "completed" ? green("applied") : item.status === "declined" ? yellow("declined") : red("failed");
        const files = item.changes.map((change) => `  ${changeLetter(change.kind)} ${change.path}`);
        const patch = this.patches.shift();
        const diff = patch ? patchLines(patch).map((line) => this.colorPatchLine(line.kind, line.text)) : [];
        this.print([`${magenta("file update")} ${status}`, ...files, ...diff].join("\n"));
        break;
      }
      case "todo_list":
        this.printPlan(item.items);
        break;
      case "mcp_tool_call": {
        const status = item.status === "completed" ? green("✓") : red(`✗ ${item.error?.message ?? ""}`);
        this.print(`${magenta("tool")} ${bold(`${item.server}.${item.tool}`)} ${status}`);
        break;
      }
      case "web_search":
        this.print(`${magenta("web search")} ${item.query}`);
        break;
      case "error":
        this.print(red(`error: ${item.message}`));
        break;
    }
  }

  private printPlan(items: Array<{ text: string; completed: boolean }>): void {
    const key = JSON.stringify(items);
    if (key === this.lastPlan) return;
    this.lastPlan = key;
    const lines = planLines(items).map((line) => (line.completed ? this.styles.green(`  ${line.text}`) : `  ${line.text}`));
    this.print([this.styles.magenta("plan"), ...lines].join("\n"));
  }

  private flushMessage(): void {
    if (this.pendingMessage === undefined) return;
    this.print(`${this.styles.cyan("codex")}\n${this.pendingMessage}`);
    this.pendingMessage = undefined;
  }

  private colorPatchLine(kind: string, text: string): string {
    if (kind === "add") return this.styles.green(`  ${text}`);
    if (kind === "remove") return this.styles.red(`  ${text}`);
    if (kind === "file") return this.styles.bold(`  ${text}`);
    if (kind === "hunk") return this.styles.cyan(`  ${text}`);
    return this.styles.dim(`  ${text}`);
  }
}
