/**
 * Attempts to change files the policy protects: outside the writable roots, the workspace's
 * `.git`, and anything at all in read-only mode.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { readOnly, workspaceWrite } from "../sandbox/command-harness.js";
import { attempt, contentOf, describeResult, type EscapeContext, shell } from "./escape-harness.js";

export function registerFilesystemAttempts(context: EscapeContext): void {
  const { workspace, outside } = context.layout;
  const target = path.join(outside, "target.txt");
  const gitConfig = path.join(workspace, ".git", "config");
  const writable = workspaceWrite();
  const targetUnchanged = () => contentOf(target) === "outside";
  const gitConfigUnchanged = () => contentOf(gitConfig) === "original";

  attempt(context, "workspace-write: create a file outside the writable roots", async () => {
    const result = await shell(context, writable, 'echo pwned > "$OUTSIDE/escape-new"');
    return { blocked: !existsSync(path.join(outside, "escape-new")), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: overwrite a file outside the writable roots", async () => {
    const result = await shell(context, writable, 'echo pwned > "$OUTSIDE/target.txt"');
    return { blocked: targetUnchanged(), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: delete a file outside the writable roots", async () => {
    const result = await shell(context, writable, 'rm -f "$OUTSIDE/target.txt"');
    return { blocked: targetUnchanged(), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: truncate a file outside the writable roots", async () => {
    const result = await shell(context, writable, 'truncate -s 0 "$OUTSIDE/target.txt"');
    return { blocked: targetUnchanged(), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: change mode and times of a file outside the roots", async () => {
    const before = statSync(target);
    const result = await shell(context, writable, 'chmod 777 "$OUTSIDE/target.txt"; touch -d 2001-01-01 "$OUTSIDE/target.txt"');
    const after = statSync(target);
    return { blocked: after.mode === before.mode && after.mtimeMs === before.mtimeMs, detail: describeResult(result) };
  });

  attempt(context, "workspace-write: write .git/config inside the workspace", async () => {
    const result = await shell(context, writable, "echo pwned >> .git/config");
    return { blocked: gitConfigUnchanged(), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: rename .git away and recreate it", async () => {
    const result = await shell(context, writable, "mv .git git-old && mkdir .git && echo pwned > .git/config");
    return { blocked: gitConfigUnchanged() && !existsSync(path.join(workspace, "git-old")), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: unmount the read-only .git mount, then write it", async () => {
    const result = await shell(context, writable, "umount -l .git; umount .git; echo pwned >> .git/config");
    return { blocked: gitConfigUnchanged(), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: remount .git writable from a new user namespace", async () => {
    const script = "unshare -Urm sh -c 'umount -l .git; mount -o remount,bind,rw .git; echo pwned >> .git/config'";
    const result = await shell(context, writable, script);
    return { blocked: gitConfigUnchanged(), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: create a file through a symlink pointing outside", async () => {
    const result = await shell(context, writable, 'ln -s "$OUTSIDE" link-out && echo pwned > link-out/via-symlink');
    return { blocked: !existsSync(path.join(outside, "via-symlink")), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: rename a file through a symlink pointing outside", async () => {
    const script = 'echo pwned > to-move.txt && ln -s "$OUTSIDE" link-rename && mv to-move.txt link-rename/renamed.txt';
    const result = await shell(context, writable, script);
    return { blocked: !existsSync(path.join(outside, "renamed.txt")), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: hard link a file from outside, then write the link", async () => {
    const result = await shell(context, writable, 'ln "$OUTSIDE/target.txt" hard-link; echo pwned >> hard-link');
    return { blocked: targetUnchanged(), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: reopen a read-only descriptor for writing via /proc/self/fd", async () => {
    const result = await shell(context, writable, 'exec 3< "$OUTSIDE/target.txt"; echo pwned > /proc/self/fd/3');
    return { blocked: targetUnchanged(), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: write outside through /proc/self/root", async () => {
    const result = await shell(context, writable, 'echo pwned > "/proc/self/root$OUTSIDE/via-proc-root"');
    return { blocked: !existsSync(path.join(outside, "via-proc-root")), detail: describeResult(result) };
  });

  attempt(context, "read-only: create a file in the workspace", async () => {
    const result = await shell(context, readOnly, "echo pwned > read-only-escape.txt; mkdir read-only-dir");
    const created = existsSync(path.join(workspace, "read-only-escape.txt")) || existsSync(path.join(workspace, "read-only-dir"));
    return { blocked: !created, detail: describeResult(result) };
  });

  attempt(context, "read-only: change the mode of a workspace file", async () => {
    const before = statSync(gitConfig).mode;
    const result = await shell(context, readOnly, "chmod 777 .git/config");
    return { blocked: statSync(gitConfig).mode === before, detail: describeResult(result) };
  });

  attempt(context, "read-only: overwrite a file outside the workspace", async () => {
    const result = await shell(context, readOnly, 'echo pwned > "$OUTSIDE/target.txt"');
    return { blocked: targetUnchanged(), detail: describeResult(result) };
  });
}
