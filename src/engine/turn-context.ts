/**
 * Everything one turn needs, passed explicitly to each step (no ambient globals).
 */
import type { ThreadSettings } from "../config/thread-settings.js";
import type { ModelInfo } from "../model-info/model-info.js";
import type { ResponsesClient } from "../model/responses-client.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import type { ItemEmitter } from "./item-emitter.js";
import type { SessionRecorder } from "./session-recorder.js";
import type { ThreadServices } from "./thread-services.js";

export type TurnContext = {
  threadId: string;
  turnId: string;
  settings: ThreadSettings;
  env: Record<string, string | undefined>;
  codexHome: string;
  client: ResponsesClient;
  tools: ToolRegistry;
  recorder: SessionRecorder;
  items: ItemEmitter;
  /** Fires on the caller's abort; every await of the turn honours it. */
  signal: AbortSignal;
  /** Per-thread services (command runner, authorizer, cross-turn tool state). */
  services: ThreadServices;
  /** The strict JSON schema of this turn's final answer, if any. */
  outputSchema: Record<string, unknown> | undefined;
  /** Asked before each model request: instructions/model replacing the thread's (review, the active agent). */
  requestOverrides?: () => RequestOverrides;
  /** Headers added to every request of the turn (`x-openai-subagent: review`). */
  extraHeaders?: Record<string, string>;
};

/**
 * What one model request uses instead of the thread's settings: `instructions` replaces the base
 * instructions, `extraInstructions` follows them (an agent's own instructions).
 */
export type RequestOverrides = { instructions?: string; extraInstructions?: string; model?: ModelInfo };
