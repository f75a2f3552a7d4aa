/**
 * `codex-native review --uncommitted | --base <branch> | --commit <sha> | [instructions]`: a code
 * review in Codex's review mode (`codex.reviewStreamed`); the findings and verdict go to stdout,
 * `--json` prints the events (with `entered_review_mode` / `exited_review_mode`).
 */
import type { ReviewTarget } from "../../review/review-types.js";
import { loadCliConfig } from "../config/load-cli-config.js";
import { ExitCode } from "../exit-codes.js";
import { helpText } from "../help-text.js";
import { readPrompt } from "../read-prompt.js";
import { runTurn } from "../run-turn.js";
import { parseCommandArgs, workingDirectoryOf } from "../turn-flags.js";
import { UsageError } from "../usage-error.js";

export async function reviewCommand(argv: string[]): Promise<number> {
  const { values: flags, positionals } = parseCommandArgs<{ uncommitted: boolean; base: string; commit: string; title: string }>("review", argv, {
    uncommitted: { type: "boolean" },
    base: { type: "string" },
    commit: { type: "string" },
    title: { type: "string" },
  });
  if (flags.help) {
    console.log(helpText.review);
    return ExitCode.ok;
  }
  if (flags["output-schema"]) throw new UsageError("--output-schema does not apply to review (it has its own output format)", "review");
  const chosen = [flags.uncommitted, flags.base !== undefined, flags.commit !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new UsageError("choose one of --uncommitted, --base <branch>, --commit <sha>", "review");
  let target: ReviewTarget;
  let description: string;
  if (flags.uncommitted) {
    target = { type: "current_changes" };
    description = "uncommitted changes";
  } else if (flags.base !== undefined) {
    target = { type: "branch", baseBranch: flags.base };
    description = `changes against ${flags.base}`;
  } else if (flags.commit !== undefined) {
    target = { type: "commit", sha: flags.commit, ...(flags.title ? { subject: flags.title } : {}) };
    description = `commit ${flags.commit}`;
  } else {
    if (positionals.length === 0 && process.stdin.isTTY) {
      throw new UsageError("review needs --uncommitted, --base <branch>, --commit <sha> or review instructions", "review");
    }
    const instructions = await readPrompt(positionals, "review", { required: true });
    target = { type: "custom", prompt: instructions };
    description = instructions;
  }
  if (chosen === 1 && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals.join(" ")}" with a review target flag`, "review");
  const cwd = workingDirectoryOf(flags);
  const config = await loadCliConfig(cwd, flags.plugin ?? []);
  return runTurn({
    command: "review",
    flags,
    config,
    cwd,
    input: description,
    promptText: `review ${description}`,
    openThread: () => {
      throw new Error("review runs through codex.reviewStreamed");
    },
    startStream: async (codex, threadOptions, signal) => {
      let threadId: string | null = null;
      const { events } = await codex.reviewStreamed({ target, threadOptions, turnOptions: { signal } });
      async function* tracked() {
        for await (const event of events) {
          if (event.type === "thread.started") threadId = event.thread_id;
          yield event;
        }
      }
      return { events: tracked(), threadId: () => threadId };
    },
  });
}
