/** `--help` of `codex-native` and of each subcommand. */

const turnFlags = `  -m, --model <slug>             Model to use
  -s, --sandbox <mode>           read-only | workspace-write | danger-full-access
  -a, --approval <policy>        untrusted | on-failure | on-request | never (alias --ask-for-approval)
  -C, --cd <dir>                 Working directory (default: the current directory)
      --add-dir <dir>            Another writable directory (repeatable)
      --skip-git-repo-check      Allow running outside a git repository
      --full-auto                Sandbox workspace-write, approval on-request
      --dangerously-bypass-approvals-and-sandbox
                                 No sandbox, no approvals
      --ephemeral                Keep no session file
  -i, --image <path>             Attach an image to the prompt (repeatable)
      --output-schema <file>     JSON schema file the final answer must follow
  -o, --output-last-message <file>
                                 Also write the final answer to this file
  -c, --config <key=value>       Override a config.toml key (value in TOML syntax; repeatable)
      --plugin <module>          Load a config plugin on top of codex.config.* (repeatable)
      --json                     Print every event as a JSON line (like codex exec --json)
      --color <when>             always | never | auto (default auto)
  -h, --help                     Show this help`;

const exitCodes = `Exit codes: 0 done, 1 the turn failed or an error, 2 bad usage, 3 a config file or plugin
failed to load, 130 interrupted (Ctrl-C or "abort" at an approval prompt).`;

export const helpText: Record<string, string> = {
  main: `Usage: codex-native <command> [options]     (no command at a terminal: the TUI)

Commands:
  run [options] [prompt]          Run one turn and print the final answer (alias: exec)
  resume [options] <id> [prompt]  Continue a saved session (--last: the latest one here)
  sessions list | search <query>  List or search saved sessions
  tui [options] [prompt]          Full-screen interactive interface

Options:
  -V, --version                   Print the version
  -h, --help                      Show this help; "codex-native <command> --help" for a command

Configuration (lowest priority first): CODEX_HOME/config.toml, package.json "codexNative",
codex.config.{ts,mts,js,mjs,cjs} in the working directory, --plugin modules, then flags.

${exitCodes}`,
  run: `Usage: codex-native run [options] [prompt]     (alias: exec)

Runs one turn. Progress goes to stderr, the final answer to stdout. The prompt is read from
stdin when it is "-" or absent and stdin is not a terminal.

Options:
${turnFlags}

${exitCodes}`,
  resume: `Usage: codex-native resume [options] <session-id> [prompt]
       codex-native resume --last [options] [prompt]

Continues a saved session with one more turn (the prompt as in "run").

Options:
      --last                     The most recently updated session of the working directory
      --all                      With --last: of any directory
${turnFlags}

${exitCodes}`,
  sessions: `Usage: codex-native sessions list [--limit <n>] [--all] [--json]
       codex-native sessions search <query> [--limit <n>] [--json]

Lists the saved sessions of CODEX_HOME/sessions, newest first (of the working directory
unless --all), or finds the ones whose messages contain <query>.

Options:
  -n, --limit <n>   At most n sessions (default 20)
      --all         list: sessions of every directory
  -C, --cd <dir>    Working directory (default: the current directory)
      --json        One JSON object per line
  -h, --help        Show this help`,
  tui: `Usage: codex-native tui [options] [prompt]

Full-screen interactive interface: conversation, streaming answers, commands and patches, the
plan, approval prompts. Starts with a picker of this directory's saved sessions unless
defaults.tui.resumePicker is false in the config (or --no-resume-picker). Press ? for keys.

Options:
      --resume <id>              Continue this session
      --last                     Continue the latest session of the working directory
      --no-resume-picker         Start a new session without asking
${turnFlags}`,
};
