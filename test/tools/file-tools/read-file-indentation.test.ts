import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { readFileTool } from "../../../src/tools/builtin/file-tools/index.js";
import type { ToolCallContext } from "../../../src/tools/tool-handler.js";
import { callTool, makeTempDirectory, removeDirectory, toolContext } from "./tool-context.js";

let root: string;
let context: ToolCallContext;

before(async () => {
  root = await makeTempDirectory("indent");
  context = toolContext(root);
});
after(() => removeDirectory(root));

let fileCounter = 0;
async function sample(lines: string[]): Promise<string> {
  fileCounter += 1;
  const target = path.join(root, `sample-${fileCounter}.txt`);
  await writeFile(target, `${lines.join("\n")}\n`);
  return target;
}

async function block(file: string, indentation: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string[]> {
  const result = await callTool(readFileTool, context, { file_path: file, mode: "indentation", indentation, ...extra });
  assert.equal(result.success, true, String(result.output));
  return String(result.output).split("\n");
}

const nested = ["fn outer() {", "    if cond {", "        inner();", "    }", "    tail();", "}"];

test("captures the block around the anchor one level up", async () => {
  const file = await sample(nested);
  assert.deepEqual(await block(file, { anchor_line: 3, max_levels: 1 }), ["L2:     if cond {", "L3:         inner();", "L4:     }"]);
});

test("max_levels widens to enclosing blocks", async () => {
  const file = await sample(["mod root {", "    fn outer() {", "        if cond {", "            inner();", "        }", "    }", "}"]);
  assert.deepEqual(await block(file, { anchor_line: 4, max_levels: 2 }), [
    "L2:     fn outer() {",
    "L3:         if cond {",
    "L4:             inner();",
    "L5:         }",
    "L6:     }",
  ]);
  assert.deepEqual((await block(file, { anchor_line: 4, max_levels: 3 })).length, 7);
});

test("include_siblings takes neighbouring blocks at the same indentation", async () => {
  const file = await sample(["fn wrapper() {", "    if first {", "        do_first();", "    }", "    if second {", "        do_second();", "    }", "}"]);
  const alone = ["L2:     if first {", "L3:         do_first();", "L4:     }"];
  assert.deepEqual(await block(file, { anchor_line: 3, max_levels: 1 }), alone);
  assert.deepEqual(await block(file, { anchor_line: 3, max_levels: 1, include_siblings: true }), [
    ...alone,
    "L5:     if second {",
    "L6:         do_second();",
    "L7:     }",
  ]);
});

test("python sample with siblings stays inside the class body", async () => {
  const file = await sample([
    "class Foo:",
    "    def __init__(self, size):",
    "        self.size = size",
    "    def double(self, value):",
    "        if value is None:",
    "            return 0",
    "        result = value * self.size",
    "        return result",
    "class Bar:",
    "    def compute(self):",
    "        helper = Foo(2)",
    "        return helper.double(5)",
  ]);
  assert.deepEqual(await block(file, { anchor_line: 7, include_siblings: true, max_levels: 1 }, { offset: 1, limit: 200 }), [
    "L2:     def __init__(self, size):",
    "L3:         self.size = size",
    "L4:     def double(self, value):",
    "L5:         if value is None:",
    "L6:             return 0",
    "L7:         result = value * self.size",
    "L8:         return result",
  ]);
});

const cpp = [
  "#include <vector>",
  "#include <string>",
  "",
  "namespace sample {",
  "class Runner {",
  "public:",
  "    void setup() {",
  "        if (enabled_) {",
  "            init();",
  "        }",
  "    }",
  "",
  "    // Run the code",
  "    int run() const {",
  "        switch (mode_) {",
  "            case Mode::Fast:",
  "                return fast();",
  "            case Mode::Slow:",
  "                return slow();",
  "            default:",
  "                return fallback();",
  "        }",
  "    }",
  "",
  "private:",
  "    bool enabled_ = false;",
  "};",
  "}  // namespace sample",
];
const runBody = [
  "L14:     int run() const {",
  "L15:         switch (mode_) {",
  "L16:             case Mode::Fast:",
  "L17:                 return fast();",
  "L18:             case Mode::Slow:",
  "L19:                 return slow();",
  "L20:             default:",
  "L21:                 return fallback();",
  "L22:         }",
  "L23:     }",
];

test("comment headers above the block are kept unless include_header is false", async () => {
  const file = await sample(cpp);
  assert.deepEqual(await block(file, { anchor_line: 18, max_levels: 1 }), runBody.slice(1, 9));
  assert.deepEqual(await block(file, { anchor_line: 18, max_levels: 2 }), ["L13:     // Run the code", ...runBody]);
  assert.deepEqual(await block(file, { anchor_line: 18, max_levels: 2, include_header: false }), runBody);
});

test("siblings keep inner blank lines but blank edges are trimmed", async () => {
  const file = await sample(cpp);
  // The block runs on to the blank line 24 (blank lines take the indent above them), which is trimmed.
  assert.deepEqual(await block(file, { anchor_line: 18, max_levels: 2, include_siblings: true, include_header: false }), [
    "L7:     void setup() {",
    "L8:         if (enabled_) {",
    "L9:             init();",
    "L10:         }",
    "L11:     }",
    "L12: ",
    "L13:     // Run the code",
    ...runBody,
  ]);
});

test("limits: anchor defaults to offset, max_lines and limit cap the block", async () => {
  const file = await sample(cpp);
  assert.deepEqual(await block(file, { max_levels: 2, include_header: false }, { offset: 18 }), runBody);
  assert.deepEqual(await block(file, { anchor_line: 18, max_levels: 2, max_lines: 3 }), runBody.slice(3, 6));
  assert.deepEqual(await block(file, { anchor_line: 18, max_levels: 2 }, { limit: 1 }), ["L18:             case Mode::Slow:"]);
  // Without max_levels the floor is column 0: everything around the anchor up to the limit.
  assert.deepEqual(await block(file, { anchor_line: 5 }, { limit: 3 }), ["L4: namespace sample {", "L5: class Runner {", "L6: public:"]);
});

test("indentation errors use Codex's texts", async () => {
  const file = await sample(nested);
  const run = (indentation: Record<string, unknown>) =>
    callTool(readFileTool, context, { file_path: file, mode: "indentation", indentation });
  assert.deepEqual(await run({ anchor_line: 0 }), { output: "anchor_line must be a 1-indexed line number", success: false });
  assert.deepEqual(await run({ anchor_line: 1, max_lines: 0 }), { output: "max_lines must be greater than zero", success: false });
  assert.deepEqual(await run({ anchor_line: 7 }), { output: "anchor_line exceeds file length", success: false });
});

test("a far anchor in a long file only needs the lines around it", async () => {
  const lines = Array.from({ length: 20_000 }, (_, index) => (index % 10 === 0 ? `block ${index}:` : `    line ${index}`));
  const file = await sample(lines);
  // Floor column 0: going up, the first `block` line is taken and the next one stops the scan;
  // going down, likewise. So the block spans the previous block, the anchor's, and the next header.
  const expected = [];
  for (let number = 14_992; number <= 15_020; number += 1) expected.push(`L${number}: ${lines[number - 1]}`);
  assert.deepEqual(await block(file, { anchor_line: 15_005, max_levels: 1 }), expected);
  // A limit of 5 keeps the anchor and the nearest lines, alternating up and down.
  assert.deepEqual(await block(file, { anchor_line: 15_005, max_levels: 1 }, { limit: 5 }), expected.slice(11, 16));
});
