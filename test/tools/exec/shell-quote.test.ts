import assert from "node:assert/strict";
import { test } from "node:test";
import { joinShellCommand, quoteShellWord } from "../../../src/tools/builtin/exec/shell-quote.js";

test("words are quoted the way the shlex crate does it", () => {
  assert.equal(quoteShellWord(""), "''");
  assert.equal(quoteShellWord("foobar"), "foobar");
  assert.equal(quoteShellWord("foo bar"), "'foo bar'");
  assert.equal(quoteShellWord("'\""), "\"'\\\"\"");
  assert.equal(quoteShellWord("it's"), '"it\'s"');
  // `$` cannot go in double quotes, `'` not in single ones: the word is split into two quoted runs.
  assert.equal(quoteShellWord("$'"), "'$'\"'\"");
  assert.equal(quoteShellWord("a\\b"), '"a\\\\b"');
  assert.equal(quoteShellWord("^x"), "'^x'");
  assert.equal(quoteShellWord("héllo"), "'héllo'");
  assert.equal(quoteShellWord("x=1,y"), "'x=1,y'");
});

test("argv is joined into codex exec's display string", () => {
  assert.equal(joinShellCommand(["/bin/bash", "-lc", "echo hi"]), "/bin/bash -lc 'echo hi'");
  assert.equal(joinShellCommand(["ls", "-la", "/tmp"]), "ls -la /tmp");
  assert.equal(joinShellCommand(["bash", "-lc", "echo $HOME"]), "bash -lc 'echo $HOME'");
  assert.equal(joinShellCommand(["a\0b", "c d"]), "a\0b c d");
});
