import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { SandboxUnavailableError } from "../../src/errors.js";
import { isSandboxSupported } from "../../src/exec/sandboxed-command-runner.js";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";
import { ApplyPatchError, applyPatch, sandboxedPatchFileSystem } from "../../src/tools/builtin/apply-patch/index.js";

// In CI a missing sandbox fails these tests instead of skipping them.
const skip = isSandboxSupported() || process.env.CI === "true" ? false : "the sandbox is unavailable here";
let base: string;
let workspace: string;
let outside: string;
before(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), "sandboxed-fs-")));
  workspace = path.join(base, "workspace");
  outside = path.join(base, "outside");
  await Promise.all([mkdir(workspace), mkdir(outside)]);
});
after(() => rm(base, { recursive: true, force: true }));

const workspaceOnly: SandboxPolicy = { mode: "workspace-write", writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: true, excludeSlashTmp: true };
const confined = (sandbox: SandboxPolicy = workspaceOnly) => sandboxedPatchFileSystem({ sandbox, sandboxCwd: workspace, env: {} });
const wrap = (...lines: string[]) => ["*** Begin Patch", ...lines, "*** End Patch"].join("\n");

test("writes, deletes and creates directories inside the writable roots", { skip }, async () => {
  await writeFile(path.join(workspace, "old.txt"), "old\n");
  const result = await applyPatch(wrap("*** Add File: a/b/new.txt", "+new", "*** Delete File: old.txt"), { cwd: workspace, fileSystem: confined() });
  assert.match(result.output, /A a\/b\/new\.txt\nD old\.txt/);
  assert.equal(await readFile(path.join(workspace, "a/b/new.txt"), "utf8"), "new\n");
  assert.deepEqual((await readdir(workspace)).sort(), ["a"]);
});

test("a path that leads outside through a symlink is refused by the kernel and the patch rolled back", { skip }, async () => {
  await writeFile(path.join(workspace, "kept.txt"), "kept\n");
  await symlink(outside, path.join(workspace, "escape"));
  await assert.rejects(
    applyPatch(wrap("*** Update File: kept.txt", "@@", "-kept", "+changed", "*** Add File: escape/pwned.txt", "+x"), { cwd: workspace, fileSystem: confined() }),
    (error: unknown) => error instanceof ApplyPatchError && error.message === `Failed to write file ${path.join(workspace, "escape/pwned.txt")}` && ["EACCES", "EPERM", "EROFS"].includes((error.cause as NodeJS.ErrnoException).code ?? ""),
  );
  assert.equal(await readFile(path.join(workspace, "kept.txt"), "utf8"), "kept\n");
  assert.deepEqual(await readdir(outside), []);
});

test("read-only refuses every write; a file changed since planning is not overwritten", { skip }, async () => {
  await assert.rejects(applyPatch(wrap("*** Add File: ro.txt", "+x"), { cwd: workspace, fileSystem: confined({ mode: "read-only", networkAccess: false }) }), ApplyPatchError);
  await assert.rejects(readFile(path.join(workspace, "ro.txt")), { code: "ENOENT" });
  const fileSystem = confined();
  const racing = { ...fileSystem, applySteps: async (steps: Parameters<NonNullable<typeof fileSystem.applySteps>>[0]) => {
    await writeFile(path.join(workspace, "raced.txt"), "someone else\n");
    return fileSystem.applySteps!(steps);
  } };
  await assert.rejects(applyPatch(wrap("*** Add File: raced.txt", "+mine"), { cwd: workspace, fileSystem: racing }), /Failed to write file/);
  assert.equal(await readFile(path.join(workspace, "raced.txt"), "utf8"), "someone else\n");
});

test("a missing helper is a SandboxUnavailableError, never an unconfined write", async () => {
  const fileSystem = sandboxedPatchFileSystem({ sandbox: workspaceOnly, sandboxCwd: workspace, env: {}, helperPath: path.join(base, "no-such-helper") });
  await assert.rejects(applyPatch(wrap("*** Add File: nohelper.txt", "+x"), { cwd: workspace, fileSystem }), SandboxUnavailableError);
  await assert.rejects(readFile(path.join(workspace, "nohelper.txt")), { code: "ENOENT" });
});
