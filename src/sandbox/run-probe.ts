/**
 * Runs `codex-native-exec --probe` once, off the event loop: through the addon's spawn when it
 * loads (no fork of this process), else through `child_process.execFile`. Loaded on the first
 * probe only, so importing the package does not evaluate it.
 */
import { execFile } from "node:child_process";
import { spawnNativeChild } from "../exec/native-child.js";

export type ProbeOutput = { stdout: string; stderr: string; error: Error | undefined };

/** Runs `helper --probe` (through the addon when it loads: no fork of this process), for at most 10 s. */
export async function runProbe(helperPath: string): Promise<ProbeOutput> {
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const child = spawnNativeChild({ program: helperPath, args: ["--probe"], cwd: "/", env, stdin: "ignore", extraPipe: false });
  if (child === undefined) {
    return new Promise((resolve) => {
      execFile(helperPath, ["--probe"], { encoding: "utf8", timeout: 10_000 }, (error, stdout, stderr) =>
        resolve({ stdout, stderr, error: error ?? undefined }),
      );
    });
  }
  return new Promise((resolve) => {
    const output = { stdout: "", stderr: "" };
    child.stdout.setEncoding("utf8").on("data", (text: string) => (output.stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (output.stderr += text));
    const timer = setTimeout(() => child.killGroup("SIGKILL"), 10_000);
    child.once("error", (error: Error) => {
      clearTimeout(timer);
      resolve({ ...output, error });
    });
    child.once("close", (exitCode: number | null, signal: string | null) => {
      clearTimeout(timer);
      resolve({ ...output, error: exitCode === 0 ? undefined : new Error(`${helperPath} --probe ended with ${exitCode ?? signal}`) });
    });
  });
}

