import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  extractShellScript,
  parsePlainCommandSequence,
  parseShellLcPlainCommands,
} from "../../src/approvals/shell-script-parser.js";

describe("parsePlainCommandSequence", () => {
  const accepted: Array<[string, string[][]]> = [
    ["ls -1", [["ls", "-1"]]],
    ["ls && pwd; echo 'hi there' | wc -l", [["ls"], ["pwd"], ["echo", "hi there"], ["wc", "-l"]]],
    ['echo "hello world"', [["echo", "hello world"]]],
    ["echo 123 456", [["echo", "123", "456"]]],
    ['git commit -m "line1\nline2"', [["git", "commit", "-m", "line1\nline2"]]],
    [`echo "/usr"'/'"local"/bin`, [["echo", "/usr/local/bin"]]],
    [`rg -n "foo" -g"x.py"`, [["rg", "-n", "foo", "-gx.py"]]],
    ["grep -n 'pattern' -g'*.txt'", [["grep", "-n", "pattern", "-g*.txt"]]],
    ["sed -n '1,5p' file.txt", [["sed", "-n", "1,5p", "file.txt"]]],
    ["echo ''", [["echo", ""]]],
    ["ls;", [["ls"]]],
    ["ls\npwd\n\n", [["ls"], ["pwd"]]],
    ["ls &&\n  pwd", [["ls"], ["pwd"]]],
    ["grep -R \"Cargo.toml\" -n || true", [["grep", "-R", "Cargo.toml", "-n"], ["true"]]],
    ["git log --format=%H~1 a#b", [["git", "log", "--format=%H~1", "a#b"]]],
    ["cat 'a $HOME `x` \\ (y)'", [["cat", "a $HOME `x` \\ (y)"]]],
    ["", []],
  ];
  for (const [script, expected] of accepted) {
    test(`accepts ${JSON.stringify(script)}`, () => {
      assert.deepEqual(parsePlainCommandSequence(script), expected);
    });
  }

  const rejected: Array<[string, string]> = [
    ["(ls)", "subshell"],
    ["ls || (pwd && echo hi)", "nested subshell"],
    ["ls > out.txt", "redirection"],
    ["cat < in.txt", "input redirection"],
    ["cat <<EOF\nx\nEOF", "heredoc"],
    ["ls 2>&1", "fd redirection"],
    ["echo hi & echo bye", "background job"],
    ["ls |& wc", "pipe with stderr"],
    ["echo $(pwd)", "command substitution"],
    ["echo `pwd`", "backticks"],
    ["echo $HOME", "variable"],
    ['echo "hi $USER"', "variable in double quotes"],
    ['echo "a\\"b"', "escape in double quotes"],
    ['rg -g"$(pwd)" x', "substitution in concatenation"],
    ["FOO=bar ls", "assignment prefix"],
    ["X+=1", "append assignment"],
    ["ls &&", "trailing operator"],
    ["&& ls", "leading operator"],
    ["ls ;; pwd", "double separator"],
    ["ls ; ; pwd", "empty command between separators"],
    ["ls | | wc", "empty pipeline segment"],
    ["ls\n&& pwd", "operator at line start"],
    ["ls *.py", "unquoted glob"],
    ["ls file?.txt", "unquoted question-mark glob"],
    ["ls [ab].txt", "bracket glob"],
    ["echo {a,b}", "brace expansion"],
    ["{ ls; }", "group"],
    ["! ls", "negation"],
    ["ls \\; pwd", "backslash escape"],
    ["ls # comment", "comment"],
    ["if true; then ls; fi", "if statement"],
    ["for f in a; do echo $f; done", "for loop"],
    ["time ls", "time keyword"],
    ["echo 'unterminated", "unterminated single quote"],
    ['echo "unterminated', "unterminated double quote"],
    ["echo $'x'", "ANSI-C quoting"],
    ["ls\r", "carriage return"],
  ];
  for (const [script, why] of rejected) {
    test(`rejects ${why}: ${JSON.stringify(script)}`, () => {
      assert.equal(parsePlainCommandSequence(script), undefined);
    });
  }
});

describe("parseShellLcPlainCommands", () => {
  test("splits bash, zsh and sh wrappers with -lc or -c", () => {
    for (const shell of ["bash", "/bin/bash", "zsh", "/bin/zsh", "sh", "/usr/bin/sh", "/opt/homebrew/bin/bash"]) {
      for (const flag of ["-lc", "-c"]) {
        assert.deepEqual(parseShellLcPlainCommands([shell, flag, "ls && pwd"]), [["ls"], ["pwd"]], `${shell} ${flag}`);
      }
    }
  });

  test("only the three-element form of a known shell is a wrapper", () => {
    assert.equal(parseShellLcPlainCommands(["bash", "-lc", "git", "status"]), undefined);
    assert.equal(parseShellLcPlainCommands(["bash", "-x", "ls"]), undefined);
    assert.equal(parseShellLcPlainCommands(["./bash", "-lc", "ls"]), undefined);
    assert.equal(parseShellLcPlainCommands(["/tmp/bash", "-lc", "ls"]), undefined);
    assert.equal(parseShellLcPlainCommands(["fish", "-c", "ls"]), undefined);
    assert.equal(extractShellScript(["bash", "-lc", "echo hi"]), "echo hi");
  });

  test("a script quoted as one word is a single program name", () => {
    assert.deepEqual(parseShellLcPlainCommands(["bash", "-lc", "'git status'"]), [["git status"]]);
  });
});
