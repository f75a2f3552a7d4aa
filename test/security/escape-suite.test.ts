/**
 * The sandbox escape suite: real commands through the production runner and helper, each trying
 * to break out of `read-only` or `workspace-write` (or, for process lifecycle, any mode). Every
 * attempt must be blocked; the summary line is printed at the end. Legitimate work under the
 * same policies is checked in legitimate-operations.test.ts.
 *
 * In CI (CI=true) a machine without the sandbox fails the suite instead of skipping it, unless
 * CODEX_NATIVE_ALLOW_NO_SANDBOX=1 says that is expected there.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, test } from "node:test";
import { createCommandRunner, isSandboxSupported } from "../../src/exec/sandboxed-command-runner.js";
import { sandboxSupport } from "../../src/sandbox/exec-helper.js";
import { makeLayout } from "../sandbox/command-harness.js";
import { registerDatagramAttempts } from "./datagram-attempts.js";
import type { EscapeContext } from "./escape-harness.js";
import { summaryLine } from "./escape-harness.js";
import { registerFilesystemAttempts } from "./filesystem-attempts.js";
import { registerLifecycleAttempts } from "./lifecycle-attempts.js";
import { registerLimitAttempts } from "./limit-attempts.js";
import { registerNetworkAttempts } from "./network-attempts.js";
import { registerPrivilegeAttempts } from "./privilege-attempts.js";
import { registerProcessAttempts } from "./process-attempts.js";
import { registerProtectedPlaceAttempts } from "./protected-place-attempts.js";
import { registerPatchAttempts } from "./patch-attempts.js";
import { registerApprovalAttempts } from "./approval-attempts.js";
import { registerCustomToolAttempts } from "./custom-tool-attempts.js";

/** One line per attempts file. */
const attemptFiles: Array<(context: EscapeContext) => void> = [
  registerFilesystemAttempts,
  registerNetworkAttempts,
  registerDatagramAttempts,
  registerProcessAttempts,
  registerPrivilegeAttempts,
  registerProtectedPlaceAttempts,
  registerLifecycleAttempts,
  registerLimitAttempts,
  registerPatchAttempts,
  registerApprovalAttempts,
  registerCustomToolAttempts,
];

const supported = isSandboxSupported();
const skipAllowed = process.env.CI !== "true" || process.env.CODEX_NATIVE_ALLOW_NO_SANDBOX === "1";
const layout = makeLayout();
const context: EscapeContext = {
  runner: createCommandRunner(),
  layout,
  python: ["/usr/bin/python3", "/usr/local/bin/python3"].find((candidate) => existsSync(candidate)),
  skip: supported ? false : `sandbox unavailable: ${sandboxSupport().reason}`,
  skipDestructive: process.env.CODEX_ESCAPE_SUITE_SKIP_DESTRUCTIVE === "1" ? "destructive attempts are skipped in this run" : false,
};

test("the sandbox is available (required in CI unless CODEX_NATIVE_ALLOW_NO_SANDBOX=1)", { skip: supported || skipAllowed ? "sandbox present or skipping allowed" : false }, () => {
  assert.fail(`the escape suite cannot run: ${sandboxSupport().reason}`);
});

for (const register of attemptFiles) register(context);

after(() => {
  console.log(`${summaryLine()} (uid ${process.getuid?.() ?? "?"})`);
  layout.cleanup();
});
