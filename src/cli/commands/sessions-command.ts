/** `codex-native sessions list` / `sessions search <query>`: the saved sessions, newest first. */
import path from "node:path";
import { parseArgs } from "node:util";
import { reverieSearchConversations } from "../../reverie/search-conversations.js";
import { resolveCodexHome } from "../../sessions/codex-home.js";
import { ExitCode } from "../exit-codes.js";
import { helpText } from "../help-text.js";
import { listSessions, relativeTime, summarize, type SessionSummary } from "../sessions/session-summaries.js";
import { UsageError } from "../usage-error.js";

export async function sessionsCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        limit: { type: "string", short: "n" },
        all: { type: "boolean" },
        cd: { type: "string", short: "C" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message, "sessions");
  }
  const { values, positionals } = parsed;
  const [action, ...words] = positionals;
  if (values.help || action === undefined) {
    console.log(helpText.sessions);
    return values.help ? ExitCode.ok : ExitCode.usage;
  }
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive integer (got "${values.limit}")`, "sessions");
  const codexHome = resolveCodexHome(process.env);
  const cwd = values.cd ? path.resolve(values.cd) : process.cwd();
  if (action === "list") {
    if (words.length > 0) throw new UsageError(`sessions list takes no arguments (got "${words.join(" ")}")`, "sessions");
    const sessions = await listSessions(codexHome, { ...(values.all ? {} : { cwd }), limit });
    printSessions(sessions, Boolean(values.json), values.all ? undefined : cwd);
    return ExitCode.ok;
  }
  if (action === "search") {
    const query = words.join(" ").trim();
    if (!query) throw new UsageError("sessions search needs a query", "sessions");
    const results = await reverieSearchConversations(codexHome, query, limit);
    if (values.json) {
      for (const result of results) {
        console.log(JSON.stringify({ ...summarize(result.conversation), score: result.relevanceScore, excerpts: result.matchingExcerpts }));
      }
    } else if (results.length === 0) {
      console.error(`no session mentions "${query}"`);
    } else {
      for (const result of results) {
        const session = summarize(result.conversation);
        console.log(`${session.id}  ${relativeTime(session.updatedAt)}  ${session.cwd ?? ""}`);
        for (const excerpt of result.matchingExcerpts) console.log(`    ${excerpt.replace(/\s+/g, " ").slice(0, 160)}`);
      }
    }
    return ExitCode.ok;
  }
  throw new UsageError(`unknown sessions action "${action}" (list or search)`, "sessions");
}

function printSessions(sessions: SessionSummary[], json: boolean, cwd: string | undefined): void {
  if (json) {
    for (const session of sessions) console.log(JSON.stringify(session));
    return;
  }
  if (sessions.length === 0) {
    console.error(cwd ? `no saved sessions in ${cwd} (--all for every directory)` : "no saved sessions");
    return;
  }
  for (const session of sessions) {
    const where = cwd ? "" : `  ${session.cwd ?? ""}`;
    console.log(`${session.id}  ${relativeTime(session.updatedAt).padEnd(8)}${where}  ${session.title.slice(0, 80)}`);
  }
}
