/**
 * Runs the BUILT `codex-native` (dist/cli.js, built by `npm run build:ts`, part of `npm test`)
 * against the mock Responses server of an e2e harness, with stdin, cwd and env under control.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import type { Harness } from "../helpers/e2e-harness.js";

export const cliPath = path.resolve(import.meta.dirname, "../../dist/cli.js");

export type CliResult = { code: number | null; stdout: string; stderr: string };

export type CliOptions = { cwd?: string; input?: string; env?: Record<string, string> };

/** The environment the CLI runs with: the harness's, pointed at the mock server. */
export function cliEnv(harness: Harness, extra: Record<string, string> = {}): Record<string, string> {
  return { ...harness.env, OPENAI_BASE_URL: harness.server.url, OPENAI_API_KEY: "sk-cli-test", ...extra };
}

export function runCodexNative(harness: Harness, args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? harness.workdir,
      env: cliEnv(harness, options.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // A run that hangs fails the test instead of stalling the suite.
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** The JSON lines of `--json` output, parsed. */
export function jsonLines(stdout: string): any[] {
  return stdout
    .trim()
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
}

/** The text of the last user message (the prompt) of the latest request. */
export function lastPrompt(harness: Harness): string {
  const input = harness.server.requests.at(-1)!.body.input as any[];
  const message = input.findLast((item) => item.type === "message" && item.role === "user");
  return message.content.map((part: any) => part.text ?? part.type).join("");
}
