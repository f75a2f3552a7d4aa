import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { SandboxDeniedError, type SandboxDenialReason } from "../../src/errors.js";
import { assertWritable, resolvePathForWrite } from "../../src/sandbox/assert-writable.js";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";
import { fullAccess, makeLayout, readOnly, workspaceWrite } from "./command-harness.js";

const layout = makeLayout();
after(() => layout.cleanup());
const { workspace, outside, base } = layout;
symlinkSync(outside, path.join(workspace, "link-out"));
symlinkSync(path.join(workspace, "src"), path.join(workspace, "link-in"));
symlinkSync(path.join(outside, "target.txt"), path.join(workspace, "file-link-out"));

function denial(target: string, policy: SandboxPolicy, env: Record<string, string> = {}): SandboxDenialReason | undefined {
  try {
    assertWritable(target, policy, workspace, env);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof SandboxDeniedError, String(error));
    return error.reason;
  }
}

test("full access allows everything and read-only nothing", () => {
  assert.equal(denial(path.join(outside, "x"), fullAccess), undefined);
  assert.equal(denial(path.join(workspace, "x"), readOnly), "read-only");
});

test("workspace-write allows the roots and refuses everything else", () => {
  const policy = workspaceWrite();
  assert.equal(denial(path.join(workspace, "src", "new", "deep.txt"), policy), undefined);
  assert.equal(denial("relative/to/cwd.txt", policy), undefined);
  assert.equal(denial(path.join(outside, "x"), policy), "outside-writable-roots");
  assert.equal(denial(path.join(workspace, "..", "outside", "x"), policy), "outside-writable-roots");
});

test("symlinks are resolved like the kernel resolves them", () => {
  const policy = workspaceWrite();
  assert.equal(denial(path.join(workspace, "link-out", "x"), policy), "outside-writable-roots");
  assert.equal(denial(path.join(workspace, "link-in", "x"), policy), undefined);
  // `..` after a symlink goes to the parent of the link's target, not of the link.
  assert.equal(resolvePathForWrite(`${workspace}/link-out/../y`), path.join(base, "y"));
  assert.equal(denial(`${workspace}/link-out/../workspace/z`, policy), undefined);
  assert.equal(denial(`${workspace}/link-out/../escape.txt`, policy), "outside-writable-roots");
  assert.equal(denial("link-out/../escape.txt", policy), "outside-writable-roots");
  assert.equal(denial(path.join(workspace, "file-link-out"), policy), "outside-writable-roots");
  // Deleting or renaming the link itself stays inside the workspace.
  assert.doesNotThrow(() => assertWritable(path.join(workspace, "file-link-out"), policy, workspace, {}, { followFinalSymlink: false }));
});

test("the workspace's .git stays read-only, including through symlinks", () => {
  const policy = workspaceWrite();
  assert.equal(denial(path.join(workspace, ".git", "config"), policy), "protected-path");
  assert.equal(denial(path.join(workspace, ".git"), policy), "protected-path");
  symlinkSync(path.join(workspace, ".git"), path.join(workspace, "git-alias"));
  assert.equal(denial(path.join(workspace, "git-alias", "hooks", "pre-commit"), policy), "protected-path");
  // Like Codex, a .codex or .agents that does not exist yet is not protected.
  assert.equal(denial(path.join(workspace, ".codex", "config.toml"), policy), undefined);
  mkdirSync(path.join(workspace, ".agents"));
  assert.equal(denial(path.join(workspace, ".agents", "skill.md"), policy), "protected-path");
});

test("a .git pointer file protects the git directory it names", () => {
  const worktree = path.join(workspace, "worktree");
  const gitDirectory = path.join(workspace, "src", "gitdir-of-worktree");
  mkdirSync(worktree);
  mkdirSync(gitDirectory);
  writeFileSync(path.join(worktree, ".git"), "gitdir: ../src/gitdir-of-worktree\n");
  const policy = workspaceWrite({ writableRoots: [worktree] });
  assert.equal(denial(path.join(gitDirectory, "HEAD"), policy), "protected-path");
  assert.equal(denial(path.join(worktree, "file.txt"), policy), undefined);
});

test("extra roots, $TMPDIR and explicitly granted paths inside .git are writable", () => {
  const tmpdir = path.join(base, "tmpdir");
  mkdirSync(tmpdir);
  const hooks = path.join(workspace, ".git", "hooks");
  mkdirSync(hooks);
  const policy = workspaceWrite({ excludeTmpdirEnvVar: false, writableRoots: [outside, hooks] });
  assert.equal(denial(path.join(outside, "x"), policy), undefined);
  assert.equal(denial(path.join(tmpdir, "x"), policy, { TMPDIR: tmpdir }), undefined);
  assert.equal(denial(path.join(tmpdir, "x"), policy, { TMPDIR: "relative" }), "outside-writable-roots");
  assert.equal(denial(path.join(hooks, "pre-commit"), policy), undefined);
  assert.equal(denial(path.join(workspace, ".git", "config"), policy), "protected-path");
});
