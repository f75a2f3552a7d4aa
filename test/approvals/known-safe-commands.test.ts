import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { commandMightBeDangerous } from "../../src/approvals/dangerous-commands.js";
import { isKnownSafeCommand, trustedProgramName } from "../../src/approvals/known-safe-commands.js";

const bash = (script: string): string[] => ["bash", "-lc", script];

describe("isKnownSafeCommand", () => {
  const safe: string[][] = [
    ["ls"],
    ["ls", "-la", "/etc"],
    ["/bin/ls", "-1"],
    ["/usr/bin/cat", "Cargo.toml"],
    ...["cat", "cd", "cut", "echo", "expr", "false", "grep", "head", "id", "nl", "paste", "pwd", "rev", "seq", "stat", "tail", "tr", "true", "uname", "uniq", "wc", "which", "whoami"].map((name) => [name, "x"]),
    ["nl", "-nrz", "Cargo.toml"],
    ["base64"],
    ["base64", "-d", "file"],
    ["find", ".", "-name", "file.txt"],
    ["find", ".", "-type", "f", "-print"],
    ["rg", "Cargo.toml", "-n"],
    ["rg", "--pretty", "x"],
    ["git", "status"],
    ["git", "log", "-n", "1"],
    ["git", "diff", "HEAD~1"],
    ["git", "show", "HEAD"],
    ["git", "branch"],
    ["git", "branch", "--show-current"],
    ["git", "branch", "-a", "-v"],
    ["git", "branch", "--format=%(refname)"],
    ["git", "--no-pager", "log"],
    ["git", "--namespace", "x", "log", "--oneline", "--exit-code"],
    ["git", "log", "-p", "--no-ext-diff", "--no-textconv"],
    ["uniq", "-c", "input.txt"],
    ["uniq", "-f", "2", "input.txt"],
    ["uniq", "input.txt", "--skip-chars", "3"],
    ["uniq"],
    ["sed", "-n", "1p", "notes.txt"],
    ["rg", "-i", "-n", "needle"],
    ["rg", "--pre-glob", "*.gz", "needle"],
    ["base64", "-w", "0", "file"],
    ["find", ".", "-name", "x", "-print0"],
    ["/usr/bin/git", "status"],
    ["sed", "-n", "1,5p", "file.txt"],
    ["sed", "-n", "10p"],
    bash("ls"),
    bash("ls -1"),
    bash("git status"),
    bash('grep -R "Cargo.toml" -n'),
    bash("sed -n 1,5p file.txt"),
    bash("sed -n '1,5p' file.txt"),
    bash("find . -name file.txt"),
    bash('grep -R "Cargo.toml" -n || true'),
    bash("ls && pwd"),
    bash("echo 'hi' ; ls"),
    bash("ls | wc -l"),
    ["zsh", "-lc", "ls"],
    ["/bin/sh", "-c", "cat a | head -n 3"],
  ];
  for (const argv of safe) {
    test(`safe: ${JSON.stringify(argv)}`, () => assert.equal(isKnownSafeCommand(argv), true));
  }

  const unsafe: string[][] = [
    // Audit: forms that write, or run another program (issue 8 item 4).
    ["sed", "-n", "1p", "-e1e touch pwned"],
    ["sed", "-n", "1p", "--expression=1e touch pwned"],
    ["sed", "-n", "1p", "-i"],
    ["sed", "-n", "1p", "-s"],
    ["uniq", "in.txt", "out.txt"],
    ["uniq", "-c", "in.txt", "out.txt"],
    ["uniq", "in.txt", "-f", "1", "out.txt"],
    ["uniq", "--", "in.txt", "-out.txt"],
    ["uniq", "-", "out.txt"],
    ["base64", "-do", "out.bin"],
    ["base64", "-Do", "out.bin", "in.b64"],
    ["base64", "--out=out.bin"],
    ["base64", "--o", "out.bin"],
    ["rg", "-iz", "needle"],
    ["rg", "-zn", "needle"],
    ["rg", "--search-zip=yes", "needle"],
    ["git", "-C", ".", "branch", "--show-current"],
    ["git", "-C/tmp/evil", "status"],
    ["git", "--git-dir=.git", "status"],
    ["git", "--git-dir", "/tmp/evil/.git", "status"],
    ["git", "--work-tree=/tmp", "status"],
    ["git", "--work-tree", "/tmp", "status"],
    ["git", "--exec-path=/tmp/evil", "status"],
    ["git", "--exec-path", "status"],
    ["git", "-p", "log"],
    ["git", "--config-env", "core.pager=X", "log"],
    ["git", "log", "--out=/tmp/git-log-out"],
    ["git", "diff", "--ext"],
    ["git", "diff", "--ext-dif"],
    ["git", "log", "--textc"],
    ["git", "log", "--pag"],
    ["git", "show", "--exec=/bin/sh"],
    bash("sed -n 1p '-e1e touch pwned'"),
    bash("uniq in.txt out.txt"),
    bash("git -C .. status"),
    [],
    [""],
    ["foo"],
    ["cargo", "check"],
    ["rm", "file"],
    ["./ls"],
    ["bin/cat", "x"],
    ["/tmp/cat", "x"],
    ["/home/user/project/ls"],
    ["base64", "-o", "out.bin"],
    ["base64", "--output", "out.bin"],
    ["base64", "--output=out.bin"],
    ["base64", "-ob64.txt"],
    ["find", ".", "-name", "file.txt", "-exec", "rm", "{}", ";"],
    ["find", ".", "-name", "*.py", "-execdir", "python3", "{}", ";"],
    ["find", ".", "-name", "file.txt", "-ok", "rm", "{}", ";"],
    ["find", ".", "-name", "*.py", "-okdir", "python3", "{}", ";"],
    ["find", ".", "-delete", "-name", "file.txt"],
    ["find", ".", "-fls", "/etc/passwd"],
    ["find", ".", "-fprint", "/etc/passwd"],
    ["find", ".", "-fprint0", "/etc/passwd"],
    ["find", ".", "-fprintf", "/root/suid.txt", "%#m %u %p\n"],
    ["rg", "--search-zip", "files"],
    ["rg", "-z", "files"],
    ["rg", "--pre", "pwned", "files"],
    ["rg", "--pre=pwned", "files"],
    ["rg", "--hostname-bin", "pwned", "files"],
    ["rg", "--hostname-bin=pwned", "files"],
    ["git", "fetch"],
    ["git", "push"],
    ["git", "checkout", "status"],
    ["git", "branch", "-d", "feature"],
    ["git", "branch", "-D", "feature"],
    ["git", "branch", "new-branch"],
    ["git", "branch", "-m", "old", "new"],
    ["git", "-C", ".", "branch", "-d", "feature"],
    ["git", "log", "--output=/tmp/git-log-out-test", "-n", "1"],
    ["git", "diff", "--output", "/tmp/git-diff-out-test"],
    ["git", "show", "--output=/tmp/git-show-out-test", "HEAD"],
    ["git", "diff", "--ext-diff"],
    ["git", "log", "--textconv"],
    ["git", "log", "--paginate"],
    ["git", "-c", "core.pager=cat", "log", "-n", "1"],
    ["git", "-ccore.pager=cat", "status"],
    ["git", "--config-env=core.pager=X", "status"],
    ["git"],
    ["sed", "-i", "s/a/b/", "file"],
    ["sed", "-n", "xp", "file.txt"],
    ["sed", "-n", "1,5p", "a", "b"],
    ["sed", "-n", "1,2,3p", "file"],
    ["sed", "-n", "p", "file"],
    bash("git status > out"),
    ["bash", "-lc", "git", "status"],
    bash("'git status'"),
    bash("find . -name file.txt -delete"),
    bash("ls && rm -rf /"),
    bash("(ls)"),
    bash("ls || (pwd && echo hi)"),
    bash("ls > out.txt"),
    bash("git -C . branch -d feature"),
    bash("cat $HOME/.ssh/id_rsa"),
    bash("echo $(rm -rf x)"),
    bash("ls *.ts"),
    bash("rg foo *.ts"),
    bash(""),
    ["./bash", "-lc", "ls"],
    ["python3", "-c", "print(1)"],
  ];
  for (const argv of unsafe) {
    test(`not safe: ${JSON.stringify(argv)}`, () => assert.equal(isKnownSafeCommand(argv), false));
  }

  test("numfmt and tac count as safe on Linux only", () => {
    const expected = process.platform === "linux";
    assert.equal(isKnownSafeCommand(["numfmt", "1000"]), expected);
    assert.equal(isKnownSafeCommand(["tac", "Cargo.toml"]), expected);
  });
});

describe("trustedProgramName", () => {
  test("bare names and system directories are trusted, other paths are not", () => {
    assert.equal(trustedProgramName("ls"), "ls");
    assert.equal(trustedProgramName("/usr/bin/git"), "git");
    assert.equal(trustedProgramName("/usr/bin/../bin/ls"), "ls");
    assert.equal(trustedProgramName("./ls"), undefined);
    assert.equal(trustedProgramName("/opt/evil/ls"), undefined);
    assert.equal(trustedProgramName(undefined), undefined);
  });
});

describe("commandMightBeDangerous", () => {
  const dangerous: string[][] = [
    ["rm", "-rf", "/"],
    ["rm", "-f", "/"],
    ["rm", "-fr", "build"],
    ["rm", "-Rf", "build"],
    ["rm", "-rfv", "build"],
    ["rm", "--force", "x"],
    ["rm", "-r", "-f", "build"],
    ["/bin/rm", "-rf", "x"],
    ["sudo", "rm", "-rf", "/"],
    bash("rm -rf build"),
    bash("ls && rm -f x"),
    ["zsh", "-lc", "echo hi; rm -rf /"],
  ];
  for (const argv of dangerous) {
    test(`dangerous: ${JSON.stringify(argv)}`, () => assert.equal(commandMightBeDangerous(argv), true));
  }

  const notDangerous: string[][] = [
    ["rm", "file"],
    ["rm", "-r", "dir"],
    ["rm", "--", "-f"],
    ["git", "reset", "--hard"],
    ["git", "status"],
    ["ls", "-f"],
    ["sudo", "ls"],
    bash("git status"),
    bash("rm -rf $DIR"), // not a plain script: judged as a whole, like Codex
    [],
  ];
  for (const argv of notDangerous) {
    test(`not dangerous: ${JSON.stringify(argv)}`, () => assert.equal(commandMightBeDangerous(argv), false));
  }
});
