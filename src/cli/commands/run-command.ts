/** `codex-native run [options] [prompt]` (alias `exec`): one turn of a new thread. */
import { ExitCode } from "../exit-codes.js";
import { helpText } from "../help-text.js";
import { runPromptedTurn } from "../prompted-turn.js";
import { parseCommandArgs } from "../turn-flags.js";
import { UsageError } from "../usage-error.js";

export async function runCommand(argv: string[], command: "run" | "exec"): Promise<number> {
  const { values: flags, positionals } = parseCommandArgs<{ resume: string }>(command, argv, {
    // `codex-native run --resume <id>` of earlier versions: same as `resume <id>`.
    resume: { type: "string" },
  });
  if (flags.help) {
    console.log(helpText.run);
    return ExitCode.ok;
  }
  const resumeId = flags.resume;
  if (resumeId !== undefined && resumeId.trim() === "") throw new UsageError("--resume needs a session id", command);
  return runPromptedTurn(command, flags, positionals, (codex, options) => (resumeId ? codex.resumeThread(resumeId, options) : codex.startThread(options)));
}
