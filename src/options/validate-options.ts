/**
 * Runtime validation of the option bags (callers may be plain JavaScript). Unknown keys are
 * rejected so that a misspelt or unsupported option never silently does nothing.
 */
import { z } from "zod";
import { InvalidArgumentError } from "../errors.js";
import { sandboxLimitsSchema } from "../sandbox/sandbox-limits.js";
import { checkDynamicTool, checkToolDefinition } from "../tools/custom/custom-tool-registry.js";
import { mcpServersSchema } from "../mcp/mcp-options-schema.js";
import type { CodexOptions } from "./codex-options.js";
import type { ThreadOptions } from "./thread-options.js";
import type { TurnOptions } from "./turn-options.js";

// Each schema is built on its first validation, not at import and not with the others:
// constructing zod schemas is a visible share of a cold `import("@codex-native/sdk")`, and
// `new Codex()` needs only the CodexOptions schema (the thread and turn ones wait for the first
// `startThread()` and `run()`).
let codexSchema: z.ZodType | undefined;
let threadSchema: z.ZodType | undefined;
let turnSchema: z.ZodType | undefined;

const approval = () => z.enum(["never", "on-request", "on-failure", "untrusted"]);
const stringArray = () => z.array(z.string());
// Shapes only; names, lengths and contents are checked by src/skills/skill-types.ts.
const skills = () => z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]);
const triggers = () => z.array(z.enum(["$", "@"])).min(1);

function buildCodexSchema(): z.ZodType {
  return z
    .object({
      codexPathOverride: z.string().optional(),
      baseUrl: z.string().min(1).optional(),
      apiKey: z.string().min(1).optional(),
      config: z.record(z.string(), z.unknown()).optional(),
      configOverrides: stringArray().optional(),
      env: z.record(z.string(), z.string()).optional(),
      codexHome: z.string().min(1).optional(),
      approvalTimeoutMs: z.number().positive().optional(),
      skipGitRepoCheck: z.boolean().optional(),
      tools: z.array(z.unknown()).optional(),
      preserveRegisteredTools: z.boolean().optional(),
      defaultModel: z.string().min(1).optional(),
      modelProvider: z.string().min(1).optional(),
      mcp: mcpServersSchema().optional(),
      inheritMcp: z.boolean().optional(),
      skills: skills().optional(),
      skillMentionTriggers: triggers().optional(),
    })
    .strict();
}

function buildThreadSchema(): z.ZodType {
  const approvalPolicy = approval();
  const strings = stringArray();
  return z
    .object({
      model: z.string().min(1).optional(),
      threadSource: z.string().min(1).optional(),
      sandboxMode: z.enum(["read-only", "workspace-write", "danger-full-access"]).optional(),
      workingDirectory: z.string().min(1).optional(),
      skipGitRepoCheck: z.boolean().optional(),
      modelReasoningEffort: z
        .enum(["none", "minimal", "low", "medium", "high", "xhigh", "max", "ultra", "persistent"])
        .optional(),
      networkAccessEnabled: z.boolean().optional(),
      webSearchMode: z.enum(["disabled", "cached", "live"]).optional(),
      webSearchEnabled: z.boolean().optional(),
      approvalPolicy: approvalPolicy.optional(),
      additionalDirectories: strings.optional(),
      approvalMode: approvalPolicy.optional(),
      workspaceWriteOptions: z
        .object({
          writableRoots: strings.optional(),
          networkAccess: z.boolean().optional(),
          excludeTmpdirEnvVar: z.boolean().optional(),
          excludeSlashTmp: z.boolean().optional(),
        })
        .strict()
        .optional(),
      fullAuto: z.boolean().optional(),
      sandboxLimits: sandboxLimitsSchema().optional(),
      modelReasoningSummary: z.enum(["auto", "concise", "detailed", "none"]).optional(),
      modelVerbosity: z.enum(["low", "medium", "high"]).optional(),
      streamDeltas: z.boolean().optional(),
      baseInstructions: z.string().optional(),
      developerInstructions: z.string().optional(),
      reverieSearch: z.boolean().optional(),
      dynamicTools: z.array(z.unknown()).optional(),
      mcp: mcpServersSchema().optional(),
      inheritMcp: z.boolean().optional(),
      personality: z.enum(["none", "friendly", "pragmatic"]).optional(),
      ephemeral: z.boolean().optional(),
      projectDocs: z.boolean().optional(),
      additionalProjectDocs: strings.optional(),
      skills: skills().optional(),
      skillMentionTriggers: triggers().optional(),
      maxToolCalls: z.number().int().nonnegative().optional(),
      tokenBudget: z.number().int().positive().optional(),
    })
    .strict();
}

function buildTurnSchema(): z.ZodType {
  return z
    .object({
      outputSchema: z.unknown().optional(),
      signal: z.instanceof(AbortSignal).optional(),
      cyberAccessProgram: z.enum(["standard", "daybreak_blue", "daybreak_red"]).optional(),
    })
    .strict();
}

/**
 * Validates `value` against the schema `build` makes (once). No options at all (`undefined`,
 * `null`, `{}`), the common call, is answered as the schema would answer it ({}) without building
 * it; anything else, valid or not, goes through zod (same result, same messages).
 */
function check<T>(build: () => z.ZodType, value: unknown, what: string): T {
  if (value === undefined || value === null || isEmptyPlainObject(value)) return {} as T;
  const result = build().safeParse(value);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    throw new InvalidArgumentError(`Invalid ${what}: ${problems}`);
  }
  return result.data as T;
}

function isEmptyPlainObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Reflect.ownKeys(value).length === 0;
}

export function validateCodexOptions(options: unknown): CodexOptions {
  const checked = check<CodexOptions>(() => (codexSchema ??= buildCodexSchema()), options, "CodexOptions");
  checked.tools?.forEach((tool, index) => checkToolDefinition(tool, `CodexOptions.tools[${index}]`));
  return checked;
}

export function validateThreadOptions(options: unknown): ThreadOptions {
  const checked = check<ThreadOptions>(() => (threadSchema ??= buildThreadSchema()), options, "ThreadOptions");
  checked.dynamicTools?.forEach((tool, index) => checkDynamicTool(tool, index));
  return checked;
}

export function validateTurnOptions(options: unknown): TurnOptions {
  return check<TurnOptions>(() => (turnSchema ??= buildTurnSchema()), options, "TurnOptions");
}
