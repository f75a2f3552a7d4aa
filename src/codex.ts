/**
 * Entry point of the SDK: holds the process-level settings and model client, and creates
 * threads. Same surface as @openai/codex-sdk's `Codex`.
 */
import { resolveEngineConfig, type EngineConfig } from "./config/engine-config.js";
import { createResponsesClient } from "./engine/create-client.js";
import { InvalidArgumentError } from "./errors.js";
import type { ApprovalCallback } from "./approvals/approval-callback.js";
import type { ResponsesClient } from "./model/responses-client.js";
import type { CodexOptions } from "./options/codex-options.js";
import type { ThreadOptions } from "./options/thread-options.js";
import { validateCodexOptions, validateThreadOptions } from "./options/validate-options.js";
import { Thread } from "./thread.js";

export class Codex {
  private readonly engine: EngineConfig;
  private client: ResponsesClient | undefined;
  private approvalCallback: ApprovalCallback | undefined;

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

  /**
   * Registers the approval callback of every thread of this instance (a thread's own
   * `onApprovalRequest` wins). Asked whenever the approval policy requires a decision; without one
   * such requests are denied. Pass undefined to remove it.
   */
  setApprovalCallback(callback: ApprovalCallback | undefined): void {
    if (callback !== undefined && typeof callback !== "function") {
      throw new InvalidArgumentError("setApprovalCallback expects a function (or undefined to remove it)");
    }
    this.approvalCallback = callback;
  }

  private runtime() {
    return {
      engine: this.engine,
      approvalCallback: () => this.approvalCallback,
      // Created on first use so that a missing key surfaces as a turn error, not a constructor throw.
      client: () => (this.client ??= createResponsesClient(this.engine)),
    };
  }
}
