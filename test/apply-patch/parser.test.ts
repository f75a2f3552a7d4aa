import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ApplyPatchError, parsePatch } from "../../src/tools/builtin/apply-patch/index.js";

const wrap = (...lines: string[]): string => ["*** Begin Patch", ...lines, "*** End Patch"].join("\n");

function parseError(text: string): ApplyPatchError {
  try {
    parsePatch(text);
  } catch (error) {
    assert.ok(error instanceof ApplyPatchError);
    return error;
  }
  assert.fail("expected a parse error");
}

describe("parsePatch", () => {
  test("parses add, delete and update-with-move hunks", () => {
    const parsed = parsePatch(
      wrap(
        "*** Add File: path/add.py",
        "+abc",
        "+def",
        "*** Delete File: path/delete.py",
        "*** Update File: path/update.py",
        "*** Move to: path/update2.py",
        "@@ def f():",
        "-    pass",
        "+    return 123",
      ),
    );
    assert.deepEqual(parsed.hunks, [
      { type: "add", path: "path/add.py", contents: "abc\ndef\n" },
      { type: "delete", path: "path/delete.py" },
      {
        type: "update",
        path: "path/update.py",
        movePath: "path/update2.py",
        chunks: [
          {
            changeContext: "def f():",
            oldLines: ["    pass"],
            newLines: ["    return 123"],
            contextLineIndices: [],
            isEndOfFile: false,
          },
        ],
      },
    ]);
  });

  test("records context lines, empty lines and the End of File marker", () => {
    const parsed = parsePatch(wrap("*** Update File: f", "@@ ctx", "", " context", "-remove", "+add", " context2", "*** End of File"));
    const [hunk] = parsed.hunks;
    assert.ok(hunk?.type === "update");
    assert.deepEqual(hunk.chunks, [
      {
        changeContext: "ctx",
        oldLines: ["", "context", "remove", "context2"],
        newLines: ["", "context", "add", "context2"],
        contextLineIndices: [
          [0, 0],
          [1, 1],
          [3, 3],
        ],
        isEndOfFile: true,
      },
    ]);
  });

  test("an empty envelope parses to no hunks", () => {
    assert.deepEqual(parsePatch("*** Begin Patch\n*** End Patch").hunks, []);
  });

  test("unwraps <<EOF, <<'EOF' and <<\"EOF\" heredocs and returns the inner patch text", () => {
    const inner = wrap("*** Update File: file2.py", " import foo", "+bar");
    for (const opener of ["<<EOF", "<<'EOF'", '<<"EOF"']) {
      const parsed = parsePatch(`${opener}\n${inner}\nEOF\n`);
      assert.equal(parsed.patch, inner);
      assert.equal(parsed.hunks.length, 1);
    }
  });

  test("a heredoc without End Patch reports the last-line error", () => {
    const error = parseError("<<EOF\n*** Begin Patch\n*** Update File: file2.py\nEOF\n");
    assert.equal(error.kind, "invalid-patch");
    assert.equal(error.message, "invalid patch: The last line of the patch must be '*** End Patch'");
  });

  test("hunk errors carry their 1-based line number", () => {
    const error = parseError(wrap("*** Add File: a", "+1", "*** Delete File: b", "bogus"));
    assert.equal(error.kind, "invalid-hunk");
    assert.equal(error.lineNumber, 5);
    assert.match(error.message, /^invalid hunk at line 5, 'bogus' is not a valid hunk header/);
  });

  test("a Move to line with padding is not trimmed (the path keeps its spaces)", () => {
    const parsed = parsePatch(wrap("*** Update File: a.txt", "*** Move to: b.txt ", "@@", "-a", "+b"));
    const [hunk] = parsed.hunks;
    assert.ok(hunk?.type === "update");
    assert.equal(hunk.movePath, "b.txt ");
  });

  test("trimming follows Rust: U+0085 is whitespace, U+FEFF is not", () => {
    assert.equal(parsePatch(`\u0085${wrap("*** Delete File: a")}\u0085`).hunks.length, 1);
    assert.equal(parseError(`\uFEFF${wrap("*** Delete File: a")}`).message, "invalid patch: The first line of the patch must be '*** Begin Patch'");
  });

  test("ApplyPatchError is a CodexError", () => {
    const error = parseError("nope");
    assert.equal(error.name, "ApplyPatchError");
    assert.ok(error instanceof Error);
  });
});
