import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { collectGitInfo, findGitRoot } from "../../src/sessions/git-info.js";
import { readRollout } from "../../src/sessions/rollout-reader.js";
import { RolloutWriter } from "../../src/sessions/rollout-writer.js";
import { makeTempDir, removeTempDir, sampleMeta } from "./session-test-helpers.js";

let root: string;
let repository: string;
let headCommit: string;
/** git (ours and the code under test) never looks above the temp dir: a stray .git there must not matter. */
let env: Record<string, string | undefined>;

/** git with no user/system config, so the machine's settings cannot change the outcome. */
function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
  }).trim();
}

before(async () => {
  root = await makeTempDir("codex-git-");
  env = { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(root) };
  assert.equal(await findGitRoot(root, env), null, "the temp dir must not sit inside a repository");
  repository = path.join(root, "repo");
  await mkdir(path.join(repository, "src", "deep"), { recursive: true });
  git(repository, "init", "-q", "-b", "main");
  await writeFile(path.join(repository, "README.md"), "hello\n");
  git(repository, "add", "README.md");
  git(repository, "commit", "-q", "-m", "first");
  git(repository, "remote", "add", "origin", "https://example.com/acme/repo.git");
  headCommit = git(repository, "rev-parse", "HEAD");
});
after(async () => {
  await removeTempDir(root);
});

test("collectGitInfo reports commit, branch and origin, also from a subdirectory", async () => {
  const expected = { commit_hash: headCommit, branch: "main", repository_url: "https://example.com/acme/repo.git" };
  assert.match(headCommit, /^[0-9a-f]{40}$/);
  assert.deepEqual(await collectGitInfo(repository, env), expected);
  assert.deepEqual(await collectGitInfo(path.join(repository, "src", "deep"), env), expected);
});

test("collectGitInfo leaves out what git cannot answer", async () => {
  const fresh = path.join(root, "fresh");
  await mkdir(fresh);
  git(fresh, "init", "-q", "-b", "trunk");
  assert.deepEqual(await collectGitInfo(fresh, env), {}, "a repository without commits or remote");

  const detached = path.join(root, "detached");
  git(root, "clone", "-q", repository, detached);
  git(detached, "checkout", "-q", "--detach", "HEAD");
  const info = await collectGitInfo(detached, env);
  assert.equal(info?.commit_hash, headCommit);
  assert.equal(info?.branch, undefined, "detached HEAD is not a branch");
  assert.equal(info?.repository_url, repository);
});

test("collectGitInfo is null outside a repository and for a missing directory", async () => {
  const outside = path.join(root, "plain");
  await mkdir(outside);
  assert.equal(await collectGitInfo(outside, env), null);
  assert.equal(await collectGitInfo(path.join(root, "does-not-exist"), env), null);
});

test("collectGitInfo spawns no git where no repository can be, and still finds bare ones and GIT_DIR", async () => {
  // A stand-in `git` that records each call: outside any repository it must never run.
  const fakeBin = path.join(root, "fake-bin");
  const calls = path.join(root, "fake-git-calls");
  await mkdir(fakeBin, { recursive: true });
  await writeFile(path.join(fakeBin, "git"), `#!/bin/sh\necho "$@" >> '${calls}'\nexit 1\n`, { mode: 0o755 });
  const fakeEnv = { ...env, PATH: fakeBin };
  const outside = path.join(root, "no-repo", "deeper");
  await mkdir(outside, { recursive: true });
  assert.equal(await collectGitInfo(outside, fakeEnv), null);
  assert.equal(existsSync(calls), false, "no git process outside a repository");
  assert.equal(await collectGitInfo(repository, fakeEnv), null, "the stand-in git fails");
  assert.equal(existsSync(calls), true, "inside a repository git runs (the check above can fail)");

  const bare = path.join(root, "bare.git");
  git(root, "init", "-q", "--bare", bare);
  assert.notEqual(await collectGitInfo(bare, env), null, "a bare repository is a repository");
  assert.notEqual(await collectGitInfo(path.join(bare, "refs", "heads"), env), null, "so is a directory inside it");
  const viaGitDir = await collectGitInfo(outside, { ...env, GIT_DIR: path.join(repository, ".git") });
  assert.equal(viaGitDir?.commit_hash, headCommit, "GIT_DIR names the repository wherever cwd is");
});

test("findGitRoot stops below a GIT_CEILING_DIRECTORIES entry, as git does", async () => {
  const nested = path.join(repository, "src", "deep");
  assert.equal(await findGitRoot(nested, { GIT_CEILING_DIRECTORIES: path.join(repository, "src") }), null);
  assert.equal(await findGitRoot(nested, { GIT_CEILING_DIRECTORIES: `/nowhere${path.delimiter}${root}` }), repository);
});

test("findGitRoot walks up to a .git directory or a .git file", async () => {
  assert.equal(await findGitRoot(path.join(repository, "src", "deep"), env), repository);
  assert.equal(await findGitRoot(repository, env), repository);
  const worktreeLike = path.join(root, "worktree");
  await mkdir(path.join(worktreeLike, "nested"), { recursive: true });
  await writeFile(path.join(worktreeLike, ".git"), `gitdir: ${path.join(repository, ".git")}\n`);
  assert.equal(await findGitRoot(path.join(worktreeLike, "nested"), env), worktreeLike);
  assert.equal(await findGitRoot(path.join(root, "plain"), env), null);
});

test("a new rollout records the git state of its cwd unless told otherwise", async () => {
  const codexHome = path.join(root, "codex-home");
  const collected = await RolloutWriter.create({
    codexHome,
    threadId: randomUUID(),
    meta: { ...sampleMeta(path.join(repository, "src")), git: undefined },
    env,
  });
  await collected.close();
  assert.deepEqual((await readRollout(collected.path)).meta.git, {
    commit_hash: headCommit,
    branch: "main",
    repository_url: "https://example.com/acme/repo.git",
  });

  const omitted = await RolloutWriter.create({ codexHome, threadId: randomUUID(), meta: sampleMeta(repository), env });
  await omitted.close();
  assert.equal((await readRollout(omitted.path)).meta.git, undefined);
});
