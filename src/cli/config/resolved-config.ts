/**
 * The merged CLI configuration: package.json `codexNative`, then `codex.config.*`, then each
 * `--plugin`, each merged on top of the previous (flags win over all of it when applied).
 */
import type { ApprovalCallback } from "../../options/approval-callback-types.js";
import type { ThreadOptions } from "../../options/thread-options.js";
import type { NativeToolDefinition } from "../../tools/custom/native-tool-types.js";
import type { BeforeStartHook, CodexNativeConfig, CodexNativeInterceptor, EventHook } from "./config-types.js";

export type ResolvedCliConfig = {
  /** Files that contributed, lowest priority first (for `--help`-style diagnostics and tests). */
  sources: string[];
  runDefaults: ThreadOptions;
  tuiDefaults: ThreadOptions;
  resumePicker: boolean;
  beforeStart: BeforeStartHook[];
  onEvent: EventHook[];
  approvals: ApprovalCallback | undefined;
  tools: NativeToolDefinition[];
  interceptors: CodexNativeInterceptor[];
};

export function emptyConfig(): ResolvedCliConfig {
  return { sources: [], runDefaults: {}, tuiDefaults: {}, resumePicker: true, beforeStart: [], onEvent: [], approvals: undefined, tools: [], interceptors: [] };
}

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Later objects win key by key; nested plain objects (e.g. workspaceWriteOptions) merge too. */
function mergeObjects<T extends object>(base: T, overlay: object | undefined): T {
  if (!overlay) return base;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === undefined) continue;
    merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? mergeObjects(merged[key] as object, value) : value;
  }
  return merged as T;
}

/** Checks the shape of one source's config; throws a plain Error that the caller wraps with the file name. */
export function checkConfigShape(config: unknown): asserts config is CodexNativeConfig {
  if (!isPlainObject(config)) throw new Error(`expected a config object (or a function returning one), got ${describe(config)}`);
  const known = new Set(["defaults", "hooks", "approvals", "tools", "interceptors"]);
  for (const key of Object.keys(config)) {
    if (!known.has(key)) throw new Error(`unknown field "${key}" (known: ${[...known].join(", ")})`);
  }
  if (config.defaults !== undefined) {
    if (!isPlainObject(config.defaults)) throw new Error(`"defaults" must be an object`);
    for (const key of Object.keys(config.defaults)) {
      if (key !== "run" && key !== "tui") throw new Error(`unknown field "defaults.${key}" (known: run, tui)`);
      if (!isPlainObject(config.defaults[key])) throw new Error(`"defaults.${key}" must be an object`);
    }
  }
  if (config.hooks !== undefined) {
    if (!isPlainObject(config.hooks)) throw new Error(`"hooks" must be an object`);
    for (const [key, value] of Object.entries(config.hooks)) {
      if (key !== "beforeStart" && key !== "onEvent") throw new Error(`unknown hook "${key}" (known: beforeStart, onEvent)`);
      if (!asList(value).every((hook) => typeof hook === "function")) throw new Error(`"hooks.${key}" must be a function or an array of functions`);
    }
  }
  if (config.approvals !== undefined && typeof config.approvals !== "function") throw new Error(`"approvals" must be a function`);
  if (config.tools !== undefined) {
    if (!Array.isArray(config.tools)) throw new Error(`"tools" must be an array`);
    config.tools.forEach((tool: unknown, index) => {
      if (!isPlainObject(tool) || typeof tool.name !== "string" || typeof tool.handler !== "function") {
        throw new Error(`"tools[${index}]" must be { name, description?, parameters?, handler }`);
      }
    });
  }
  if (config.interceptors !== undefined) {
    if (!Array.isArray(config.interceptors)) throw new Error(`"interceptors" must be an array`);
    config.interceptors.forEach((interceptor: unknown, index) => {
      if (!isPlainObject(interceptor) || typeof interceptor.toolName !== "string" || typeof interceptor.handler !== "function") {
        throw new Error(`"interceptors[${index}]" must be { toolName, handler }`);
      }
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/** Merges one source on top of `base`: defaults key by key, hooks appended, the last approvals callback wins. */
export function mergeConfig(base: ResolvedCliConfig, config: CodexNativeConfig, source: string): ResolvedCliConfig {
  const { resumePicker, ...tuiDefaults } = config.defaults?.tui ?? {};
  return {
    sources: [...base.sources, source],
    runDefaults: mergeObjects(base.runDefaults, config.defaults?.run),
    tuiDefaults: mergeObjects(base.tuiDefaults, tuiDefaults),
    resumePicker: resumePicker ?? base.resumePicker,
    beforeStart: [...base.beforeStart, ...asList(config.hooks?.beforeStart)],
    onEvent: [...base.onEvent, ...asList(config.hooks?.onEvent)],
    approvals: config.approvals ?? base.approvals,
    tools: [...base.tools, ...(config.tools ?? [])],
    interceptors: [...base.interceptors, ...(config.interceptors ?? [])],
  };
}
