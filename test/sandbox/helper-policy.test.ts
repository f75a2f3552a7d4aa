import assert from "node:assert/strict";
import { test } from "node:test";
import { helperPolicyJson, sandboxEnvironmentMarkers } from "../../src/sandbox/helper-policy.js";
import { defaultSandboxLimits, resolveSandboxLimits, sandboxLimitsSchema } from "../../src/sandbox/sandbox-limits.js";
import { fullAccess, readOnly, workspaceWrite } from "./command-harness.js";

const defaultLimits = {
  max_processes: defaultSandboxLimits.maxProcesses,
  address_space_bytes: defaultSandboxLimits.addressSpaceBytes,
  file_size_bytes: defaultSandboxLimits.fileSizeBytes,
  cpu_time_seconds: defaultSandboxLimits.cpuTimeSeconds,
};

test("the helper gets the resolved writable roots of workspace-write", () => {
  const policy = workspaceWrite({ writableRoots: ["/data", "relative"], excludeTmpdirEnvVar: false, excludeSlashTmp: false, networkAccess: true });
  assert.deepEqual(JSON.parse(helperPolicyJson(policy, "/work/repo", { TMPDIR: "/var/tmp/me" }, { codexHome: "/home/me/.codex" })), {
    mode: "workspace-write",
    writable_roots: ["/work/repo", "/data", "/work/repo/relative", "/var/tmp/me", "/tmp"],
    network_access: true,
    codex_home: "/home/me/.codex",
    limits: defaultLimits,
  });
  assert.deepEqual(JSON.parse(helperPolicyJson(workspaceWrite(), "/work/repo", { TMPDIR: "/var/tmp/me" })).writable_roots, ["/work/repo"]);
});

test("read-only and full access carry no roots; only restricted network sets the marker", () => {
  assert.deepEqual(JSON.parse(helperPolicyJson(readOnly, "/w", {}, { codexHome: "/h" })), { mode: "read-only", codex_home: "/h", limits: defaultLimits });
  // Full access confines nothing: the home is not passed, the limits still apply.
  assert.deepEqual(JSON.parse(helperPolicyJson(fullAccess, "/w", {}, { codexHome: "/h" })), { mode: "danger-full-access", limits: defaultLimits });
  assert.deepEqual(sandboxEnvironmentMarkers(readOnly), { CODEX_SANDBOX_NETWORK_DISABLED: "1" });
  assert.deepEqual(sandboxEnvironmentMarkers(workspaceWrite({ networkAccess: true })), {});
  assert.deepEqual(sandboxEnvironmentMarkers(fullAccess), {});
});

test("sandbox limits: overrides replace defaults, null lifts a limit, bad values are rejected", () => {
  const limits = resolveSandboxLimits({ maxProcesses: 64, cpuTimeSeconds: null });
  assert.equal(limits.maxProcesses, 64);
  assert.equal(limits.cpuTimeSeconds, null);
  assert.equal(limits.addressSpaceBytes, defaultSandboxLimits.addressSpaceBytes);
  const json = JSON.parse(helperPolicyJson(readOnly, "/w", {}, { limits: { maxProcesses: 64, cpuTimeSeconds: null } }));
  const { cpu_time_seconds: _lifted, ...others } = defaultLimits;
  assert.deepEqual(json.limits, { ...others, max_processes: 64 });
  assert.equal(sandboxLimitsSchema().safeParse({ maxProcesses: -1 }).success, false);
  assert.equal(sandboxLimitsSchema().safeParse({ maxProcess: 5 }).success, false);
  assert.equal(sandboxLimitsSchema().safeParse({ fileSizeBytes: 1024, cpuTimeSeconds: null }).success, true);
});
