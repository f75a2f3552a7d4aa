/** `codex-native resume <id> [prompt]` / `resume --last [prompt]`: one more turn of a saved session. */
import { resolveCodexHome } from "../../sessions/codex-home.js";
import { loadCliConfig } from "../config/load-cli-config.js";
import { ExitCode } from "../exit-codes.js";
import { helpText } from "../help-text.js";
import { readPrompt, turnInput } from "../read-prompt.js";
import { runTurn } from "../run-turn.js";
import { listSessions } from "../sessions/session-summaries.js";
import { parseCommandArgs, readOutputSchema, workingDirectoryOf } from "../turn-flags.js";
import { UsageError } from "../usage-error.js";

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
  let sessionId: string;
  let promptWords: string[];
  if (flags.last) {
    const [latest] = await listSessions(resolveCodexHome(process.env), { ...(flags.all ? {} : { cwd }), limit: 1 });
    if (!latest) throw new UsageError(flags.all ? "there is no saved session to resume" : `there is no saved session of ${cwd} to resume (--all for any directory)`, "resume");
    sessionId = latest.id;
    promptWords = positionals;
  } else {
    const [id, ...rest] = positionals;
    if (!id) throw new UsageError("resume needs a session id (or --last)", "resume");
    sessionId = id;
    promptWords = rest;
  }
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
