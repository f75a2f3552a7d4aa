/**
 * @codex-native/sdk/cli: the types of `codex.config.*`, package.json `codexNative` and
 * `--plugin` modules, and `defineConfig` to get them checked in a JavaScript config.
 */
import type { CodexNativeConfigExport } from "./config/config-types.js";

export type {
  BeforeStartContext,
  BeforeStartHook,
  CodexNativeCommand,
  CodexNativeConfig,
  CodexNativeConfigContext,
  CodexNativeConfigExport,
  CodexNativeInterceptor,
  CodexNativeRunDefaults,
  CodexNativeTuiDefaults,
  EventHook,
  EventHookContext,
} from "./config/config-types.js";

/**
 * Returns its argument: `export default defineConfig({...})` (or a function of `{cwd, configPath}`)
 * lets editors check a JavaScript config against `CodexNativeConfig`.
 */
export function defineConfig<T extends CodexNativeConfigExport>(config: T): T {
  return config;
}
