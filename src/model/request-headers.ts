/**
 * Headers of every Responses request (codex-engine-spec §1.4, with our own originator).
 */
import { validateHeaderName, validateHeaderValue } from "node:http";
import os from "node:os";
import { InvalidArgumentError } from "../errors.js";
import packageManifest from "../../package.json" with { type: "json" };

/** Identifies this SDK to the API, like Codex's `codex_cli_rs` / `codex_sdk_ts`. */
export const originator = "codex_native_sdk";

/** `codex_native_sdk/<version> (<os> <release>; <arch>) node/<version>`. */
export function userAgent(): string {
  return `${originator}/${packageManifest.version} (${os.type()} ${os.release()}; ${os.arch()}) node/${process.versions.node}`;
}

/** Inputs of `buildRequestHeaders`; later header sets override earlier ones (case-insensitively). */
export interface RequestHeaderSources {
  /** Undefined: no Authorization header (a provider that needs no key). */
  apiKey: string | undefined;
  env: Record<string, string | undefined>;
  clientHeaders: Record<string, string> | undefined;
  callHeaders: Record<string, string> | undefined;
}

/**
 * Builds the request headers: defaults, then org/project from env, then client and per-call headers.
 * Names are lower-cased so a later set replaces an earlier one whatever its spelling. Throws
 * `InvalidArgumentError` for a name or value HTTP cannot carry (before any request is sent).
 */
export function buildRequestHeaders(sources: RequestHeaderSources): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "text/event-stream",
    originator,
    "user-agent": userAgent(),
  };
  const set = (name: string, rawValue: string): void => {
    // fetch's Headers strip surrounding HTTP whitespace (a key pasted with its newline still works).
    const value = rawValue.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch (error) {
      throw new InvalidArgumentError(`invalid request header ${JSON.stringify(name)}: ${(error as Error).message}`);
    }
    headers[name.toLowerCase()] = value;
  };
  if (sources.apiKey !== undefined) set("authorization", `Bearer ${sources.apiKey}`);
  // Same env-backed headers as Codex's built-in openai provider; blank values are skipped.
  const organization = sources.env.OPENAI_ORGANIZATION?.trim();
  if (organization) set("OpenAI-Organization", organization);
  const project = sources.env.OPENAI_PROJECT?.trim();
  if (project) set("OpenAI-Project", project);
  for (const extra of [sources.clientHeaders, sources.callHeaders]) {
    for (const [name, value] of Object.entries(extra ?? {})) set(name, value);
  }
  return headers;
}
