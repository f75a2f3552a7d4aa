import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, test } from "node:test";
import {
  APPLY_PATCH_FUNCTION_DESCRIPTION,
  createApplyPatchFreeformTool,
  createApplyPatchFunctionTool,
} from "../../src/tools/builtin/apply-patch/index.js";

// Expected wire shapes copied from the recorded Codex CLI 0.169 request (freeform) and Codex's
// create_apply_patch_json_tool (function); descriptions are ours and checked separately.
const expected = JSON.parse(await readFile(new URL("./fixtures/tool-spec.json", import.meta.url), "utf8")) as {
  freeform: Record<string, unknown>;
  function: Record<string, unknown>;
};

describe("apply_patch tool JSON", () => {
  test("freeform tool: type, name and Lark grammar match Codex byte for byte", () => {
    const { description, ...rest } = createApplyPatchFreeformTool();
    assert.equal(JSON.stringify(rest), JSON.stringify(expected.freeform));
    assert.match(description, /FREEFORM/);
    assert.match(description, /JSON/);
  });

  test("function tool: name, strict flag and parameter schema match Codex exactly", () => {
    const tool = createApplyPatchFunctionTool();
    const { description, ...rest } = tool;
    assert.deepEqual(rest, expected.function);
    assert.deepEqual(Object.keys(tool), ["type", "name", "description", "strict", "parameters"]);
    assert.equal(description, APPLY_PATCH_FUNCTION_DESCRIPTION);
  });

  test("function description carries the instructions models rely on", () => {
    for (const needle of [
      "*** Begin Patch",
      "*** End Patch",
      "*** Add File: <path>",
      "*** Delete File: <path>",
      "*** Update File: <path>",
      "*** Move to: <new path>",
      "@@",
      "*** End of File",
      "3 unchanged lines",
      "relative paths only, NEVER absolute",
    ]) {
      assert.ok(description().includes(needle), needle);
    }
  });
});

function description(): string {
  return createApplyPatchFunctionTool().description;
}
