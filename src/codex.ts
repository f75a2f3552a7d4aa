/**
 * Entry point of the SDK: holds the process-level settings and model client, and creates
 * threads. Same surface as @openai/codex-sdk's `Codex`.
 */
import { resolveEngineConfig, type EngineConfig } from "./config/engine-config.js";
import { createResponsesClient } from "./engine/create-client.js";
import { InvalidArgumentError } from "./errors.js";
import type { ResponsesClient } from "./model/responses-client.js";
import type { CodexOptions } from "./options/codex-options.js";
import type { ThreadOptions } from "./options/thread-options.js";
import { validateCodexOptions, validateThreadOptions } from "./options/validate-options.js";
import { Thread } from "./thread.js";

export class Codex {
  private readonly engine: EngineConfig;
  private client: ResponsesClient | undefined;

  constructor(options: CodexOptions = {}) {
    this.engine = resolveEngineConfig(validateCodexOptions(options));
  }

  /** Starts a new conversation; its id is known once the first run emits `thread.started`. */
  startThread(options: ThreadOptions = {}): Thread {
    return new Thread(this.runtime(), validateThreadOptions(options), null);
  }

  /**
   * Continues a conversation saved in CODEX_HOME/sessions (ours or the Codex CLI's). The session
   * file is located and replayed on the first run.
   */
  resumeThread(id: string, options: ThreadOptions = {}): Thread {
    if (typeof id !== "string" || id.trim().length === 0) throw new InvalidArgumentError("resumeThread needs a thread id");
    return new Thread(this.runtime(), validateThreadOptions(options), id.trim());
  }

  private runtime() {
    return {
      engine: this.engine,
      // Created on first use so that a missing key surfaces as a turn error, not a constructor throw.
      client: () => (this.client ??= createResponsesClient(this.engine)),
    };
  }
}
