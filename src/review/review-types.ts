/**
 * Public shapes of `codex.review()`: what to review (the seed's preset targets), the structured
 * review the model returns (Codex's `ReviewOutputEvent`, snake_case as Codex writes it), and the
 * events that frame a review turn (`entered_review_mode` / `exited_review_mode`).
 */
import type { ThreadOptions } from "../options/thread-options.js";
import type { TurnOptions } from "../options/turn-options.js";
import type { ThreadEvent } from "../protocol/events.js";
import type { Turn } from "../thread.js";

/** Review everything not committed yet: staged, unstaged and untracked changes. */
export type CurrentChangesReview = { type: "current_changes" };

/** Review the current branch against `baseBranch`: the diff from their merge base to the working tree. */
export type BranchReview = { type: "branch"; baseBranch: string };

/** Review the changes one commit introduced; `subject` (its title) is shown to the model if given. */
export type CommitReview = { type: "commit"; sha: string; subject?: string };

/** Review with your own instructions; `hint` is the short label shown for the review. */
export type CustomReview = { type: "custom"; prompt: string; hint?: string };

/** What `codex.review()` reviews. */
export type ReviewTarget = CurrentChangesReview | BranchReview | CommitReview | CustomReview;

/** Arguments of `codex.review()` / `codex.reviewStreamed()`. */
export type ReviewInvocationOptions = {
  target: ReviewTarget;
  /** Options of the review thread (working directory, model, sandbox…). `review_model` of config.toml applies when `model` is not set. */
  threadOptions?: ThreadOptions;
  /** Options of the review turn (abort signal). `outputSchema` is not allowed: the review has its own output format. */
  turnOptions?: TurnOptions;
};

/** One problem the reviewer found. */
export type ReviewFinding = {
  /** Short imperative title (Codex's prompt asks for at most 80 characters, prefixed with `[P0]`…`[P3]`). */
  title: string;
  /** Markdown explaining why it is a problem. */
  body: string;
  /** The reviewer's confidence that this is a real problem, 0.0 to 1.0. */
  confidence_score: number;
  /** 0 (drop everything) to 3 (nice to have); null when the reviewer gave none. */
  priority: number | null;
  /** Where the problem is. */
  code_location: {
    absolute_file_path: string;
    line_range: { start: number; end: number };
  };
};

/** The reviewer's structured answer. */
export type ReviewOutputEvent = {
  findings: ReviewFinding[];
  /** The verdict: "patch is correct" or "patch is incorrect" (Codex's two values; other text is kept as given). */
  overall_correctness: string;
  overall_explanation: string;
  overall_confidence_score: number;
};

/** The review target as Codex records it in `entered_review_mode` (camelCase variant names). */
export type CodexReviewTarget =
  | { type: "uncommittedChanges" }
  | { type: "baseBranch"; branch: string }
  | { type: "commit"; sha: string; title: string | null }
  | { type: "custom"; instructions: string };

/** A review turn began (after `thread.started`, before `turn.started`). */
export type EnteredReviewModeEvent = { type: "entered_review_mode"; target: CodexReviewTarget; user_facing_hint: string };

/**
 * The review turn ended: `review_output` is the parsed review, null when the turn did not
 * complete. Comes before `turn.completed`.
 */
export type ExitedReviewModeEvent = { type: "exited_review_mode"; review_output: ReviewOutputEvent | null };

/** Every event `codex.reviewStreamed()` yields: a thread's events plus the two review-mode events. */
export type ReviewEvent = ThreadEvent | EnteredReviewModeEvent | ExitedReviewModeEvent;

/** The result of `codex.review()`: the usual turn result plus the parsed review. */
export type ReviewResult = Turn & {
  /** The structured review; its findings are also available as SARIF with `reviewToSarif()`. */
  review: ReviewOutputEvent;
  /** The review thread: resume it with `codex.resumeThread(threadId)` to ask for fixes. */
  threadId: string;
};

/** The result of `codex.reviewStreamed()`. */
export type ReviewStreamedResult = { events: AsyncGenerator<ReviewEvent> };
