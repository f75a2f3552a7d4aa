import assert from "node:assert/strict";
import { test } from "node:test";
import { createFileTools, viewImageTool } from "../../../src/tools/builtin/file-tools/index.js";

// The request JSON Codex sends for these tools (codex-rs tool specs; view_image as 0.169 records it).
const expected: Record<string, string> = {
  grep_files:
    '{"type":"function","name":"grep_files","description":"Finds files whose contents match the pattern and lists them by modification time.","strict":false,"parameters":{"type":"object","properties":{"include":{"type":"string","description":"Optional glob that limits which files are searched (e.g. \\"*.rs\\" or \\"*.{ts,tsx}\\")."},"limit":{"type":"number","description":"Maximum number of file paths to return (defaults to 100)."},"path":{"type":"string","description":"Directory or file path to search. Defaults to the session\'s working directory."},"pattern":{"type":"string","description":"Regular expression pattern to search for."}},"required":["pattern"],"additionalProperties":false}}',
  read_file:
    '{"type":"function","name":"read_file","description":"Reads a local file with 1-indexed line numbers, supporting slice and indentation-aware block modes.","strict":false,"parameters":{"type":"object","properties":{"file_path":{"type":"string","description":"Absolute path to the file"},"indentation":{"type":"object","properties":{"anchor_line":{"type":"number","description":"Anchor line to center the indentation lookup on (defaults to offset)."},"include_header":{"type":"boolean","description":"Include doc comments or attributes directly above the selected block."},"include_siblings":{"type":"boolean","description":"When true, include additional blocks that share the anchor indentation."},"max_levels":{"type":"number","description":"How many parent indentation levels (smaller indents) to include."},"max_lines":{"type":"number","description":"Hard cap on the number of lines returned when using indentation mode."}},"additionalProperties":false},"limit":{"type":"number","description":"The maximum number of lines to return."},"mode":{"type":"string","description":"Optional mode selector: \\"slice\\" for simple ranges (default) or \\"indentation\\" to expand around an anchor line."},"offset":{"type":"number","description":"The line number to start reading from. Must be 1 or greater."}},"required":["file_path"],"additionalProperties":false}}',
  list_dir:
    '{"type":"function","name":"list_dir","description":"Lists entries in a local directory with 1-indexed entry numbers and simple type labels.","strict":false,"parameters":{"type":"object","properties":{"depth":{"type":"number","description":"The maximum directory depth to traverse. Must be 1 or greater."},"dir_path":{"type":"string","description":"Absolute path to the directory to list."},"limit":{"type":"number","description":"The maximum number of entries to return."},"offset":{"type":"number","description":"The entry number to start listing from. Must be 1 or greater."}},"required":["dir_path"],"additionalProperties":false}}',
};

test("createFileTools returns Codex's experimental file tools in its order, all parallel", () => {
  const tools = createFileTools();
  assert.deepEqual(
    tools.map((tool) => tool.name),
    ["grep_files", "read_file", "list_dir"],
  );
  for (const tool of tools) {
    assert.equal(tool.parallel, true);
    assert.equal(JSON.stringify(tool.spec), expected[tool.name]);
  }
});

test("view_image advertises Codex 0.169's schema", () => {
  assert.equal(viewImageTool.parallel, true);
  const spec = viewImageTool.spec;
  assert.ok(spec);
  assert.equal(spec.name, "view_image");
  assert.equal(spec.strict, false);
  assert.equal(
    JSON.stringify(spec.parameters),
    '{"type":"object","properties":{"path":{"type":"string","description":"Local filesystem path to an image file."}},"required":["path"],"additionalProperties":false}',
  );
});
