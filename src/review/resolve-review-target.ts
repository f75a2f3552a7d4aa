/**
 * Turns a review target into the review turn's prompt: Codex's request sentence for the target
 * (`core/src/review_prompts.rs` wording), the label shown for it, the target as Codex records it,
 * and the diff gathered with git. Codex leaves running `git diff` to the model; we gather the diff
 * ourselves so the model starts from exactly the changes under review and a target that does not
 * resolve fails here, before any request.
 */
import { gitOutput, type GitRunner } from "./git-command.js";
import { ReviewTargetError } from "./review-target-error.js";
import type { CodexReviewTarget, ReviewTarget } from "./review-types.js";

/** Beyond this the diff is cut (the model can still run git itself); keeps the request within a context window. */
export const MAX_DIFF_CHARS = 400_000;

export type ResolvedReview = {
  /** The user message of the review turn. */
  prompt: string;
  /** The short label Codex calls `user_facing_hint`. */
  hint: string;
  target: CodexReviewTarget;
  /** The unified diff under review (empty for custom reviews). */
  diff: string;
};

export async function resolveReviewTarget(target: ReviewTarget, git: GitRunner): Promise<ResolvedReview> {
  switch (target.type) {
    case "custom": {
      const prompt = target.prompt.trim();
      return { prompt, hint: target.hint?.trim() || prompt, target: { type: "custom", instructions: prompt }, diff: "" };
    }
    case "current_changes": {
      await requireRepository(git);
      const diff = await currentChanges(git);
      if (diff.trim().length === 0) throw new ReviewTargetError("no_changes", "Nothing to review: there are no staged, unstaged or untracked changes");
      const request = "Review the current code changes (staged, unstaged, and untracked files) and provide prioritized findings.";
      return withDiff(request, "current changes", { type: "uncommittedChanges" }, diff, "`git diff HEAD` plus the untracked files");
    }
    case "branch": {
      await requireRepository(git);
      const base = target.baseBranch;
      if ((await git(["rev-parse", "--verify", "--quiet", `${base}^{commit}`])).exitCode !== 0) {
        throw new ReviewTargetError("unknown_branch", `Cannot review against "${base}": no such branch or ref in this repository`);
      }
      // Codex compares against the base's upstream when it has one (what a merge would bring in).
      const upstream = await git(["rev-parse", "--abbrev-ref", "--symbolic-full-name", `${base}@{upstream}`]);
      const compareWith = upstream.exitCode === 0 && upstream.stdout.trim() ? upstream.stdout.trim() : base;
      const mergeBase = (await gitOutput(git, ["merge-base", "HEAD", compareWith])).trim();
      const diff = await gitOutput(git, ["diff", "--no-ext-diff", "--no-color", mergeBase]);
      if (diff.trim().length === 0) throw new ReviewTargetError("no_changes", `Nothing to review: no changes against "${base}" (merge base ${mergeBase.slice(0, 7)})`);
      const request =
        `Review the code changes against the base branch '${base}'. The merge base commit for this comparison is ${mergeBase}. ` +
        `The diff below is \`git diff ${mergeBase}\`, the changes relative to ${base}. Provide prioritized, actionable findings.`;
      return withDiff(request, `changes against '${base}'`, { type: "baseBranch", branch: base }, diff, `\`git diff ${mergeBase}\``);
    }
    case "commit": {
      await requireRepository(git);
      const resolved = await git(["rev-parse", "--verify", "--quiet", `${target.sha}^{commit}`]);
      if (resolved.exitCode !== 0) throw new ReviewTargetError("unknown_commit", `Cannot review commit "${target.sha}": no such commit in this repository`);
      const sha = resolved.stdout.trim();
      const diff = await gitOutput(git, ["show", "--no-ext-diff", "--no-color", "--format=commit %H%nAuthor: %an <%ae>%n%n%B", sha]);
      const subject = target.subject?.trim();
      const request = subject
        ? `Review the code changes introduced by commit ${sha} ("${subject}"). Provide prioritized, actionable findings.`
        : `Review the code changes introduced by commit ${sha}. Provide prioritized, actionable findings.`;
      const hint = subject ? `commit ${sha.slice(0, 7)}: ${subject}` : `commit ${sha.slice(0, 7)}`;
      return withDiff(request, hint, { type: "commit", sha, title: subject ?? null }, diff, `\`git show ${sha}\``);
    }
  }
}

function withDiff(request: string, hint: string, target: CodexReviewTarget, fullDiff: string, source: string): ResolvedReview {
  const truncated = fullDiff.length > MAX_DIFF_CHARS;
  const diff = truncated ? fullDiff.slice(0, MAX_DIFF_CHARS) : fullDiff;
  const note = truncated ? `\n[diff truncated after ${MAX_DIFF_CHARS} of ${fullDiff.length} characters; run git yourself to read the rest]` : "";
  const prompt = `${request}\n\nThe changes under review (${source}):\n<diff>\n${diff}${diff.endsWith("\n") ? "" : "\n"}</diff>${note}`;
  return { prompt, hint, target, diff };
}

async function requireRepository(git: GitRunner): Promise<void> {
  const inside = await git(["rev-parse", "--is-inside-work-tree"]);
  if (inside.exitCode !== 0 || inside.stdout.trim() !== "true") {
    throw new ReviewTargetError("not_a_git_repository", "Cannot review: the working directory is not inside a git work tree");
  }
}

/** Staged and unstaged changes of tracked files against HEAD, then each untracked file as an added file. */
async function currentChanges(git: GitRunner): Promise<string> {
  const hasHead = (await git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])).exitCode === 0;
  // Without a first commit, the staged files are the tracked changes (diff of the index against nothing).
  const tracked = hasHead
    ? await gitOutput(git, ["diff", "--no-ext-diff", "--no-color", "HEAD", "--"])
    : (await gitOutput(git, ["diff", "--no-ext-diff", "--no-color", "--cached", "--"])) + (await gitOutput(git, ["diff", "--no-ext-diff", "--no-color", "--"]));
  const untrackedList = await gitOutput(git, ["ls-files", "--others", "--exclude-standard", "-z"]);
  const parts = [tracked];
  for (const file of untrackedList.split("\0").filter((name) => name.length > 0)) {
    // `git diff --no-index` exits 1 when the files differ, which is the point here.
    const added = await git(["diff", "--no-ext-diff", "--no-color", "--no-index", "--", "/dev/null", file]);
    if (added.exitCode > 1) throw new ReviewTargetError("git_failed", `git could not diff untracked file ${file}: ${added.stderr.trim()}`);
    parts.push(added.stdout);
  }
  return parts.join("");
}
