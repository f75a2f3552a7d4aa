/**
 * Runtime validation of the option bags (callers may be plain JavaScript). Unknown keys are
 * rejected so that a misspelt or unsupported option never silently does nothing.
 */
import { s, type Spec } from "../validation/spec.js";
import { InvalidArgumentError } from "../errors.js";
import { sandboxLimitsSchema } from "../sandbox/sandbox-limits.js";
import { checkDynamicTool, checkToolDefinition } from "../tools/custom/custom-tool-registry.js";
import { mcpServersSchema } from "../mcp/mcp-options-schema.js";
import type { CodexOptions } from "./codex-options.js";
import type { ThreadOptions } from "./thread-options.js";
import type { TurnOptions } from "./turn-options.js";

// Each schema is built on its first validation, not at import and not with the others: `new Codex()`
// needs only the CodexOptions schema (the thread and turn ones wait for the first `startThread()`
// and `run()`). Valid options are checked without zod (src/validation/spec.ts).
let codexSchema: Spec | undefined;
let threadSchema: Spec | undefined;
let turnSchema: Spec | undefined;

const approval = () => s.enum(["never", "on-request", "on-failure", "untrusted"]);
const stringArray = () => s.array(s.string());
// Shapes only; names, lengths and contents are checked by src/skills/skill-types.ts.
const skills = () => s.union([s.array(s.unknown()), s.record(s.string(), s.unknown())]);
const triggers = () => s.array(s.enum(["$", "@"])).min(1);

function buildCodexSchema(): Spec {
  return s
    .object({
      codexPathOverride: s.string().optional(),
      baseUrl: s.string().min(1).optional(),
      apiKey: s.string().min(1).optional(),
      config: s.record(s.string(), s.unknown()).optional(),
      configOverrides: stringArray().optional(),
      env: s.record(s.string(), s.string()).optional(),
      codexHome: s.string().min(1).optional(),
      approvalTimeoutMs: s.number().positive().optional(),
      skipGitRepoCheck: s.boolean().optional(),
      tools: s.array(s.unknown()).optional(),
      preserveRegisteredTools: s.boolean().optional(),
      defaultModel: s.string().min(1).optional(),
      modelProvider: s.string().min(1).optional(),
      mcp: mcpServersSchema().optional(),
      inheritMcp: s.boolean().optional(),
      skills: skills().optional(),
      skillMentionTriggers: triggers().optional(),
    })
    .strict();
}

function buildThreadSchema(): Spec {
  const approvalPolicy = approval();
  const strings = stringArray();
  return s
    .object({
      model: s.string().min(1).optional(),
      threadSource: s.string().min(1).optional(),
      sandboxMode: s.enum(["read-only", "workspace-write", "danger-full-access"]).optional(),
      workingDirectory: s.string().min(1).optional(),
      skipGitRepoCheck: s.boolean().optional(),
      modelReasoningEffort: s
        .enum(["none", "minimal", "low", "medium", "high", "xhigh", "max", "ultra", "persistent"])
        .optional(),
      networkAccessEnabled: s.boolean().optional(),
      webSearchMode: s.enum(["disabled", "cached", "live"]).optional(),
      webSearchEnabled: s.boolean().optional(),
      approvalPolicy: approvalPolicy.optional(),
      additionalDirectories: strings.optional(),
      approvalMode: approvalPolicy.optional(),
      workspaceWriteOptions: s
        .object({
          writableRoots: strings.optional(),
          networkAccess: s.boolean().optional(),
          excludeTmpdirEnvVar: s.boolean().optional(),
          excludeSlashTmp: s.boolean().optional(),
        })
        .strict()
        .optional(),
      fullAuto: s.boolean().optional(),
      sandboxLimits: sandboxLimitsSchema().optional(),
      modelReasoningSummary: s.enum(["auto", "concise", "detailed", "none"]).optional(),
      modelVerbosity: s.enum(["low", "medium", "high"]).optional(),
      streamDeltas: s.boolean().optional(),
      baseInstructions: s.string().optional(),
      developerInstructions: s.string().optional(),
      reverieSearch: s.boolean().optional(),
      dynamicTools: s.array(s.unknown()).optional(),
      mcp: mcpServersSchema().optional(),
      inheritMcp: s.boolean().optional(),
      personality: s.enum(["none", "friendly", "pragmatic"]).optional(),
      ephemeral: s.boolean().optional(),
      projectDocs: s.boolean().optional(),
      additionalProjectDocs: strings.optional(),
      skills: skills().optional(),
      skillMentionTriggers: triggers().optional(),
      maxToolCalls: s.number().int().nonnegative().optional(),
      tokenBudget: s.number().int().positive().optional(),
    })
    .strict();
}

function buildTurnSchema(): Spec {
  return s
    .object({
      outputSchema: s.unknown().optional(),
      signal: s.instanceof(AbortSignal).optional(),
      cyberAccessProgram: s.enum(["standard", "daybreak_blue", "daybreak_red"]).optional(),
    })
    .strict();
}

/**
 * Validates `value` against the schema `build` makes (once). No options (`undefined`, `null`) is
 * the same as `{}`; invalid options get zod's messages.
 */
function check<T>(build: () => Spec, value: unknown, what: string): T {
  if (value === undefined || value === null) return {} as T;
  const result = build().safeParse(value);
  if (!result.success) {
    const problems = result.issues
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    throw new InvalidArgumentError(`Invalid ${what}: ${problems}`);
  }
  return result.data as T;
}

/** The specs of the three option bags (test/options/spec-fast-parse.test.ts compares them with zod). */
export const optionSpecs = {
  codex: (): Spec => (codexSchema ??= buildCodexSchema()),
  thread: (): Spec => (threadSchema ??= buildThreadSchema()),
  turn: (): Spec => (turnSchema ??= buildTurnSchema()),
};

export function validateCodexOptions(options: unknown): CodexOptions {
  const checked = check<CodexOptions>(optionSpecs.codex, options, "CodexOptions");
  checked.tools?.forEach((tool, index) => checkToolDefinition(tool, `CodexOptions.tools[${index}]`));
  return checked;
}

export function validateThreadOptions(options: unknown): ThreadOptions {
  const checked = check<ThreadOptions>(optionSpecs.thread, options, "ThreadOptions");
  checked.dynamicTools?.forEach((tool, index) => checkDynamicTool(tool, index));
  return checked;
}

export function validateTurnOptions(options: unknown): TurnOptions {
  return check<TurnOptions>(optionSpecs.turn, options, "TurnOptions");
}
