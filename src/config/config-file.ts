/**
 * Reads Codex's config.toml and merges the caller's overrides on top, as the CLI does with
 * `--config key=value`: `config` objects are flattened into dotted keys, raw overrides are parsed
 * as TOML values (falling back to a plain string, like the CLI).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { InvalidArgumentError } from "../errors.js";
import type { CodexConfigObject } from "../options/codex-options.js";

export type RawConfig = Record<string, unknown>;

/** Parses `CODEX_HOME/config.toml`; a missing file is an empty config, a broken one a clear error. */
export function readConfigFile(codexHome: string): RawConfig {
  const file = path.join(codexHome, "config.toml");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new InvalidArgumentError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return parseToml(text) as RawConfig;
  } catch (error) {
    throw new InvalidArgumentError(`Invalid TOML in ${file}: ${(error as Error).message}`);
  }
}

/** Flattens `{a: {b: 1}}` into `[["a","b"], 1]` pairs; arrays are values, not tables. */
export function flattenConfigObject(object: CodexConfigObject, prefix: string[] = []): Array<[string[], unknown]> {
  const pairs: Array<[string[], unknown]> = [];
  for (const [key, value] of Object.entries(object)) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      pairs.push(...flattenConfigObject(value as CodexConfigObject, [...prefix, key]));
    } else {
      pairs.push([[...prefix, key], value]);
    }
  }
  return pairs;
}

/** Parses one `a.b.c=value` override; the value is TOML, or a bare string when it is not valid TOML. */
export function parseConfigOverride(override: string): [string[], unknown] {
  const separator = override.indexOf("=");
  if (separator <= 0) {
    throw new InvalidArgumentError(`Invalid config override ${JSON.stringify(override)}: expected key=value`);
  }
  const keyPath = override.slice(0, separator).trim().split(".").map((part) => part.trim());
  if (keyPath.some((part) => part.length === 0)) {
    throw new InvalidArgumentError(`Invalid config override key in ${JSON.stringify(override)}`);
  }
  const rawValue = override.slice(separator + 1).trim();
  try {
    return [keyPath, (parseToml(`value = ${rawValue}`) as { value: unknown }).value];
  } catch {
    return [keyPath, rawValue.replace(/^["']|["']$/g, "")];
  }
}

/** Sets a dotted key path in a nested object, creating tables on the way. */
export function setConfigValue(target: RawConfig, keyPath: string[], value: unknown): void {
  let table: RawConfig = target;
  for (const part of keyPath.slice(0, -1)) {
    const next = table[part];
    if (next === undefined || next === null || typeof next !== "object" || Array.isArray(next)) table[part] = {};
    table = table[part] as RawConfig;
  }
  table[keyPath[keyPath.length - 1]!] = value;
}
