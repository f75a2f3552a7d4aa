/** `codex-native run [options] [prompt]` (alias `exec`): one turn of a new thread. */
import type { CodexNativeCommand } from "../config/config-types.js";
import { loadCliConfig } from "../config/load-cli-config.js";
import { ExitCode } from "../exit-codes.js";
import { helpText } from "../help-text.js";
import { readPrompt, turnInput } from "../read-prompt.js";
import { runTurn } from "../run-turn.js";
import { parseCommandArgs, readOutputSchema, workingDirectoryOf } from "../turn-flags.js";
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
  const outputSchema = readOutputSchema(flags, command);
  const cwd = workingDirectoryOf(flags);
  const config = await loadCliConfig(cwd, flags.plugin ?? []);
  const prompt = await readPrompt(positionals, command, { required: !flags.image?.length });
  const resumeId = flags.resume;
  if (resumeId !== undefined && resumeId.trim() === "") throw new UsageError("--resume needs a session id", command);
  const commandName: CodexNativeCommand = command;
  return runTurn({
    command: commandName,
    flags,
    config,
    cwd,
    input: turnInput(prompt, flags.image, process.cwd()),
    promptText: prompt,
    outputSchema,
    openThread: (codex, options) => (resumeId ? codex.resumeThread(resumeId, options) : codex.startThread(options)),
  });
}
