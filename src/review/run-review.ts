/**
 * Review mode: resolves the target with git (failing before any request), then runs one turn on a
 * new thread the way Codex's review mode does: the reviewer's instructions instead of the base
 * instructions, the `x-openai-subagent: review` header, no web search, the `entered_review_mode` /
 * `exited_review_mode` session lines and events, the reviewer's JSON read as a typed review, and
 * the review kept in the conversation so a follow-up turn on the thread can act on it.
 */
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";
import type { ThreadOptions } from "../options/thread-options.js";
import type { Usage } from "../protocol/events.js";
import type { ThreadItem } from "../protocol/items.js";
import { streamShapedTurn, type Thread, type TurnShaping } from "../thread.js";
import { gitRunner } from "./git-command.js";
import { resolveReviewTarget } from "./resolve-review-target.js";
import { reviewInstructions } from "./review-instructions.js";
import { parseReviewOutput, renderReviewText, reviewResultsMessage } from "./review-output.js";
import { ReviewTargetError } from "./review-target-error.js";
import type { EnteredReviewModeEvent, ExitedReviewModeEvent, ReviewEvent, ReviewInvocationOptions, ReviewResult, ReviewTarget } from "./review-types.js";

/** What review mode needs from the `Codex` instance. */
export type ReviewHost = {
  startThread(options: ThreadOptions): Thread;
  env: Record<string, string | undefined>;
  /** `review_model` of the config, used when the thread options name no model. */
  reviewModel: string | undefined;
};

/** The review turn's events; problems of the target are thrown by the iteration, before any request. */
export async function* streamReview(host: ReviewHost, options: ReviewInvocationOptions, throwOnFailure: boolean): AsyncGenerator<ReviewEvent> {
  const target = checkTarget(options?.target);
  const turnOptions = options.turnOptions ?? {};
  if (turnOptions.outputSchema !== undefined) {
    throw new InvalidArgumentError("review() does not take turnOptions.outputSchema: the review has its own output format (ReviewOutputEvent)");
  }
  const threadOptions: ThreadOptions = { ...options.threadOptions, webSearchMode: "disabled" };
  if (threadOptions.model === undefined && host.reviewModel !== undefined) threadOptions.model = host.reviewModel;
  const cwd = path.resolve(threadOptions.workingDirectory ?? process.cwd());
  const resolved = await resolveReviewTarget(target, gitRunner(cwd, host.env));
  const thread = host.startThread(threadOptions);
  let exited: ExitedReviewModeEvent | undefined;
  const shaping: TurnShaping = {
    requestOverrides: () => ({ instructions: reviewInstructions }),
    extraHeaders: { "x-openai-subagent": "review" },
    async startTurn({ recorder, emit }) {
      const entered: EnteredReviewModeEvent = { type: "entered_review_mode", target: resolved.target, user_facing_hint: resolved.hint };
      await recorder.recordEvent({ ...entered });
      emit(entered as never);
    },
    async finishTurn({ finalResponse, history, recorder, emit }) {
      const review = parseReviewOutput(finalResponse);
      // As Codex leaves it in the conversation: the results as the user's action, the rendered review as the answer.
      const results = { type: "message" as const, role: "user" as const, content: [{ type: "input_text" as const, text: reviewResultsMessage(review) }] };
      const answer = { type: "message" as const, role: "assistant" as const, content: [{ type: "output_text" as const, text: renderReviewText(review) }] };
      exited = { type: "exited_review_mode", review_output: review };
      await recorder.record([{ item: results }]);
      await recorder.recordEvent({ ...exited });
      await recorder.record([{ item: answer }]);
      history.push(results, answer);
      emit(exited as never);
    },
  };
  for await (const event of streamShapedTurn(thread, resolved.prompt, turnOptions, shaping, throwOnFailure)) {
    // A failed review turn still leaves review mode, without output (Codex's interrupted review).
    if (event.type === "turn.failed" && !exited) yield { type: "exited_review_mode", review_output: null };
    yield event;
  }
}

/** Runs the review to completion: the turn's items and usage plus the parsed review. */
export async function runReview(host: ReviewHost, options: ReviewInvocationOptions): Promise<ReviewResult> {
  const items: ThreadItem[] = [];
  let finalResponse = "";
  let usage: Usage | null = null;
  let threadId = "";
  let review: ExitedReviewModeEvent["review_output"] = null;
  for await (const event of streamReview(host, options, true)) {
    if (event.type === "thread.started") threadId = event.thread_id;
    else if (event.type === "exited_review_mode") review = event.review_output;
    else if (event.type === "turn.completed") usage = event.usage;
    else if (event.type === "item.completed") {
      items.push(event.item);
      if (event.item.type === "agent_message") finalResponse = event.item.text;
    }
  }
  // A completed turn always went through finishTurn, which parsed (or kept as text) the review.
  if (!review) throw new ReviewTargetError("invalid_target", "The review turn ended without leaving review mode");
  return { items, finalResponse, usage, review, threadId };
}

/** The target, checked by hand so a bad one fails with a message that names the field. */
function checkTarget(target: unknown): ReviewTarget {
  if (typeof target !== "object" || target === null) {
    throw new ReviewTargetError("invalid_target", "review() needs options.target: {type: \"current_changes\" | \"branch\" | \"commit\" | \"custom\", …}");
  }
  const candidate = target as Record<string, unknown>;
  const text = (field: string) => typeof candidate[field] === "string" && (candidate[field] as string).trim().length > 0;
  const optionalText = (field: string) => candidate[field] === undefined || typeof candidate[field] === "string";
  switch (candidate.type) {
    case "current_changes":
      return { type: "current_changes" };
    case "branch":
      if (!text("baseBranch")) throw new ReviewTargetError("invalid_target", "A branch review needs target.baseBranch (a non-empty branch name)");
      if ((candidate.baseBranch as string).startsWith("-")) throw new ReviewTargetError("invalid_target", `"${candidate.baseBranch}" is not a branch name`);
      return { type: "branch", baseBranch: (candidate.baseBranch as string).trim() };
    case "commit":
      if (!text("sha") || !/^[0-9a-zA-Z][\w./~^@{}-]*$/.test((candidate.sha as string).trim())) {
        throw new ReviewTargetError("invalid_target", "A commit review needs target.sha (a commit hash or revision)");
      }
      if (!optionalText("subject")) throw new ReviewTargetError("invalid_target", "target.subject must be a string");
      return { type: "commit", sha: (candidate.sha as string).trim(), ...(candidate.subject !== undefined ? { subject: candidate.subject as string } : {}) };
    case "custom":
      if (!text("prompt")) throw new ReviewTargetError("invalid_target", "A custom review needs target.prompt (non-empty instructions)");
      if (!optionalText("hint")) throw new ReviewTargetError("invalid_target", "target.hint must be a string");
      return { type: "custom", prompt: candidate.prompt as string, ...(candidate.hint !== undefined ? { hint: candidate.hint as string } : {}) };
    default:
      throw new ReviewTargetError("invalid_target", `Unknown review target type ${JSON.stringify(candidate.type)}: use current_changes, branch, commit or custom`);
  }
}
