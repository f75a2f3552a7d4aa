import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { ApplyPatchError, applyPatch } from "../../src/tools/builtin/apply-patch/index.js";
import { failureCases } from "./corpus-failure.js";
import { successCases } from "./corpus-success.js";

const corpus = [...successCases, ...failureCases];
import { createTree, hashTree, readTree, removeTree } from "./tree.js";

const roots: string[] = [];
after(async () => {
  await Promise.all(roots.map((root) => removeTree(root)));
});

describe("apply_patch corpus (real temporary directories)", () => {
  test("has at least 40 cases with unique names", () => {
    assert.ok(corpus.length >= 40, `only ${corpus.length} cases`);
    assert.equal(new Set(corpus.map((entry) => entry.name)).size, corpus.length);
  });

  for (const entry of corpus) {
    test(entry.name, async () => {
      const root = await createTree(entry.files);
      roots.push(root);
      const withRoot = (text: string): string => text.replaceAll("<root>", root);
      const patchText = withRoot(entry.patch);
      const options = { cwd: root, ...(entry.lineEndings === undefined ? {} : { lineEndings: entry.lineEndings }) };

      if (entry.error !== undefined) {
        const before = await hashTree(root);
        await assert.rejects(applyPatch(patchText, options), (error: unknown) => {
          assert.ok(error instanceof ApplyPatchError, `expected ApplyPatchError, got ${String(error)}`);
          assert.equal(error.message, withRoot(entry.error as string));
          return true;
        });
        assert.equal(await hashTree(root), before, "a failed patch must leave the tree untouched");
        return;
      }

      const result = await applyPatch(patchText, options);
      assert.equal(result.output, withRoot(entry.output as string));
      assert.deepEqual(await readTree(root), entry.expected);
    });
  }
});
