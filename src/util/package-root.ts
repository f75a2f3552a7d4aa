/**
 * The directory holding this package's package.json, found by walking up from this module (works
 * from src/ under tsx and from the bundled dist/). Cached; undefined if not found.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const packageName = "@codex-native/sdk";

let cached: { root: string | undefined; version: string | undefined } | undefined;

function locate(): { root: string | undefined; version: string | undefined } {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(directory, "package.json");
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
        if (parsed.name === packageName) return { root: directory, version: parsed.version };
      } catch {
        // An unreadable package.json on the way up is not ours; keep walking.
      }
    }
    const parent = path.dirname(directory);
    if (parent === directory) return { root: undefined, version: undefined };
    directory = parent;
  }
}

export function packageRoot(): string | undefined {
  return (cached ??= locate()).root;
}

/** This package's version ("0.0.0" if the manifest cannot be found). */
export function packageVersion(): string {
  return (cached ??= locate()).version ?? "0.0.0";
}
