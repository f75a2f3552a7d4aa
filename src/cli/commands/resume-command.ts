/** `codex-native resume <id> [prompt]` / `resume --last [prompt]`: one more turn of a saved session. */
import { ExitCode } from "../exit-codes.js";
import { helpText } from "../help-text.js";
import { runPromptedTurn } from "../prompted-turn.js";
import { selectSession } from "../sessions/select-session.js";
import { parseCommandArgs, workingDirectoryOf } from "../turn-flags.js";

export async function resumeCommand(argv: string[]): Promise<number> {
  const { values: flags, positionals } = parseCommandArgs<{ last: boolean; all: boolean }>("resume", argv, {
    last: { type: "boolean" },
    all: { type: "boolean" },
  });
  if (flags.help) {
    console.log(helpText.resume);
    return ExitCode.ok;
  }
  const cwd = workingDirectoryOf(flags);
  const { sessionId, promptWords } = await selectSession("resume", positionals, { last: flags.last, cwd, allDirectories: flags.all });
  return runPromptedTurn("resume", flags, promptWords, (codex, options) => codex.resumeThread(sessionId, options));
}
