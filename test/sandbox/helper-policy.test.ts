import assert from "node:assert/strict";
import { test } from "node:test";
import { helperPolicyJson, sandboxEnvironmentMarkers } from "../../src/sandbox/helper-policy.js";
import { fullAccess, readOnly, workspaceWrite } from "./command-harness.js";

test("the helper gets the resolved writable roots of workspace-write", () => {
  const policy = workspaceWrite({ writableRoots: ["/data", "relative"], excludeTmpdirEnvVar: false, excludeSlashTmp: false, networkAccess: true });
  assert.deepEqual(JSON.parse(helperPolicyJson(policy, "/work/repo", { TMPDIR: "/var/tmp/me" })), {
    mode: "workspace-write",
    writable_roots: ["/work/repo", "/data", "/work/repo/relative", "/var/tmp/me", "/tmp"],
    network_access: true,
  });
  assert.deepEqual(JSON.parse(helperPolicyJson(workspaceWrite(), "/work/repo", { TMPDIR: "/var/tmp/me" })).writable_roots, ["/work/repo"]);
});

test("read-only and full access carry no roots; only restricted network sets the marker", () => {
  assert.deepEqual(JSON.parse(helperPolicyJson(readOnly, "/w", {})), { mode: "read-only" });
  assert.deepEqual(JSON.parse(helperPolicyJson(fullAccess, "/w", {})), { mode: "danger-full-access" });
  assert.deepEqual(sandboxEnvironmentMarkers(readOnly), { CODEX_SANDBOX_NETWORK_DISABLED: "1" });
  assert.deepEqual(sandboxEnvironmentMarkers(workspaceWrite({ networkAccess: true })), {});
  assert.deepEqual(sandboxEnvironmentMarkers(fullAccess), {});
});
