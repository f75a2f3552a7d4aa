/**
 * `codex-native tui [options] [prompt]`: checks for a terminal, merges the config (tui defaults
 * over run defaults, flags over both), loads Ink and React (only here: the library and the
 * line commands never load them), renders the app and waits for it to exit.
 */
import { Codex } from "../codex.js";
import { resolveCodexHome } from "../sessions/codex-home.js";
import { packageVersion } from "../util/package-root.js";
import { loadCliConfig } from "../cli/config/load-cli-config.js";
import { ExitCode } from "../cli/exit-codes.js";
import { helpText } from "../cli/help-text.js";
import { applyConfigToCodex } from "../cli/config/apply-config.js";
import { codexOptionsFromFlags } from "../cli/run-turn.js";
import { listSessions } from "../cli/sessions/session-summaries.js";
import { parseCommandArgs, threadOptionsFromFlags, workingDirectoryOf } from "../cli/turn-flags.js";
import { UsageError } from "../cli/usage-error.js";
import type { TuiSession } from "./tui-session.js";

export async function launchTui(argv: string[]): Promise<number> {
  const { values: flags, positionals } = parseCommandArgs<{ resume: string; last: boolean; "no-resume-picker": boolean }>("tui", argv, {
    resume: { type: "string" },
    last: { type: "boolean" },
    "no-resume-picker": { type: "boolean" },
  });
  if (flags.help) {
    console.log(helpText.tui);
    return ExitCode.ok;
  }
  if (flags.json) throw new UsageError("--json is for run/exec; the TUI is interactive", "tui");
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError("the TUI needs a terminal (use `codex-native run` for scripts)", "tui");
  const cwd = workingDirectoryOf(flags);
  const config = await loadCliConfig(cwd, flags.plugin ?? []);
  // Agent messages appear as they stream (the line output and --json keep upstream's whole messages).
  const threadOptions = { streamDeltas: true, ...config.runDefaults, ...config.tuiDefaults, ...threadOptionsFromFlags(flags, "tui") };
  const codexHome = resolveCodexHome(process.env);
  let resumeId = flags.resume ?? null;
  if (flags.last) {
    const [latest] = await listSessions(codexHome, { cwd, limit: 1 });
    if (!latest) throw new UsageError(`there is no saved session of ${cwd} to resume`, "tui");
    resumeId = latest.id;
  }
  const wantPicker = resumeId === null && config.resumePicker && !flags["no-resume-picker"] && positionals.length === 0;
  const pickerSessions = wantPicker ? await listSessions(codexHome, { cwd, limit: 20 }) : [];
  const codex = new Codex(codexOptionsFromFlags(flags));
  const patches: string[] = [];
  applyConfigToCodex(codex, config, (patch) => patches.push(patch));
  let sessionId: string | null = resumeId;
  const session: TuiSession = {
    codex,
    cwd,
    threadOptions,
    config,
    resumeId,
    pickerSessions,
    initialPrompt: positionals.length > 0 ? positionals.join(" ") : null,
    header: {
      version: packageVersion(),
      model: threadOptions.model ?? "default (config.toml)",
      directory: threadOptions.workingDirectory ?? cwd,
      sessionId: resumeId,
      sandbox: threadOptions.sandboxMode ?? "default",
      approval: threadOptions.approvalPolicy ?? "default",
    },
    approvals: config.approvals,
    patches,
    onSessionId: (id) => {
      sessionId = id;
    },
  };
  const renderTuiApp = await loadTuiApp();
  try {
    await renderTuiApp(session);
  } finally {
    await codex.close();
  }
  if (sessionId && !flags.ephemeral) console.log(`To continue this session, run: codex-native resume ${sessionId}`);
  return ExitCode.ok;
}

/**
 * Ink renders only the last frame when it believes it runs in CI (`CI` set), which would leave a
 * person at a real terminal (or a tmux pane in a CI job) looking at nothing; a TTY on both ends
 * is interactive, so the check is hidden while Ink's modules evaluate.
 */
async function loadTuiApp() {
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  try {
    return (await import("./app.js")).renderTuiApp;
  } finally {
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
  }
}
