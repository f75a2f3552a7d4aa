/**
 * Codex's `[shell_environment_policy]`: which variables of the engine's environment a command
 * gets. Applied in Codex's order: inherit → default excludes → `exclude` → `set` →
 * `include_only`. Patterns are case-insensitive globs (`*` any run, `?` one character) matched
 * against the whole name.
 *
 * One deliberate difference: `ignore_default_excludes` defaults to false here, so variables
 * whose name contains KEY, SECRET or TOKEN (API keys…) never reach a command unless the
 * config says so. Codex CLI now defaults it to true.
 */
import { s, type Infer, type InferInput } from "../validation/spec.js";

function buildShellEnvironmentPolicy() {
  return s
    .object({
      /** Starting set: everything, the core variables, or nothing. */
      inherit: s.enum(["all", "core", "none"]).default(() => "all"),
      /** Keep variables whose name contains KEY, SECRET or TOKEN. */
      ignore_default_excludes: s.boolean().default(() => false),
      /** Glob patterns of variable names to drop. */
      exclude: s.array(s.string()).default(() => []),
      /** Variables to set (after the excludes). */
      set: s.record(s.string(), s.string()).default(() => ({})),
      /** When non-empty, only variables matching one of these globs are kept (applied last). */
      include_only: s.array(s.string()).default(() => []),
      /** Accepted for config compatibility; commands are not run through a login profile. */
      experimental_use_profile: s.boolean().optional(),
    })
    .strict();
}
let shellEnvironmentPolicy: ReturnType<typeof buildShellEnvironmentPolicy> | undefined;

/** The `shell_environment_policy` config table (snake_case keys as in config.toml), built on first use. */
export function shellEnvironmentPolicySchema(): ReturnType<typeof buildShellEnvironmentPolicy> {
  return (shellEnvironmentPolicy ??= buildShellEnvironmentPolicy());
}
export type ShellEnvironmentPolicy = Infer<ReturnType<typeof buildShellEnvironmentPolicy>>;
/** The policy as written in config (every field optional). */
export type ShellEnvironmentPolicyInput = InferInput<ReturnType<typeof buildShellEnvironmentPolicy>>;

/** `inherit = "core"` keeps these (Codex's list). */
export const coreEnvironmentVariables: readonly string[] = ["HOME", "LOGNAME", "PATH", "SHELL", "USER", "USERNAME", "TMPDIR", "TEMP", "TMP"];

const defaultExcludes = ["*KEY*", "*SECRET*", "*TOKEN*"];

function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (const character of pattern) {
    if (character === "*") source += ".*";
    else if (character === "?") source += ".";
    else source += character.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "is");
}

function matcher(patterns: readonly string[]): (name: string) => boolean {
  const expressions = patterns.map(globToRegExp);
  return (name) => expressions.some((expression) => expression.test(name));
}

/**
 * Builds a command's environment from `env` (usually `process.env`) under `policy` (defaults
 * apply to missing fields). Undefined values are dropped.
 */
export function applyEnvironmentPolicy(
  env: Record<string, string | undefined>,
  policy: ShellEnvironmentPolicyInput = {},
): Record<string, string> {
  const resolved = shellEnvironmentPolicySchema().parse(policy);
  const entries = Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined);
  let kept: Array<[string, string]>;
  if (resolved.inherit === "all") {
    kept = entries;
  } else if (resolved.inherit === "none") {
    kept = [];
  } else {
    // Windows variable names are case-insensitive (Path vs PATH).
    const caseInsensitive = process.platform === "win32";
    const core = new Set(coreEnvironmentVariables.map((name) => (caseInsensitive ? name.toUpperCase() : name)));
    kept = entries.filter(([name]) => core.has(caseInsensitive ? name.toUpperCase() : name));
  }
  if (!resolved.ignore_default_excludes) {
    const isSecret = matcher(defaultExcludes);
    kept = kept.filter(([name]) => !isSecret(name));
  }
  if (resolved.exclude.length > 0) {
    const isExcluded = matcher(resolved.exclude);
    kept = kept.filter(([name]) => !isExcluded(name));
  }
  const result = new Map(kept);
  for (const [name, value] of Object.entries(resolved.set)) result.set(name, value);
  if (resolved.include_only.length > 0) {
    const isIncluded = matcher(resolved.include_only);
    for (const name of [...result.keys()]) if (!isIncluded(name)) result.delete(name);
  }
  return Object.fromEntries(result);
}
