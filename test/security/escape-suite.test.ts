/**
 * The sandbox escape suite: real commands through the production runner and helper, each trying
 * to break out of `read-only` or `workspace-write`. Every attempt must be blocked; the summary
 * line is printed at the end. Legitimate work under the same policies is checked in
 * legitimate-operations.test.ts.
 */
import { existsSync } from "node:fs";
import { after } from "node:test";
import { createCommandRunner, isSandboxSupported } from "../../src/exec/sandboxed-command-runner.js";
import { sandboxSupport } from "../../src/sandbox/exec-helper.js";
import { makeLayout } from "../sandbox/command-harness.js";
import type { EscapeContext } from "./escape-harness.js";
import { summaryLine } from "./escape-harness.js";
import { registerFilesystemAttempts } from "./filesystem-attempts.js";
import { registerNetworkAttempts } from "./network-attempts.js";
import { registerProcessAttempts } from "./process-attempts.js";
import { registerPatchAttempts } from "./patch-attempts.js";
import { registerApprovalAttempts } from "./approval-attempts.js";

const layout = makeLayout();
const context: EscapeContext = {
  runner: createCommandRunner(),
  layout,
  python: ["/usr/bin/python3", "/usr/local/bin/python3"].find((candidate) => existsSync(candidate)),
  skip: isSandboxSupported() ? false : `sandbox unavailable: ${sandboxSupport().reason}`,
};

registerFilesystemAttempts(context);
registerNetworkAttempts(context);
registerProcessAttempts(context);
registerPatchAttempts(context);
registerApprovalAttempts(context);

after(() => {
  console.log(summaryLine());
  layout.cleanup();
});
