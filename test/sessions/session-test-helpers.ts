/** Shared fixtures for the session-file tests: real temp dirs and a minimal valid session meta. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SessionMetaInput } from "../../src/sessions/rollout-schema.js";

/** A fresh directory under the OS temp dir; pass it to `removeTempDir` when done. */
export function makeTempDir(prefix = "codex-sessions-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export function removeTempDir(directory: string): Promise<void> {
  return rm(directory, { recursive: true, force: true });
}

/** Session meta with git recording switched off, so tests do not depend on where they run. */
export function sampleMeta(cwd: string, overrides: Partial<SessionMetaInput> = {}): SessionMetaInput {
  return {
    cwd,
    originator: "codex_sdk_test",
    cli_version: "0.1.0",
    source: "exec",
    model_provider: "openai",
    base_instructions: { text: "You are a test agent." },
    git: null,
    ...overrides,
  };
}

/** Matches the rollout timestamp format: UTC, milliseconds, `Z`. */
export const ROLLOUT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A user message response item. */
export function userMessage(text: string): { type: string; role: string; content: Array<{ type: string; text: string }> } {
  return { type: "message", role: "user", content: [{ type: "input_text", text }] };
}

/** An assistant message response item. */
export function assistantMessage(text: string): { type: string; role: string; content: Array<{ type: string; text: string }> } {
  return { type: "message", role: "assistant", content: [{ type: "output_text", text }] };
}
