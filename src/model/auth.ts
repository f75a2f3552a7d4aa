/**
 * Finds the API key the same places Codex looks, in order: the explicit option, `CODEX_API_KEY`,
 * `OPENAI_API_KEY`, then `$CODEX_HOME/auth.json`. Error messages name the sources, never a key.
 */
import { s, type Infer } from "../validation/spec.js";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AuthenticationError } from "../errors.js";

/** The parts of Codex's `auth.json` we read: an API key, or ChatGPT login tokens we cannot use. */
export const AuthFile = s.looseObject({
  OPENAI_API_KEY: s.string().nullish(),
  tokens: s.unknown().optional(),
});
export type AuthFile = Infer<typeof AuthFile>;

/** Where to look for a key. */
export interface ApiKeySources {
  apiKey: string | undefined;
  env: Record<string, string | undefined>;
  codexHome: string;
}

/** `codexHome` option, else `CODEX_HOME`, else `~/.codex`. */
export function resolveCodexHome(codexHome: string | undefined, env: Record<string, string | undefined>): string {
  return nonBlank(codexHome) ?? nonBlank(env.CODEX_HOME) ?? path.join(os.homedir(), ".codex");
}

/** Returns the first non-blank key, or throws `AuthenticationError` explaining what to configure. */
export async function resolveApiKey(sources: ApiKeySources): Promise<string> {
  const direct = nonBlank(sources.apiKey) ?? nonBlank(sources.env.CODEX_API_KEY) ?? nonBlank(sources.env.OPENAI_API_KEY);
  if (direct !== undefined) return direct;

  const authPath = path.join(sources.codexHome, "auth.json");
  const authFile = await readAuthFile(authPath);
  const fileKey = nonBlank(authFile?.OPENAI_API_KEY ?? undefined);
  if (fileKey !== undefined) return fileKey;
  if (authFile?.tokens !== undefined && authFile.tokens !== null) {
    throw new AuthenticationError(
      `${authPath} holds a ChatGPT login, which @codex-native/sdk does not support. ` +
        "Use an OpenAI API key instead: pass `apiKey`, set CODEX_API_KEY or OPENAI_API_KEY, " +
        'or run `codex login --with-api-key` so auth.json has "OPENAI_API_KEY".',
    );
  }
  throw new AuthenticationError(
    "No OpenAI API key found. Pass the `apiKey` option, set CODEX_API_KEY or OPENAI_API_KEY, " +
      `or put "OPENAI_API_KEY" in ${authPath}.`,
  );
}

async function readAuthFile(authPath: string): Promise<AuthFile | undefined> {
  let text: string;
  try {
    text = await readFile(authPath, "utf8");
  } catch (error) {
    // A missing file just means "not logged in"; anything else (permissions, a directory) is worth reporting.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new AuthenticationError(`Could not read ${authPath}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Do not quote the parser's message: it can contain a slice of the file, i.e. of a key.
    throw new AuthenticationError(`${authPath} is not valid JSON.`);
  }
  const parsed = AuthFile.safeParse(json);
  if (!parsed.success) throw new AuthenticationError(`${authPath} does not have the expected shape.`);
  return parsed.data;
}

function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}
