import assert from "node:assert/strict";
import { test } from "node:test";
import { applyEnvironmentPolicy, shellEnvironmentPolicySchema } from "./environment-policy.js";

const engineEnv = {
  PATH: "/usr/bin",
  HOME: "/home/me",
  USER: "me",
  OPENAI_API_KEY: "sk-secret",
  GITHUB_token: "ghp",
  aws_secret_access_key: "aws",
  MONKEY_BUSINESS: "contains key",
  EDITOR: "vim",
  UNSET: undefined,
};

test("defaults inherit everything except KEY, SECRET and TOKEN names (case-insensitive)", () => {
  assert.deepEqual(applyEnvironmentPolicy(engineEnv), { PATH: "/usr/bin", HOME: "/home/me", USER: "me", EDITOR: "vim" });
});

test("ignore_default_excludes keeps secrets", () => {
  const env = applyEnvironmentPolicy(engineEnv, { ignore_default_excludes: true });
  assert.equal(env.OPENAI_API_KEY, "sk-secret");
  assert.equal(env.MONKEY_BUSINESS, "contains key");
  assert.equal("UNSET" in env, false);
});

test("inherit core keeps Codex's core variables, none keeps nothing", () => {
  assert.deepEqual(applyEnvironmentPolicy(engineEnv, { inherit: "core" }), { PATH: "/usr/bin", HOME: "/home/me", USER: "me" });
  assert.deepEqual(applyEnvironmentPolicy(engineEnv, { inherit: "none", set: { ONLY: "1" } }), { ONLY: "1" });
});

test("exclude globs, then set, then include_only, in Codex's order", () => {
  const env = applyEnvironmentPolicy(engineEnv, {
    exclude: ["ed?tor", "US*"],
    set: { NEW_VALUE: "1", PATH: "/opt/bin", MY_TOKEN: "set explicitly" },
    include_only: ["*path*", "*_token", "home"],
  });
  // `set` runs after the default excludes, and include_only filters what `set` added too.
  assert.deepEqual(env, { PATH: "/opt/bin", HOME: "/home/me", MY_TOKEN: "set explicitly" });
});

test("glob patterns match whole names and treat other characters literally", () => {
  const env = applyEnvironmentPolicy({ "A.B": "1", AXB: "2", "A+": "3", AA: "4" }, { include_only: ["A.B", "A+"] });
  assert.deepEqual(env, { "A.B": "1", "A+": "3" });
});

test("the config schema accepts config.toml's snake_case table and rejects unknown keys", () => {
  const parsed = shellEnvironmentPolicySchema().parse({ inherit: "core", ignore_default_excludes: true, experimental_use_profile: false });
  assert.deepEqual(parsed, { inherit: "core", ignore_default_excludes: true, exclude: [], set: {}, include_only: [], experimental_use_profile: false });
  assert.equal(shellEnvironmentPolicySchema().safeParse({ inherit: "some" }).success, false);
  assert.equal(shellEnvironmentPolicySchema().safeParse({ includeOnly: [] }).success, false);
});
