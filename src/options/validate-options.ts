/**
 * Runtime validation of the option bags (callers may be plain JavaScript). Unknown keys are
 * rejected so that a misspelt or unsupported option never silently does nothing.
 */
import { z } from "zod";
import { InvalidArgumentError } from "../errors.js";
import { SandboxLimitsSchema } from "../sandbox/sandbox-limits.js";
import { checkDynamicTool, checkToolDefinition } from "../tools/custom/custom-tool-registry.js";
import { mcpServersSchema } from "../mcp/mcp-options-schema.js";
import type { CodexOptions } from "./codex-options.js";
import type { ThreadOptions } from "./thread-options.js";
import type { TurnOptions } from "./turn-options.js";

// Built on the first validation, not at import: constructing zod schemas is a visible share of a
// cold `import("@codex-native/sdk")`.
let built: { codex: z.ZodType; thread: z.ZodType; turn: z.ZodType } | undefined;

function schemas(): { codex: z.ZodType; thread: z.ZodType; turn: z.ZodType } {
  return (built ??= buildSchemas());
}

function buildSchemas(): { codex: z.ZodType; thread: z.ZodType; turn: z.ZodType } {
  const approval = z.enum(["never", "on-request", "on-failure", "untrusted"]);
  const stringArray = z.array(z.string());
  // Shapes only; names, lengths and contents are checked by src/skills/skill-types.ts.
  const skills = z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]);
  const triggers = z.array(z.enum(["$", "@"])).min(1);

  const codex = z
    .object({
      codexPathOverride: z.string().optional(),
      baseUrl: z.string().min(1).optional(),
      apiKey: z.string().min(1).optional(),
      config: z.record(z.string(), z.unknown()).optional(),
      configOverrides: stringArray.optional(),
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
      skills: skills.optional(),
      skillMentionTriggers: triggers.optional(),
    })
    .strict();

  const thread = z
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
      approvalPolicy: approval.optional(),
      additionalDirectories: stringArray.optional(),
      approvalMode: approval.optional(),
      workspaceWriteOptions: z
        .object({
          writableRoots: stringArray.optional(),
          networkAccess: z.boolean().optional(),
          excludeTmpdirEnvVar: z.boolean().optional(),
          excludeSlashTmp: z.boolean().optional(),
        })
        .strict()
        .optional(),
      fullAuto: z.boolean().optional(),
      sandboxLimits: SandboxLimitsSchema.optional(),
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
      additionalProjectDocs: stringArray.optional(),
      skills: skills.optional(),
      skillMentionTriggers: triggers.optional(),
      maxToolCalls: z.number().int().nonnegative().optional(),
      tokenBudget: z.number().int().positive().optional(),
    })
    .strict();

  const turn = z
    .object({
      outputSchema: z.unknown().optional(),
      signal: z.instanceof(AbortSignal).optional(),
      cyberAccessProgram: z.enum(["standard", "daybreak_blue", "daybreak_red"]).optional(),
    })
    .strict();
  return { codex, thread, turn };
}

function check<T>(schema: z.ZodType, value: unknown, what: string): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    throw new InvalidArgumentError(`Invalid ${what}: ${problems}`);
  }
  return result.data as T;
}

export function validateCodexOptions(options: unknown): CodexOptions {
  const checked = check<CodexOptions>(schemas().codex, options, "CodexOptions");
  checked.tools?.forEach((tool, index) => checkToolDefinition(tool, `CodexOptions.tools[${index}]`));
  return checked;
}

export function validateThreadOptions(options: unknown): ThreadOptions {
  const checked = check<ThreadOptions>(schemas().thread, options, "ThreadOptions");
  checked.dynamicTools?.forEach((tool, index) => checkDynamicTool(tool, index));
  return checked;
}

export function validateTurnOptions(options: unknown): TurnOptions {
  return check<TurnOptions>(schemas().turn, options, "TurnOptions");
}
