import { CodexError } from "../errors.js";

/** Why a review target could not be resolved. */
export type ReviewTargetErrorReason = "not_a_git_repository" | "unknown_branch" | "unknown_commit" | "no_changes" | "invalid_target" | "git_failed";

/**
 * `codex.review()` could not resolve its target (not a git repository, unknown branch or commit,
 * nothing to review, a malformed target). Thrown before any request reaches the model.
 */
export class ReviewTargetError extends CodexError {
  /** Machine-readable reason. */
  readonly reason: ReviewTargetErrorReason;

  /** `reason` says which resolution step failed; `message` explains it for people. */
  constructor(reason: ReviewTargetErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
