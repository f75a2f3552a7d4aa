/**
 * Finds and loads the compiled addon. This module and ./index.ts are the only places that
 * touch the binding; everything else imports the typed functions from ./index.ts.
 *
 * Prebuilt binaries live in one npm package per platform (the napi-rs layout), named
 * `codex-native-sdk-<triple>` and published at exactly our version; each holds the `.node` and
 * the `codex-native-exec` helper. (The `@codex-native/sdk-<triple>` names are not ours on the
 * public registry, so the loader never suggests or loads them.)
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { NativeBindingError } from "../errors.js";
import { packageName, packageRoot, packageVersion } from "../util/package-root.js";
import type * as Binding from "./binding.js";

export type NativeBinding = typeof Binding;

const binaryName = "codex-native";

/** Prefix of the per-platform package names (see npm/<triple>/package.json). */
export const platformPackagePrefix = "codex-native-sdk";

/** The triples we publish prebuilt packages for (package.json `napi.targets`). */
const publishedTriples = new Set([
  "linux-x64-gnu",
  "linux-arm64-gnu",
  "linux-x64-musl",
  "linux-arm64-musl",
  "darwin-x64",
  "darwin-arm64",
  "win32-x64-msvc",
  "win32-arm64-msvc",
]);

let triple: string | undefined;

/** napi-rs platform suffix for this process, e.g. `linux-x64-gnu`. Computed once. */
export function platformTriple(): string {
  if (triple) return triple;
  const { platform, arch } = process;
  if (platform === "linux") triple = `linux-${arch}-${isMusl() ? "musl" : "gnu"}`;
  else if (platform === "win32") triple = `win32-${arch}-msvc`;
  else triple = `${platform}-${arch}`;
  return triple;
}

/**
 * musl or glibc, as napi-rs decides it: musl's `ldd` is musl's loader itself. Falls back to the
 * process report (6 ms) only when `ldd` is missing.
 */
function isMusl(): boolean {
  try {
    return readFileSync("/usr/bin/ldd", "latin1").includes("musl");
  } catch {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    return !report?.header?.glibcVersionRuntime;
  }
}

/** Name of the prebuilt package for this platform, e.g. `codex-native-sdk-linux-x64-gnu`. */
export function platformPackageName(): string {
  return `${platformPackagePrefix}-${platformTriple()}`;
}

let platformPackage: { directory: string } | { error: string } | undefined;

/**
 * Directory of this platform's prebuilt package, checked to carry exactly our version. Resolved
 * once; throws NativeBindingError (saying what to install or build) when it is missing or
 * another version.
 */
export function platformPackageDirectory(): string {
  platformPackage ??= locatePlatformPackage();
  if ("error" in platformPackage) throw new NativeBindingError(platformPackage.error);
  return platformPackage.directory;
}

function locatePlatformPackage(): { directory: string } | { error: string } {
  const name = platformPackageName();
  const version = packageVersion();
  let manifestPath: string;
  try {
    manifestPath = createRequire(import.meta.url).resolve(`${name}/package.json`);
  } catch {
    return { error: missingBinaryMessage() };
  }
  let manifest: { name?: unknown; version?: unknown };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name?: unknown; version?: unknown };
  } catch (error) {
    return { error: `Cannot read ${manifestPath}: ${(error as Error).message}` };
  }
  if (manifest.name !== name || manifest.version !== version) {
    return {
      error:
        `The native package ${name} installed at ${path.dirname(manifestPath)} is version ${String(manifest.version)}, ` +
        `but ${packageName} is ${version}; they must match exactly. Run \`npm install ${name}@${version}\`.`,
    };
  }
  return { directory: path.dirname(manifestPath) };
}

/** What to do when no prebuilt binary for this machine is installed. */
function missingBinaryMessage(): string {
  const name = platformPackageName();
  const version = packageVersion();
  const where = `${process.platform} ${process.arch}${process.platform === "linux" ? (platformTriple().endsWith("musl") ? " (musl)" : " (glibc)") : ""}`;
  const buildFromSource =
    `build it from source: in a checkout of ${packageName} ${version} with Rust (https://rustup.rs) installed, ` +
    `run \`npm install\` (which runs \`npm run build:native\`, i.e. cargo), then set ` +
    `CODEX_NATIVE_BINDING=<checkout>/native/${binaryName}.${platformTriple()}.node` +
    (process.platform === "linux" ? ` and CODEX_NATIVE_EXEC_HELPER=<checkout>/native/codex-native-exec` : "") +
    ` for your process.`;
  if (!publishedTriples.has(platformTriple())) {
    return `No prebuilt native binary of ${packageName} exists for ${where} (${platformTriple()}); ${buildFromSource}`;
  }
  return (
    `The prebuilt native binary of ${packageName} for ${where} is not installed: the optional package ` +
    `${name}@${version} is missing (npm skips optional packages with --omit=optional, --no-optional, or a lockfile ` +
    `made on another platform). Run \`npm install ${name}@${version}\`, or ${buildFromSource}`
  );
}

let cached: NativeBinding | undefined;

/**
 * Loads the addon once. Order: CODEX_NATIVE_BINDING, the source build in native/ (a checkout),
 * the platform package (an installed copy). Throws NativeBindingError saying what to do.
 */
export function loadNativeBinding(): NativeBinding {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const override = process.env.CODEX_NATIVE_BINDING;
  if (override) return (cached = requireBinding(require, path.resolve(override)));
  const root = packageRoot();
  const sourceBuild = root ? path.join(root, "native", `${binaryName}.${platformTriple()}.node`) : undefined;
  if (sourceBuild && existsSync(sourceBuild)) return (cached = requireBinding(require, sourceBuild));
  const file = path.join(platformPackageDirectory(), `${binaryName}.${platformTriple()}.node`);
  if (!existsSync(file)) {
    throw new NativeBindingError(`${platformPackageName()} is installed but lacks ${file}; reinstall it (\`npm install ${platformPackageName()}@${packageVersion()}\`).`);
  }
  return (cached = requireBinding(require, file));
}

function requireBinding(require: NodeJS.Require, file: string): NativeBinding {
  let binding: NativeBinding;
  try {
    binding = require(file) as NativeBinding;
  } catch (error) {
    throw new NativeBindingError(`Cannot load the native binding ${file}: ${(error as Error).message}`, { cause: error });
  }
  const built = binding.nativeVersion();
  if (built !== packageVersion()) {
    throw new NativeBindingError(
      `The native binding ${file} is version ${built}, but ${packageName} is ${packageVersion()}; ` +
        `rebuild it (\`npm run build:native\`) or install the matching ${platformPackageName()}.`,
    );
  }
  return binding;
}
