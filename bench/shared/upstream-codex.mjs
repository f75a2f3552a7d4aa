// The upstream @openai/codex-sdk (and its pinned codex CLI), installed on demand into a git-ignored
// bench-only folder: never a dependency, never in CI. Shared by bench/turn-overhead and
// scripts/check-cli-interop.mjs.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const upstreamVersion = "0.163.0";
export const upstreamDir = path.join(root, "bench/.baseline/turn-overhead");

/** Installs @openai/codex-sdk once; returns the path of the bundled codex binary. */
export function ensureUpstreamCodex() {
  if (!existsSync(path.join(upstreamDir, "node_modules/@openai/codex-sdk"))) {
    console.log(`installing @openai/codex-sdk@${upstreamVersion} into ${upstreamDir} (bench only)...`);
    mkdirSync(upstreamDir, { recursive: true });
    writeFileSync(path.join(upstreamDir, "package.json"), JSON.stringify({ name: "turn-overhead-baseline", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", `@openai/codex-sdk@${upstreamVersion}`], { cwd: upstreamDir, stdio: "inherit" });
  }
  return execFileSync("find", [path.join(upstreamDir, "node_modules/@openai"), "-path", "*/bin/codex", "-type", "f"], { encoding: "utf8" })
    .trim()
    .split("\n")[0];
}

/**
 * Writes CODEX_HOME/config.toml selecting a custom provider at `baseUrl`: the CLI uses HTTP SSE only
 * with a custom provider (its built-in one tries WebSockets first).
 */
export function writeMockProviderConfig(codexHome, baseUrl) {
  writeFileSync(
    path.join(codexHome, "config.toml"),
    `model = "gpt-5.5"\nmodel_provider = "mock"\n[model_providers.mock]\nname = "mock"\nbase_url = "${baseUrl}"\nenv_key = "OPENAI_API_KEY"\nwire_api = "responses"\n`,
  );
}
