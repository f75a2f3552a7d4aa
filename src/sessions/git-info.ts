/**
 * Git facts recorded in `session_meta.git`, gathered the way the CLI does (`core/src/git_info.rs`):
 * the `git` binary with a short timeout, and nothing at all when cwd is not inside a repository.
 */
import { execFile } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { GitInfo } from "./rollout-schema.js";

/** Same bound as the CLI: a huge or wedged repository must not stall session start. */
const GIT_COMMAND_TIMEOUT_MS = 5_000;

/** Runs `git <args>` in `cwd`; resolves to trimmed stdout on exit 0, else null. Never rejects. */
function runGit(args: string[], cwd: string, env: Record<string, string | undefined> | undefined): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      execFile(
        "git",
        args,
        { cwd, encoding: "utf8", timeout: GIT_COMMAND_TIMEOUT_MS, windowsHide: true, ...(env ? { env } : {}) },
        (error, stdout) => resolve(error ? null : stdout.trim()),
      );
    } catch {
      // execFile throws synchronously for some invalid options (e.g. a cwd with a NUL byte).
      resolve(null);
    }
  });
}

/**
 * Commit, branch and `origin` URL of the repository containing `cwd` (git runs with `env` when
 * given, so its GIT_CEILING_DIRECTORIES applies). Null outside a repository
 * or when git is unavailable. Fields git cannot answer (no commits yet, detached HEAD, no
 * origin) are left out, so an empty object means "a repository, but nothing to record".
 */
export async function collectGitInfo(cwd: string, env?: Record<string, string | undefined>): Promise<GitInfo | null> {
  if (!(await mayBeInRepository(cwd, env ?? process.env))) return null;
  if ((await runGit(["rev-parse", "--git-dir"], cwd, env)) === null) return null;
  const [commitHash, branch, repositoryUrl] = await Promise.all([
    runGit(["rev-parse", "HEAD"], cwd, env),
    runGit(["rev-parse", "--abbrev-ref", "HEAD"], cwd, env),
    runGit(["remote", "get-url", "origin"], cwd, env),
  ]);
  const info: GitInfo = {};
  if (commitHash) info.commit_hash = commitHash;
  // `--abbrev-ref` prints "HEAD" when detached; that is not a branch name.
  if (branch && branch !== "HEAD") info.branch = branch;
  if (repositoryUrl) info.repository_url = repositoryUrl;
  return info;
}

/**
 * The nearest directory at or above `cwd` that contains a `.git` entry (a directory, or the
 * file a worktree or submodule uses), or null. Needs no git binary, like the CLI's repo check.
 * Like git, it never walks up into a directory listed in `GIT_CEILING_DIRECTORIES` of `env`.
 */
export async function findGitRoot(cwd: string, env: Record<string, string | undefined> = process.env): Promise<string | null> {
  return walkUp(cwd, env, (directory) => exists(path.join(directory, ".git")));
}

/**
 * False only when git certainly finds no repository from `cwd`: no GIT_DIR in `env`, and neither
 * a `.git` entry nor a bare repository (HEAD, objects/, refs/) at or above `cwd`, up to the same
 * ceilings git respects. Spares spawning git for every session started outside a repository.
 */
async function mayBeInRepository(cwd: string, env: Record<string, string | undefined>): Promise<boolean> {
  if (env.GIT_DIR !== undefined) return true;
  const found = await walkUp(cwd, env, async (directory) => {
    if (await exists(path.join(directory, ".git"))) return true;
    const bare = await Promise.all(["HEAD", "objects", "refs"].map((name) => exists(path.join(directory, name))));
    return bare.every(Boolean);
  });
  return found !== null;
}

/** The nearest directory at or above `cwd` for which `matches` holds, never above a GIT_CEILING_DIRECTORIES entry. */
async function walkUp(cwd: string, env: Record<string, string | undefined>, matches: (directory: string) => Promise<boolean>): Promise<string | null> {
  const ceilings = new Set(
    (env.GIT_CEILING_DIRECTORIES ?? "")
      .split(path.delimiter)
      .filter((entry) => entry.length > 0 && path.isAbsolute(entry))
      .map((entry) => path.resolve(entry)),
  );
  let directory = path.resolve(cwd);
  for (;;) {
    if (await matches(directory)) return directory;
    const parent = path.dirname(directory);
    if (parent === directory || ceilings.has(parent)) return null;
    directory = parent;
  }
}

/** Whether `file` exists (an unreadable one counts as absent: git could not use it either). */
async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
