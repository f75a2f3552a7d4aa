/**
 * Which saved session `resume` / `fork` act on: the id given first, or with `--last` the most
 * recently updated session of the working directory (of any directory with `allDirectories`).
 */
import { resolveCodexHome } from "../../sessions/codex-home.js";
import { UsageError } from "../usage-error.js";
import { listSessions } from "./session-summaries.js";

/** The chosen session and the words left for the prompt. */
export type SelectedSession = { sessionId: string; promptWords: string[] };

/** @throws UsageError when no id is given or `--last` finds no session. */
export async function selectSession(
  command: "resume" | "fork",
  positionals: string[],
  options: { last: boolean | undefined; cwd: string; allDirectories?: boolean },
): Promise<SelectedSession> {
  if (!options.last) {
    const [id, ...rest] = positionals;
    if (!id) throw new UsageError(`${command} needs a session id (or --last)`, command);
    return { sessionId: id, promptWords: rest };
  }
  const [latest] = await listSessions(resolveCodexHome(process.env), { ...(options.allDirectories ? {} : { cwd: options.cwd }), limit: 1 });
  if (!latest) {
    const where = options.allDirectories ? "" : ` of ${options.cwd}`;
    const hint = command === "resume" && !options.allDirectories ? " (--all for any directory)" : "";
    throw new UsageError(`there is no saved session${where} to ${command}${hint}`, command);
  }
  return { sessionId: latest.id, promptWords: positionals };
}
