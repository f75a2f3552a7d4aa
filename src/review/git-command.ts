/**
 * Runs the `git` binary for review mode with the engine's environment (so GIT_CEILING_DIRECTORIES
 * and the user's git config apply as they do for the session's git facts), without colours,
 * external diff drivers or quoted paths, and with a bound on time and output.
 */
import { execFile } from "node:child_process";
import { ReviewTargetError } from "./review-target-error.js";

/** Generous: a large repository's `git diff` may take a while, but a wedged one must not hang the call. */
const GIT_TIMEOUT_MS = 60_000;
const GIT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export type GitResult = { exitCode: number; stdout: string; stderr: string };

export type GitRunner = (args: string[]) => Promise<GitResult>;

/** A runner bound to `cwd` and `env`; it resolves with git's exit code and rejects only if git cannot run. */
export function gitRunner(cwd: string, env: Record<string, string | undefined>): GitRunner {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile(
        "git",
        ["-c", "core.quotePath=false", "-c", "color.ui=false", ...args],
        { cwd, env, encoding: "utf8", timeout: GIT_TIMEOUT_MS, maxBuffer: GIT_MAX_OUTPUT_BYTES, windowsHide: true },
        (error, stdout, stderr) => {
          if (!error) return resolve({ exitCode: 0, stdout, stderr });
          const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
          if (typeof code === "number") return resolve({ exitCode: code, stdout, stderr });
          reject(new ReviewTargetError("git_failed", `git ${args.join(" ")} could not run in ${cwd}: ${error.message}`, { cause: error }));
        },
      );
    });
}

/** Runs git and returns stdout; a non-zero exit becomes a ReviewTargetError with git's message. */
export async function gitOutput(git: GitRunner, args: string[]): Promise<string> {
  const result = await git(args);
  if (result.exitCode !== 0) {
    throw new ReviewTargetError("git_failed", `git ${args.join(" ")} failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}
