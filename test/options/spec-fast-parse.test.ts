/**
 * The zod-free check of specs (src/validation/spec-fast-parse.ts) must answer as zod does: for
 * every value it decides, zod accepts the value and returns an equal result; what it leaves
 * undecided, zod decides. Checked on the real specs (options, config.toml, shell environment
 * policy, sandbox limits, MCP servers) with hand-picked values and with every leaf of valid values
 * replaced by odd ones. The common, valid values must be decided without zod (else zod loads on
 * every `new Codex()` again, and nothing else would notice).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { knownConfigSchema } from "../../src/config/config-schema.js";
import { shellEnvironmentPolicySchema } from "../../src/exec/environment-policy.js";
import { mcpServersSchema } from "../../src/mcp/mcp-options-schema.js";
import { optionSpecs } from "../../src/options/validate-options.js";
import { sandboxLimitsSchema } from "../../src/sandbox/sandbox-limits.js";
import { s, type Spec } from "../../src/validation/spec.js";
import { fastParse, UNDECIDED } from "../../src/validation/spec-fast-parse.js";
import { agrees, assertAgreesOnVariants, show } from "../helpers/spec-agreement.js";

const bench = {
  model: "gpt-5.5",
  model_provider: "mock",
  approval_policy: "never",
  sandbox_mode: "workspace-write",
  check_for_update_on_startup: false,
  model_providers: {
    mock: { name: "mock", base_url: "http://127.0.0.1:1/v1", env_key: "OPENAI_API_KEY", wire_api: "responses", request_max_retries: 0, stream_max_retries: 0 },
  },
  features: { plugins: false },
  analytics: { enabled: false },
};

const cases: Array<{ name: string; spec: () => Spec; common: unknown[]; other: unknown[] }> = [
  {
    name: "CodexOptions",
    spec: optionSpecs.codex,
    common: [
      { env: { PATH: "/usr/bin", HOME: "/home/u" }, apiKey: "sk-1", baseUrl: "http://localhost:1/v1" },
      { codexHome: "/tmp/h", config: { model: "m", sandbox_workspace_write: { network_access: true } }, configOverrides: ["model=\"m\""] },
      { skipGitRepoCheck: true, approvalTimeoutMs: 500, defaultModel: "m", skills: [{ name: "a" }], skillMentionTriggers: ["$"] },
      { skills: { a: 1 }, inheritMcp: false, mcp: { docs: { command: "npx", args: ["-y", "server"] } } },
    ],
    other: [{ mcp: { docs: { url: "https://example.com/mcp" } } }, { mcp: { "bad name": { command: "x" } } }, { skillMentionTriggers: [] }],
  },
  {
    name: "ThreadOptions",
    spec: optionSpecs.thread,
    common: [
      { workingDirectory: "/w", skipGitRepoCheck: true, sandboxMode: "workspace-write", approvalPolicy: "never" },
      { model: "gpt-5.5", modelReasoningEffort: "high", networkAccessEnabled: true, webSearchMode: "live", additionalDirectories: ["/a"] },
      { workspaceWriteOptions: { writableRoots: ["/r"], excludeSlashTmp: true }, sandboxLimits: { maxProcesses: 400, cpuTimeSeconds: null } },
      { model: undefined, maxToolCalls: 0, tokenBudget: 10, personality: "friendly", ephemeral: true, dynamicTools: [] },
    ],
    other: [{ sandboxLimits: { maxProcesses: 0 } }, { workspaceWriteOptions: { extra: 1 } }],
  },
  {
    name: "TurnOptions",
    spec: optionSpecs.turn,
    common: [{ signal: new AbortController().signal }, { outputSchema: { type: "object" }, cyberAccessProgram: "standard" }],
    other: [{ signal: {} }],
  },
  {
    name: "config.toml",
    spec: knownConfigSchema,
    common: [
      bench,
      { profile: "p", profiles: { p: { model: "m", approval_policy: "on-request" } }, shell_environment_policy: { inherit: "core", set: { A: "b" } } },
      { mcp_servers: { docs: { command: "x" } }, skills: { config: [{ path: "/s/SKILL.md", enabled: false, extra: 1 }] }, project_doc_max_bytes: 0 },
    ],
    other: [{ features: { plugins: { nested: true } } }, { model_providers: { m: { wire_api: "chat" } } }],
  },
  { name: "shell_environment_policy", spec: shellEnvironmentPolicySchema, common: [{}, { inherit: "none", exclude: ["A*"], include_only: [] }], other: [] },
  { name: "sandboxLimits", spec: sandboxLimitsSchema, common: [{ maxProcesses: 1024, addressSpaceBytes: null }], other: [] },
  { name: "mcp servers", spec: mcpServersSchema, common: [{ a: { command: "c", env: { K: "v" }, enabledTools: ["t"] } }], other: [{ a: { url: "x" } }] },
];

for (const { name, spec, common, other } of cases) {
  test(`${name}: the common values are decided without zod, as zod decides them`, () => {
    for (const value of common) assert.ok(agrees(spec(), value, name), `${name}: left to zod: ${show(value)}`);
  });

  test(`${name}: every variant of the values gets zod's answer`, () => {
    assertAgreesOnVariants(spec(), [...common, ...other], name);
  });
}

test("a later union option answers only when the earlier ones reject the value's type", () => {
  const spec = s.union([s.array(s.string()), s.record(s.string(), s.number())]);
  assert.deepStrictEqual(fastParse(spec.node, { a: 1 }), { a: 1 });
  const urlFirst = s.union([s.string().url(), s.string()]);
  assert.equal(fastParse(urlFirst.node, "not a url"), UNDECIDED, "the URL option is zod's to judge, even though the second accepts");
  assert.equal(urlFirst.safeParse("not a url").success, true);
  assert.equal(urlFirst.safeParse(5).success, false);
});

test("a record keyed by an enum is zod's to check (zod wants every key)", () => {
  const spec = s.record(s.enum(["a", "b"]), s.number());
  assert.equal(fastParse(spec.node, { a: 1 }), UNDECIDED);
  assert.equal(spec.safeParse({ a: 1 }).success, false);
  assert.deepEqual(spec.safeParse({ a: 1, b: 2 }), { success: true, data: { a: 1, b: 2 } });
});

test("results are copies: defaults are fresh, arrays and records are new objects", () => {
  const policy = shellEnvironmentPolicySchema();
  const first = policy.parse({});
  const second = policy.parse({});
  assert.notEqual(first.exclude, second.exclude);
  const input = { set: { A: "1" }, exclude: ["B"] };
  const parsed = policy.parse(input);
  assert.notEqual(parsed.set, input.set);
  assert.notEqual(parsed.exclude, input.exclude);
  assert.deepEqual(parsed, { inherit: "all", ignore_default_excludes: false, exclude: ["B"], set: { A: "1" }, include_only: [] });
});

test("invalid values get zod's issues, with paths", () => {
  const result = optionSpecs.thread().safeParse({ sandboxMode: "open", workspaceWriteOptions: { writableRoots: [1] } });
  assert.equal(result.success, false);
  if (result.success) return;
  assert.deepEqual(
    result.issues.map((issue) => issue.path.join(".")),
    ["sandboxMode", "workspaceWriteOptions.writableRoots.0"],
  );
  assert.match(result.issues[0]!.message, /read-only/);
});
