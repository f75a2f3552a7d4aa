import assert from "node:assert/strict";
import path from "node:path";
import { after, describe, test } from "node:test";
import {
  ApplyPatchError,
  applyPatch,
  nodePatchFileSystem,
  planPatch,
  unifiedDiff,
} from "../../src/tools/builtin/apply-patch/index.js";
import { commitSteps } from "../../src/tools/builtin/apply-patch/commit.js";
import { MemoryFileSystem } from "./memory-file-system.js";
import { createTree, hashTree, readTree, removeTree } from "./tree.js";

const wrap = (...lines: string[]): string => ["*** Begin Patch", ...lines, "*** End Patch"].join("\n");
const roots: string[] = [];
after(async () => {
  await Promise.all(roots.map((root) => removeTree(root)));
});
async function tree(files: Record<string, string>): Promise<string> {
  const root = await createTree(files);
  roots.push(root);
  return root;
}

describe("planPatch", () => {
  test("computes every change without writing", async () => {
    const root = await tree({ "modify.txt": "foo\nbar\nbaz\nqux\n", "delete.txt": "bye\n", "dup.txt": "old\n", "mv.txt": "m\n" });
    const before = await hashTree(root);
    const plan = await planPatch(
      wrap(
        "*** Add File: dup.txt",
        "+new",
        "*** Delete File: delete.txt",
        "*** Update File: modify.txt",
        "@@",
        " foo",
        "-bar",
        "+BAR",
        "@@",
        " baz",
        "-qux",
        "+QUX",
        "*** Update File: mv.txt",
        "*** Move to: sub/moved.txt",
        "@@",
        "-m",
        "+n",
      ),
      { cwd: root },
    );
    assert.equal(await hashTree(root), before);
    assert.equal(plan.cwd, root);
    assert.deepEqual(plan.changes, [
      { kind: "add", path: path.join(root, "dup.txt"), displayPath: "dup.txt", newContent: "new\n", overwrittenContent: "old\n" },
      { kind: "delete", path: path.join(root, "delete.txt"), displayPath: "delete.txt", oldContent: "bye\n" },
      {
        kind: "update",
        path: path.join(root, "modify.txt"),
        displayPath: "modify.txt",
        unifiedDiff: "@@ -1,4 +1,4 @@\n foo\n-bar\n+BAR\n baz\n-qux\n+QUX\n",
        oldContent: "foo\nbar\nbaz\nqux\n",
        newContent: "foo\nBAR\nbaz\nQUX\n",
      },
      {
        kind: "update",
        path: path.join(root, "mv.txt"),
        displayPath: "mv.txt",
        unifiedDiff: "@@ -1 +1 @@\n-m\n+n\n",
        oldContent: "m\n",
        newContent: "n\n",
        movePath: path.join(root, "sub/moved.txt"),
        displayMovePath: "sub/moved.txt",
      },
    ]);
  });

  test("rejects with the same error applyPatch would", async () => {
    const root = await tree({ "a.txt": "a\n" });
    await assert.rejects(planPatch(wrap("*** Update File: a.txt", "@@", "-b", "+c"), { cwd: root }), {
      name: "ApplyPatchError",
      message: `Failed to find expected lines in ${path.join(root, "a.txt")}:\nb`,
    });
  });
});

describe("unifiedDiff (Codex's similar-crate layout, one line of context)", () => {
  test("first line, last line and insertion at the end", () => {
    assert.equal(unifiedDiff("foo\nbar\nbaz\n", "FOO\nbar\nbaz\n"), "@@ -1,2 +1,2 @@\n-foo\n+FOO\n bar\n");
    assert.equal(unifiedDiff("foo\nbar\nbaz\n", "foo\nbar\nBAZ\n"), "@@ -2,2 +2,2 @@\n bar\n-baz\n+BAZ\n");
    assert.equal(unifiedDiff("foo\nbar\nbaz\n", "foo\nbar\nbaz\nquux\n"), "@@ -3 +3,2 @@\n baz\n+quux\n");
  });

  test("empty old file and a missing final newline", () => {
    assert.equal(unifiedDiff("", "a\n"), "@@ -0,0 +1 @@\n+a\n");
    assert.equal(unifiedDiff("x", "y\n"), "@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+y\n");
    assert.equal(unifiedDiff("same\n", "same\n"), "");
  });
});

describe("applyPatch options", () => {
  test("returns absolute paths and Codex's output; relative cwd is resolved", async () => {
    const root = await tree({});
    const relativeCwd = path.relative(process.cwd(), root);
    const result = await applyPatch(wrap("*** Add File: x/y.txt", "+y"), { cwd: relativeCwd });
    assert.equal(result.output, "Success. Updated the following files:\nA x/y.txt\n");
    assert.equal(result.changes[0]?.path, path.join(root, "x/y.txt"));
    assert.deepEqual(await readTree(root), { "x/y.txt": "y\n" });
  });

  test("a file system that applies whole plans gets every step at once, before anything is written", async () => {
    const root = await tree({ "a.txt": "a\n", "b.txt": "b\n", "c.txt": "c\n" });
    const seen: Array<[string, string, string]> = [];
    await applyPatch(
      wrap("*** Add File: new.txt", "+n", "*** Add File: a.txt", "+A", "*** Delete File: b.txt", "*** Update File: c.txt", "*** Move to: d.txt", "@@", "-c", "+d"),
      {
        cwd: root,
        fileSystem: {
          ...nodePatchFileSystem,
          async applySteps(steps) {
            for (const step of steps) seen.push([path.relative(root, step.path), step.action, step.prior.state]);
            await commitSteps(steps, nodePatchFileSystem);
          },
        },
      },
    );
    assert.deepEqual(seen, [
      ["new.txt", "write", "absent"],
      ["a.txt", "write", "text"],
      ["b.txt", "delete", "text"],
      ["d.txt", "write", "absent"],
      ["c.txt", "delete", "text"],
    ]);
    assert.deepEqual(await readTree(root), { "a.txt": "A\n", "d.txt": "d\n", "new.txt": "n\n" });
  });

  test("a failing applySteps rejects with its error and the planned files stay as they were", async () => {
    const root = await tree({ "inside.txt": "1\n" });
    const before = await hashTree(root);
    const refusal = new Error("refused by the sandbox");
    await assert.rejects(
      applyPatch(wrap("*** Update File: inside.txt", "@@", "-1", "+2"), {
        cwd: root,
        fileSystem: {
          ...nodePatchFileSystem,
          applySteps: async () => {
            throw refusal;
          },
        },
      }),
      (error: unknown) => error === refusal,
    );
    assert.equal(await hashTree(root), before);
  });

  test("works against an injected file system", async () => {
    const fileSystem = new MemoryFileSystem({ "/work/a.txt": "a\n" });
    const result = await applyPatch(wrap("*** Update File: a.txt", "@@", "-a", "+b", "*** Add File: n/e/w.txt", "+w"), {
      cwd: "/work",
      fileSystem,
    });
    assert.equal(result.output, "Success. Updated the following files:\nA n/e/w.txt\nM a.txt\n");
    assert.deepEqual(Object.fromEntries(fileSystem.files), { "/work/a.txt": "b\n", "/work/n/e/w.txt": "w\n" });
  });

  test("a failure while writing rolls back the steps already done", async () => {
    const fileSystem = new MemoryFileSystem({ "/w/a.txt": "a\n", "/w/b.txt": "b\n", "/w/c.txt": "c\n" });
    fileSystem.failures.set("write:/w/c.txt", "EACCES");
    const patchText = wrap(
      "*** Add File: created.txt",
      "+new",
      "*** Update File: a.txt",
      "@@",
      "-a",
      "+A",
      "*** Delete File: b.txt",
      "*** Update File: c.txt",
      "@@",
      "-c",
      "+C",
    );
    await assert.rejects(applyPatch(patchText, { cwd: "/w", fileSystem }), (error: unknown) => {
      assert.ok(error instanceof ApplyPatchError);
      assert.equal(error.kind, "io");
      assert.equal(error.message, "Failed to write file /w/c.txt");
      assert.equal(error.path, "/w/c.txt");
      assert.equal((error.cause as NodeJS.ErrnoException).code, "EACCES");
      return true;
    });
    assert.deepEqual(Object.fromEntries(fileSystem.files), { "/w/a.txt": "a\n", "/w/b.txt": "b\n", "/w/c.txt": "c\n" });
  });

  test("preserve mode keeps CRLF through a move", async () => {
    const root = await tree({ "win.txt": "a\r\nb\r\n" });
    await applyPatch(wrap("*** Update File: win.txt", "*** Move to: moved/win.txt", "@@", " a", "+inserted", " b"), {
      cwd: root,
      lineEndings: "preserve",
    });
    assert.deepEqual(await readTree(root), { "moved/win.txt": "a\r\ninserted\r\nb\r\n" });
  });
});
