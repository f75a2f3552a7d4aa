/**
 * Finds and loads the CLI configuration of a working directory, in the seed's priority (lowest
 * first): CODEX_HOME/config.toml (read by the engine itself), package.json `codexNative`,
 * `codex.config.{ts,mts,js,mjs,cjs}`, then every `--plugin` in order. Flags are applied last by
 * the commands. Every failure names the file and the cause.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { ConfigLoadError } from "./config-load-error.js";
import type { CodexNativeConfig, CodexNativeConfigContext } from "./config-types.js";
import { importModuleFile } from "./import-module-file.js";
import { checkConfigShape, emptyConfig, mergeConfig, type ResolvedCliConfig } from "./resolved-config.js";

/** Looked up in this order; the first that exists is the config file. */
export const configFileNames = ["codex.config.ts", "codex.config.mts", "codex.config.js", "codex.config.mjs", "codex.config.cjs"];

export async function loadCliConfig(cwd: string, plugins: string[]): Promise<ResolvedCliConfig> {
  let config = emptyConfig();
  const manifest = path.join(cwd, "package.json");
  if (existsSync(manifest)) {
    const field = await readPackageField(manifest);
    if (field !== undefined) config = mergeConfig(config, await evaluate(field, manifest, cwd), `${manifest}#codexNative`);
  }
  const configFile = configFileNames.map((name) => path.join(cwd, name)).find((file) => existsSync(file));
  if (configFile) config = mergeConfig(config, await loadModuleConfig(configFile, cwd), configFile);
  for (const plugin of plugins) {
    const file = resolvePlugin(plugin, cwd);
    config = mergeConfig(config, await loadModuleConfig(file, cwd), file);
  }
  return config;
}

async function readPackageField(manifest: string): Promise<unknown> {
  try {
    return (JSON.parse(await readFile(manifest, "utf8")) as { codexNative?: unknown }).codexNative;
  } catch (error) {
    throw new ConfigLoadError(manifest, error);
  }
}

async function loadModuleConfig(file: string, cwd: string): Promise<CodexNativeConfig> {
  let namespace: Record<string, unknown>;
  try {
    namespace = await importModuleFile(file);
  } catch (error) {
    throw new ConfigLoadError(file, error);
  }
  // `export default`, CommonJS `module.exports` (seen as default) or named `config`.
  const exported = namespace.default ?? namespace.config;
  if (exported === undefined) throw new ConfigLoadError(file, new Error("it has no default export (export a config object or a function returning one)"));
  return evaluate(exported, file, cwd);
}

async function evaluate(exported: unknown, file: string, cwd: string): Promise<CodexNativeConfig> {
  try {
    const context: CodexNativeConfigContext = { cwd, configPath: file };
    const config: unknown = typeof exported === "function" ? await (exported as (context: CodexNativeConfigContext) => unknown)(context) : exported;
    checkConfigShape(config);
    return config;
  } catch (error) {
    throw new ConfigLoadError(file, error);
  }
}

/** A path (relative to cwd) or a package name resolved from cwd's node_modules. */
function resolvePlugin(specifier: string, cwd: string): string {
  if (specifier.startsWith(".") || path.isAbsolute(specifier)) {
    const file = path.resolve(cwd, specifier);
    if (!existsSync(file)) throw new ConfigLoadError(file, new Error("no such file"));
    return file;
  }
  try {
    return createRequire(path.join(cwd, "package.json")).resolve(specifier);
  } catch (error) {
    throw new ConfigLoadError(`plugin ${specifier}`, error);
  }
}
