import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  implicitInvocationError,
  isImplicitApplyPatchInvocation,
  parseApplyPatchInvocation,
  parseApplyPatchScript,
} from "../../src/tools/builtin/apply-patch/index.js";

const PATCH = "*** Begin Patch\n*** Add File: foo\n+hi\n*** End Patch";
const heredoc = (prefix: string, suffix = ""): string => `${prefix}apply_patch <<'PATCH'\n${PATCH}\nPATCH${suffix}`;

describe("parseApplyPatchInvocation", () => {
  test("direct apply_patch / applypatch argv", () => {
    assert.deepEqual(parseApplyPatchInvocation(["apply_patch", PATCH]), { patch: PATCH });
    assert.deepEqual(parseApplyPatchInvocation(["applypatch", PATCH]), { patch: PATCH });
    assert.equal(parseApplyPatchInvocation(["apply_patch"]), null);
    assert.equal(parseApplyPatchInvocation(["apply_patch", PATCH, "extra"]), null);
    assert.equal(parseApplyPatchInvocation(["/usr/bin/apply_patch", PATCH]), null);
  });

  test("bash/sh/zsh -lc and -c heredocs", () => {
    for (const shell of ["bash", "sh", "zsh", "/bin/bash"]) {
      for (const flag of ["-lc", "-c"]) {
        assert.deepEqual(parseApplyPatchInvocation([shell, flag, heredoc("")]), { patch: PATCH }, `${shell} ${flag}`);
      }
    }
    assert.equal(parseApplyPatchInvocation(["bash", "-x", heredoc("")]), null);
    assert.equal(parseApplyPatchInvocation(["fish", "-c", heredoc("")]), null);
  });

  test("applypatch, unquoted and double-quoted delimiters, trailing newline", () => {
    const script = `applypatch <<EOF\n${PATCH}\nEOF\n`;
    assert.deepEqual(parseApplyPatchInvocation(["bash", "-lc", script]), { patch: PATCH });
    assert.deepEqual(parseApplyPatchScript(`apply_patch <<"END"\n${PATCH}\n\nEND`), { patch: PATCH });
  });

  test("PowerShell and cmd forms", () => {
    const script = heredoc("");
    assert.deepEqual(parseApplyPatchInvocation(["powershell.exe", "-Command", script]), { patch: PATCH });
    assert.deepEqual(parseApplyPatchInvocation(["powershell.exe", "-NoProfile", "-Command", script]), { patch: PATCH });
    assert.deepEqual(parseApplyPatchInvocation(["pwsh", "-NoProfile", "-Command", script]), { patch: PATCH });
    assert.deepEqual(parseApplyPatchInvocation(["cmd.exe", "/c", heredoc("cd foo && ")]), { patch: PATCH, workdir: "foo" });
    assert.equal(parseApplyPatchInvocation(["bash", "-NoProfile", "-c", script]), null);
  });

  test("cd <dir> && apply_patch sets the workdir", () => {
    assert.deepEqual(parseApplyPatchScript(heredoc("cd foo && ")), { patch: PATCH, workdir: "foo" });
    assert.deepEqual(parseApplyPatchScript(heredoc("cd 'foo bar' && ")), { patch: PATCH, workdir: "foo bar" });
    assert.deepEqual(parseApplyPatchScript(heredoc('cd "foo bar" && ')), { patch: PATCH, workdir: "foo bar" });
    assert.deepEqual(parseApplyPatchScript(heredoc("cd /abs/dir && ")), { patch: PATCH, workdir: "/abs/dir" });
  });

  test("other scripts are not apply_patch calls", () => {
    for (const prefix of [
      "cd foo; ",
      "cd bar || ",
      "cd bar | ",
      "echo foo && ",
      "cd foo && cd bar && ",
      "cd foo bar && ",
      "echo foo; cd bar && ",
      'cd "$HOME" && ',
    ]) {
      assert.equal(parseApplyPatchScript(heredoc(prefix)), null, prefix);
    }
    assert.equal(parseApplyPatchScript(heredoc("cd bar && ", " && echo done")), null);
    assert.equal(parseApplyPatchScript(`${heredoc("")}\necho done`), null);
    assert.equal(
      parseApplyPatchScript("apply_patch foo <<'PATCH'\n*** Begin Patch\n*** Add File: foo\n+hi\n*** End Patch\nPATCH"),
      null,
    );
    assert.equal(parseApplyPatchScript(`apply_patch <<'PATCH'\n${PATCH}\n`), null, "unterminated heredoc");
    assert.equal(parseApplyPatchScript("ls -la"), null);
  });

  test("a bare patch as the whole command is an implicit invocation", () => {
    assert.equal(isImplicitApplyPatchInvocation([PATCH]), true);
    assert.equal(isImplicitApplyPatchInvocation(["bash", "-lc", PATCH]), true);
    assert.equal(isImplicitApplyPatchInvocation(["apply_patch", PATCH]), false);
    assert.equal(isImplicitApplyPatchInvocation(["bash", "-lc", heredoc("")]), false);
    assert.equal(
      implicitInvocationError().message,
      'patch detected without explicit call to apply_patch. Rerun as ["apply_patch", "<patch>"]',
    );
  });
});
