import assert from "node:assert/strict";
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  EMPTY_PATCH_REJECTED,
  PATCH_OUTSIDE_PROJECT_REJECTED,
} from "../../src/approvals/approval-messages.js";
import { type PatchSafety, type WritableRoot, assessPatchSafety, resolvePatchTargets, resolveWritableRoots } from "../../src/approvals/patch-safety.js";
import type { ApprovalMode } from "../../src/options/thread-options.js";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";

let base: string;
let project: string;
let extra: string;
let outside: string;
before(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), "patch-safety-")));
  project = path.join(base, "project");
  extra = path.join(base, "extra");
  outside = path.join(base, "outside");
  await mkdir(path.join(project, ".git"), { recursive: true });
  await mkdir(path.join(project, ".codex"), { recursive: true });
  await writeFile(path.join(project, ".agents"), "a file, not a directory\n");
  await mkdir(path.join(extra, "worktree"), { recursive: true });
  await writeFile(path.join(extra, "worktree", ".git"), "gitdir: ../real-git-dir\n");
  await mkdir(outside, { recursive: true });
});
after(async () => {
  await rm(base, { recursive: true, force: true });
});

const workspace = (writableRoots: string[] = []): SandboxPolicy => ({
  mode: "workspace-write",
  writableRoots,
  networkAccess: false,
  excludeTmpdirEnvVar: true,
  excludeSlashTmp: true,
});
const readOnly: SandboxPolicy = { mode: "read-only", networkAccess: false };
const fullAccess: SandboxPolicy = { mode: "danger-full-access", networkAccess: true };

async function assess(policy: ApprovalMode, sandbox: SandboxPolicy, changes: Array<{ path: string; movePath?: string }>): Promise<PatchSafety> {
  const writableRoots = await resolveWritableRoots(sandbox, project, {});
  return assessPatchSafety({ policy, sandbox, cwd: project, changes, writableRoots });
}

describe("assessPatchSafety", () => {
  test("an empty patch is rejected under every policy", async () => {
    for (const policy of ["never", "on-request", "on-failure", "untrusted"] as const) {
      assert.deepEqual(await assess(policy, workspace(), []), { outcome: "reject", message: EMPTY_PATCH_REJECTED });
    }
  });

  test("policy × location matrix", async () => {
    const inside = [{ path: path.join(project, "src/a.ts") }];
    const outsideWrite = [{ path: path.join(outside, "a.ts") }];
    const moveOut = [{ path: path.join(project, "a.ts"), movePath: path.join(outside, "a.ts") }];
    const auto = { outcome: "auto", sandboxed: true };
    const ask = { outcome: "ask" };
    const rejected = { outcome: "reject", message: PATCH_OUTSIDE_PROJECT_REJECTED };
    const table: Array<[ApprovalMode, SandboxPolicy, typeof inside, unknown]> = [
      ["on-request", workspace(), inside, auto],
      ["on-failure", workspace(), inside, auto],
      ["never", workspace(), inside, auto],
      ["untrusted", workspace(), inside, ask],
      ["on-request", workspace(), outsideWrite, ask],
      ["on-failure", workspace(), outsideWrite, ask],
      ["never", workspace(), outsideWrite, rejected],
      ["untrusted", workspace(), outsideWrite, ask],
      ["on-request", workspace(), moveOut, ask],
      ["never", workspace(), moveOut, rejected],
      ["on-request", readOnly, inside, ask],
      ["never", readOnly, inside, rejected],
      ["on-request", fullAccess, outsideWrite, { outcome: "auto", sandboxed: false }],
      ["never", fullAccess, outsideWrite, { outcome: "auto", sandboxed: false }],
      ["untrusted", fullAccess, inside, ask],
    ];
    for (const [policy, sandbox, changes, expected] of table) {
      assert.deepEqual(await assess(policy, sandbox, changes), expected, `${policy} ${sandbox.mode} ${JSON.stringify(changes)}`);
    }
  });

  test("extra writable roots count as inside", async () => {
    const changes = [{ path: path.join(extra, "notes.md") }];
    assert.deepEqual(await assess("on-request", workspace([extra]), changes), { outcome: "auto", sandboxed: true });
    assert.deepEqual(await assess("on-request", workspace(), changes), { outcome: "ask" });
  });

  test("writes under .git and .codex are not auto-approved; relative paths and .. are resolved", async () => {
    assert.deepEqual(await assess("on-request", workspace(), [{ path: path.join(project, ".git/hooks/pre-commit") }]), { outcome: "ask" });
    assert.deepEqual(await assess("on-request", workspace(), [{ path: path.join(project, ".codex/config.toml") }]), { outcome: "ask" });
    assert.deepEqual(await assess("on-request", workspace(), [{ path: "src/../../outside/x" }]), { outcome: "ask" });
    assert.deepEqual(await assess("on-request", workspace(), [{ path: "src/./x.ts" }]), { outcome: "auto", sandboxed: true });
    // `.agents` is protected even as a file (the sandbox keeps it read-only whatever it is).
    assert.deepEqual(await assess("on-request", workspace(), [{ path: path.join(project, ".agents") }]), { outcome: "ask" });
    // A sibling whose name starts like the root is outside it.
    assert.deepEqual(await assess("on-request", workspace(), [{ path: `${project}-other/x` }]), { outcome: "ask" });
  });

  test("judges real paths: a symlink to outside is outside, a symlink into the roots is inside", async () => {
    await mkdir(path.join(project, "src"), { recursive: true });
    await symlink(outside, path.join(project, "link-out"));
    await symlink(path.join(project, "src"), path.join(extra, "link-in"));
    const writableRoots = await resolveWritableRoots(workspace(), project, {});
    const judge = async (target: string) =>
      assessPatchSafety({ policy: "on-request", sandbox: workspace(), cwd: project, changes: await resolvePatchTargets([{ path: target }]), writableRoots });
    assert.deepEqual(await judge(path.join(project, "link-out/x.txt")), { outcome: "ask" });
    assert.deepEqual(await judge(path.join(extra, "link-in/new/x.txt")), { outcome: "auto", sandboxed: true });
    // Deleting the link itself stays inside.
    const [deleted] = await resolvePatchTargets([{ path: path.join(project, "link-out"), kind: "delete" }]);
    assert.equal(deleted?.path, path.join(project, "link-out"));
  });

  test(".git, .codex, .agents are protected whether or not they exist, and CODEX_HOME wherever it lies", async () => {
    const home = path.join(project, "home-of-codex");
    const writableRoots = await resolveWritableRoots(workspace([extra]), project, {}, home);
    const judge = (target: string) => assessPatchSafety({ policy: "never", sandbox: workspace([extra]), cwd: project, changes: [{ path: target }], writableRoots });
    for (const target of [path.join(extra, ".codex/config.toml"), path.join(extra, ".git/hooks/pre-commit"), path.join(extra, ".agents/x"), path.join(home, "config.toml")]) {
      assert.deepEqual(judge(target), { outcome: "reject", message: PATCH_OUTSIDE_PROJECT_REJECTED }, target);
    }
    assert.deepEqual(judge(path.join(extra, "codex/config.toml")), { outcome: "auto", sandboxed: true });
  });
});

describe("resolveWritableRoots", () => {
  test("lists cwd and extra roots with their read-only parts, including a gitdir pointer's target", async () => {
    const roots = await resolveWritableRoots(workspace([extra, path.join(extra, "worktree")]), project, {});
    const expected: WritableRoot[] = [
      { root: project, readOnlySubpaths: [".git", ".codex", ".agents"].map((name) => path.join(project, name)) },
      { root: extra, readOnlySubpaths: [".git", ".codex", ".agents"].map((name) => path.join(extra, name)) },
      {
        root: path.join(extra, "worktree"),
        readOnlySubpaths: [...[".git", ".codex", ".agents"].map((name) => path.join(extra, "worktree", name)), path.join(extra, "real-git-dir")],
      },
    ];
    assert.deepEqual(roots, expected);
  });

  test("adds $TMPDIR unless excluded, and nothing for other sandbox modes", async () => {
    const sandbox: SandboxPolicy = { ...workspace(), excludeTmpdirEnvVar: false } as SandboxPolicy;
    const roots = await resolveWritableRoots(sandbox, project, { TMPDIR: outside });
    assert.deepEqual(roots.map((root) => root.root), [project, outside]);
    assert.deepEqual(await resolveWritableRoots(readOnly, project, {}), []);
    assert.deepEqual(await resolveWritableRoots(fullAccess, project, {}), []);
  });
});
