/**
 * `codex-native fork <id> [prompt]` (or `--last`): a new session with the history of a saved one
 * before one of its user messages (`--at N`, 0-based; default its last one), then one turn on the
 * fork with the new prompt, as the Codex TUI's backtrack does. The original session is unchanged.
 */
import { resolveCodexHome } from "../../sessions/codex-home.js";
import { ExitCode } from "../exit-codes.js";
import { helpText } from "../help-text.js";
import { runPromptedTurn } from "../prompted-turn.js";
import { selectSession } from "../sessions/select-session.js";
import { parseCommandArgs, workingDirectoryOf } from "../turn-flags.js";
import { UsageError } from "../usage-error.js";
import { userMessageCount } from "../sessions/user-message-count.js";

export async function forkCommand(argv: string[]): Promise<number> {
  const { values: flags, positionals } = parseCommandArgs<{ last: boolean; at: string }>("fork", argv, {
    last: { type: "boolean" },
    at: { type: "string" },
  });
  if (flags.help) {
    console.log(helpText.fork);
    return ExitCode.ok;
  }
  const cwd = workingDirectoryOf(flags);
  const { sessionId, promptWords } = await selectSession("fork", positionals, { last: flags.last, cwd });
  const at = flags.at === undefined ? undefined : Number(flags.at);
  if (at !== undefined && (!Number.isInteger(at) || at < 0)) throw new UsageError(`--at must be a user message index (0, 1, …), got "${flags.at}"`, "fork");
  return runPromptedTurn("fork", flags, promptWords, async (codex, options) => {
    const nthUserMessage = at ?? (await userMessageCount(resolveCodexHome(process.env), sessionId)) - 1;
    return codex.resumeThread(sessionId, options).fork({ nthUserMessage, threadOptions: options });
  });
}
