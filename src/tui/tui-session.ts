/**
 * What the TUI needs from the CLI: the Codex, the thread to start or resume, the merged
 * options, the config's hooks and approvals callback, and where to report the session id.
 */
import type { Codex } from "../codex.js";
import type { ApprovalCallback } from "../options/approval-callback-types.js";
import type { ThreadOptions } from "../options/thread-options.js";
import type { SessionSummary } from "../cli/sessions/session-summaries.js";
import type { ResolvedCliConfig } from "../cli/config/resolved-config.js";
import type { HeaderInfo } from "./components/header-view.js";

export type TuiSession = {
  codex: Codex;
  cwd: string;
  threadOptions: ThreadOptions;
  config: ResolvedCliConfig;
  /** Resume this session at once (from --resume / --last). */
  resumeId: string | null;
  /** Sessions offered by the resume picker; empty = no picker. */
  pickerSessions: SessionSummary[];
  /** Sent as the first message. */
  initialPrompt: string | null;
  header: HeaderInfo;
  /** The config's approvals callback, if any: it answers instead of the prompt. */
  approvals: ApprovalCallback | undefined;
  /** Patches being applied (from the apply_patch observer), shown with their file change. */
  patches: string[];
  /** Called with the session id once known, and when the app exits. */
  onSessionId: (id: string) => void;
};
