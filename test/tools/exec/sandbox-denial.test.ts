import assert from "node:assert/strict";
import { test } from "node:test";
import type { SandboxPolicy } from "../../../src/sandbox/sandbox-policy.js";
import { isLikelySandboxDenied } from "../../../src/tools/builtin/exec/sandbox-denial.js";

const readOnly: SandboxPolicy = { mode: "read-only", networkAccess: false };
const fullAccess: SandboxPolicy = { mode: "danger-full-access", networkAccess: true };
const workspaceWithNetwork: SandboxPolicy = {
  mode: "workspace-write",
  writableRoots: [],
  networkAccess: true,
  excludeTmpdirEnvVar: false,
  excludeSlashTmp: false,
};

test("denial keywords in any output of a failed sandboxed command count, case-insensitively", () => {
  for (const text of ["touch: cannot touch 'x': Permission denied", "Operation not permitted", "Read-only file system", "landlock: denied"]) {
    assert.equal(isLikelySandboxDenied({ sandbox: readOnly, exitCode: 1, outputs: ["", text] }), true, text);
  }
});

test("successes, unconfined runs and plain failures are not denials", () => {
  assert.equal(isLikelySandboxDenied({ sandbox: readOnly, exitCode: 0, outputs: ["Permission denied"] }), false);
  assert.equal(isLikelySandboxDenied({ sandbox: fullAccess, exitCode: 1, outputs: ["Permission denied"] }), false);
  assert.equal(isLikelySandboxDenied({ sandbox: readOnly, exitCode: 1, outputs: ["error: no such file"] }), false);
  assert.equal(isLikelySandboxDenied({ sandbox: readOnly, exitCode: 127, outputs: ["bash: foo: command not found"] }), false);
});

test("network failures count only when the sandbox cut the network", () => {
  const output = ["curl: (6) Could not resolve host: example.com"];
  assert.equal(isLikelySandboxDenied({ sandbox: readOnly, exitCode: 6, outputs: output }), true);
  assert.equal(isLikelySandboxDenied({ sandbox: workspaceWithNetwork, exitCode: 6, outputs: output }), false);
  assert.equal(isLikelySandboxDenied({ sandbox: readOnly, exitCode: 7, outputs: ["curl: (7) Connection refused"] }), false);
});

test("a seccomp kill (128 + SIGSYS) is a denial on Linux", { skip: process.platform !== "linux" }, () => {
  assert.equal(isLikelySandboxDenied({ sandbox: readOnly, exitCode: 159, outputs: [""] }), true);
});
