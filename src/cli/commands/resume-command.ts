/** `codex-native resume <id> [prompt]` / `resume --last [prompt]`: one more turn of a saved session. */
import { loadCliConfig } from "../config/load-cli-config.js";
import { ExitCode } from "../exit-codes.js";
import { helpText } from "../help-text.js";
import { readPrompt, turnInput } from "../read-prompt.js";
import { runTurn } from "../run-turn.js";
import { selectSession } from "../sessions/select-session.js";
import { parseCommandArgs, readOutputSchema, workingDirectoryOf } from "../turn-flags.js";

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
  const outputSchema = readOutputSchema(flags, "resume");
  const config = await loadCliConfig(cwd, flags.plugin ?? []);
  const prompt = await readPrompt(promptWords, "resume", { required: !flags.image?.length });
  return runTurn({
    command: "resume",
    flags,
    config,
    cwd,
    input: turnInput(prompt, flags.image, process.cwd()),
    promptText: prompt,
    outputSchema,
    openThread: (codex, options) => codex.resumeThread(sessionId, options),
  });
}
