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
  fork [options] <id> [prompt]    A new session from a saved one's history, then one turn
  review [options] [target]       Code review: --uncommitted, --base <branch>, --commit <sha>
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
  fork: `Usage: codex-native fork [options] <session-id> [prompt]
       codex-native fork --last [options] [prompt]

Starts a new session holding a saved session's history before one of its user messages
(--at N, counting from 0; default: its last one) and runs the prompt there, like editing an
earlier message in the Codex TUI. The saved session is not changed.

Options:
      --at <n>                   Keep the history before user message n (0 = none of it)
      --last                     Fork the most recently updated session of the working directory
${turnFlags}

${exitCodes}`,
  review: `Usage: codex-native review [options] --uncommitted
       codex-native review [options] --base <branch>
       codex-native review [options] --commit <sha> [--title <subject>]
       codex-native review [options] <instructions>

Reviews code in Codex's review mode: uncommitted changes (staged, unstaged, untracked), the
changes against a base branch, one commit, or by your own instructions. The findings and the
verdict go to stdout; --json prints the events (with entered_review_mode / exited_review_mode).

Options:
      --uncommitted              Review what is not committed
      --base <branch>            Review the diff from the merge base with <branch>
      --commit <sha>             Review the changes of one commit
      --title <subject>          With --commit: its title, shown to the reviewer
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
