/** The `codex-native` exit codes (documented in `--help` and the README). */
export const ExitCode = {
  /** The turn completed (or the command did what it was asked). */
  ok: 0,
  /** The turn failed, or an error stopped the command (API, session, sandbox, a hook). */
  failed: 1,
  /** Bad usage: unknown command or flag, missing argument, invalid value. */
  usage: 2,
  /** A config file or plugin could not be loaded. */
  config: 3,
  /** Interrupted (Ctrl-C) or aborted at an approval prompt. */
  interrupted: 130,
} as const;
