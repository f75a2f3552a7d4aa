/**
 * The shapes of approval requests and answers, as plain TypeScript types: the one definition the
 * engine (src/approvals/, src/sandbox/sandbox-policy.ts) and the published declarations share.
 * The approvals module validates answers with its zod schema, kept in step with
 * `ApprovalDecision` here by test/public-types.test.ts.
 */

/** What asks for approval: a command, a patch, an MCP tool call or a custom tool. */
export type ApprovalRequestKind = "command" | "patch" | "mcp_tool_call" | "custom_tool";

/** One file a patch touches, as shown in a patch approval request. */
export type ApprovalFileChange = {
  /** Absolute path. */
  path: string;
  /** What the patch does to the file. */
  kind: "add" | "delete" | "update";
  /** Update only: the absolute path the file is renamed to. */
  movePath?: string;
  /** Update only: unified diff of the change. */
  unifiedDiff?: string;
  /** Add: the new contents; delete: the contents removed. */
  content?: string;
};

/** The thread's sandbox policy, as an approval request shows it. */
export type ApprovalSandboxPolicy =
  | { mode: "read-only"; networkAccess: false }
  | { mode: "danger-full-access"; networkAccess: true }
  | {
      mode: "workspace-write";
      /** Extra writable roots besides the working directory (absolute). */
      writableRoots: string[];
      /** Whether commands may use the network. */
      networkAccess: boolean;
      /** `$TMPDIR` is not writable. */
      excludeTmpdirEnvVar: boolean;
      /** `/tmp` is not writable. */
      excludeSlashTmp: boolean;
    };

/** What the user's approval callback is asked about. */
export type ApprovalRequest = {
  /** What asks for approval. */
  kind: ApprovalRequestKind;
  /** The thread that asks. */
  threadId: string;
  /** The turn that asks. */
  turnId: string;
  /** The model's tool call id. */
  callId: string;
  /** The tool the model called. */
  toolName: string;
  /** For commands: the argv. */
  command?: string[];
  /** For commands: the display string (the script of `bash -lc <script>`). */
  commandText?: string;
  /** For patches: the patch text. */
  patch?: string;
  /** For patches: the files it touches. */
  changes?: ApprovalFileChange[];
  /** Arguments of an MCP or custom tool call. */
  arguments?: unknown;
  /** Where the command or patch runs. */
  cwd: string;
  /**
   * Why approval is needed: the model's justification for an escalation, Codex's
   * "command failed; retry without sandbox?" after a sandbox denial, or the engine's reason.
   */
  reason?: string;
  /** The thread's sandbox policy. */
  sandbox: ApprovalSandboxPolicy;
  /**
   * True when the command or patch would run unconfined if approved: the model asked to escape the
   * sandbox, the patch writes outside the writable roots, this is a retry without the sandbox after
   * it refused the confined attempt (always a new request), or the sandbox is `danger-full-access`.
   */
  escalated: boolean;
};

/**
 * The answer to an approval request. `approved_for_session` also skips asking again for the same
 * command (argv + cwd + sandbox permissions), the same files of a patch, or the same tool, for the
 * rest of the thread; both approvals may carry a rewritten `command` or `patch` to run instead.
 * `denied` continues the turn: `message`, when given, is the tool output the model reads instead
 * of Codex's "exec command rejected by user". `abort` ends the turn.
 */
export type ApprovalDecision =
  | { decision: "approved"; command?: string[]; patch?: string }
  | { decision: "approved_for_session"; command?: string[]; patch?: string }
  | { decision: "denied"; message?: string }
  | { decision: "abort"; message?: string };

/** Passed to the callback with each request. */
export type ApprovalCallbackContext = {
  /** Fires when the answer is no longer wanted (the turn was aborted or the timeout passed). */
  signal: AbortSignal;
};

/**
 * What a callback may answer: a full decision, just the decision name (`"approved"`), or a boolean
 * (`true` = approved, `false` = denied) for callbacks written against the older native SDK.
 */
export type ApprovalCallbackAnswer = ApprovalDecision | ApprovalDecision["decision"] | boolean;

/** Decides an approval request; may be async (e.g. waits for a person). */
export type ApprovalCallback = (
  request: ApprovalRequest,
  context: ApprovalCallbackContext,
) => ApprovalCallbackAnswer | Promise<ApprovalCallbackAnswer>;
