/**
 * `--ephemeral`: the turn's session file goes to a temporary CODEX_HOME that is removed when the
 * command ends, so nothing is kept. config.toml and auth.json are copied in so the run behaves
 * as with the real home.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { resolveCodexHome } from "../sessions/codex-home.js";

export type EphemeralHome = { path: string; remove(): Promise<void> };

export async function createEphemeralHome(): Promise<EphemeralHome> {
  const source = resolveCodexHome(process.env);
  const home = await mkdtemp(path.join(os.tmpdir(), "codex-native-ephemeral-"));
  for (const name of ["config.toml", "auth.json"]) {
    await copyFile(path.join(source, name), path.join(home, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  return { path: home, remove: () => rm(home, { recursive: true, force: true }) };
}
