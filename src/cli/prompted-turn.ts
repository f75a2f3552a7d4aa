/**
 * The turn of `run`, `resume` and `fork`: the output schema file, the config, the prompt (from the
 * words, or stdin), then the turn on the thread `openThread` gives.
 */
import type { CodexNativeCommand } from "./config/config-types.js";
import { loadCliConfig } from "./config/load-cli-config.js";
import { readPrompt, turnInput } from "./read-prompt.js";
import { runTurn, type TurnRequest } from "./run-turn.js";
import { readOutputSchema, workingDirectoryOf, type TurnFlags } from "./turn-flags.js";

export async function runPromptedTurn(
  command: CodexNativeCommand,
  flags: TurnFlags,
  promptWords: string[],
  openThread: TurnRequest["openThread"],
): Promise<number> {
  const outputSchema = readOutputSchema(flags, command);
  const cwd = workingDirectoryOf(flags);
  const config = await loadCliConfig(cwd, flags.plugin ?? []);
  const prompt = await readPrompt(promptWords, command, { required: !flags.image?.length });
  return runTurn({
    command,
    flags,
    config,
    cwd,
    input: turnInput(prompt, flags.image, process.cwd()),
    promptText: prompt,
    outputSchema,
    openThread,
  });
}
