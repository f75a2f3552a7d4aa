/**
 * Finds and loads the compiled addon. This module and ./index.ts are the only places that
 * touch the binding; everything else imports the typed functions from ./index.ts.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { NativeBindingError } from "../errors.js";
import { packageName, packageRoot } from "../util/package-root.js";
import type * as Binding from "./binding.js";

export type NativeBinding = typeof Binding;

const binaryName = "codex-native";

/** napi-rs platform suffix for this process, e.g. `linux-x64-gnu`. */
export function platformTriple(): string {
  const { platform, arch } = process;
  if (platform === "linux") return `linux-${arch}-${isMusl() ? "musl" : "gnu"}`;
  if (platform === "win32") return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function isMusl(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return !report?.header?.glibcVersionRuntime;
}

let cached: NativeBinding | undefined;

/** Loads the addon once. Order: CODEX_NATIVE_BINDING, the source build in native/, the platform package. */
export function loadNativeBinding(): NativeBinding {
  if (cached) return cached;
  const triple = platformTriple();
  const require = createRequire(import.meta.url);
  const attempts: string[] = [];
  const candidates: Array<() => string> = [];
  const override = process.env.CODEX_NATIVE_BINDING;
  if (override) candidates.push(() => path.resolve(override));
  candidates.push(() => {
    const root = packageRoot();
    if (!root) throw new NativeBindingError(`Cannot locate the ${packageName} package root`);
    return path.join(root, "native", `${binaryName}.${triple}.node`);
  });
  candidates.push(() => require.resolve(`${packageName}-${triple}`));
  for (const candidate of candidates) {
    let file: string;
    try {
      file = candidate();
    } catch (error) {
      attempts.push((error as Error).message.split("\n")[0] ?? String(error));
      continue;
    }
    if (!existsSync(file)) {
      attempts.push(`${file}: not found`);
      continue;
    }
    try {
      cached = require(file) as NativeBinding;
      return cached;
    } catch (error) {
      attempts.push(`${file}: ${(error as Error).message}`);
    }
  }
  throw new NativeBindingError(
    `No native binding of ${packageName} for platform ${process.platform}, arch ${process.arch} (${triple}). ` +
      `Install the optional package ${packageName}-${triple}, or build from source with \`npm run build:native\`. ` +
      `Tried: ${attempts.join("; ")}`,
  );
}
