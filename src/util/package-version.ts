/**
 * This package's version, read once from package.json (works from src/ and from dist/).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageVersion(): string {
  if (cached) return cached;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(directory, "package.json");
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (parsed.name === "@codex-native/sdk" && parsed.version) return (cached = parsed.version);
    }
    const parent = path.dirname(directory);
    if (parent === directory) return (cached = "0.0.0");
    directory = parent;
  }
}
