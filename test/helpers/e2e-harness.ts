/**
 * Shared set-up of the end-to-end tests: a mock Responses server, a temporary CODEX_HOME and
 * working directory, and a `Codex` pointed at them through the public API only.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Codex, type CodexOptions } from "../../src/index.js";
import { startMockResponsesServer, type MockResponsesServer } from "../../src/testing/index.js";

export type Harness = {
  server: MockResponsesServer;
  codexHome: string;
  workdir: string;
  env: Record<string, string>;
  codex(options?: Partial<CodexOptions>): Codex;
  /** Every line of the thread's session file, parsed. */
  sessionLines(threadId: string): Promise<Array<{ timestamp: string; type: string; payload: any; ordinal?: number }>>;
  close(): Promise<void>;
};

export async function createHarness(options: { gitRepo?: boolean } = {}): Promise<Harness> {
  const server = await startMockResponsesServer();
  const root = await mkdtemp(path.join(os.tmpdir(), "codex-native-e2e-"));
  const codexHome = path.join(root, "codex-home");
  const workdir = path.join(root, "work");
  await import("node:fs/promises").then((fs) => Promise.all([fs.mkdir(codexHome), fs.mkdir(workdir)]));
  if (options.gitRepo) execFileSync("git", ["init", "-q", workdir]);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: root,
    CODEX_HOME: codexHome,
    SHELL: "/bin/bash",
    // Nothing above the test's own directory counts: a stray .git above TMPDIR must not matter.
    GIT_CEILING_DIRECTORIES: ceilingFor(root),
  };
  return {
    server,
    codexHome,
    workdir,
    env,
    codex: (overrides = {}) => new Codex({ baseUrl: server.url, apiKey: "test-api-key", env, ...overrides }),
    async sessionLines(threadId) {
      const { findRolloutFile } = await import("../../src/sessions/rollout-paths.js");
      const file = await findRolloutFile(codexHome, threadId);
      if (!file) throw new Error(`no session file for ${threadId}`);
      return (await readFile(file, "utf8"))
        .split("\n")
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line));
    },
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Text of every input item of a recorded request, for compact assertions. */
export function inputTexts(body: any): string[] {
  return (body.input as any[]).map((item) => {
    if (item.type === "message") return `${item.role}: ${item.content.map((part: any) => part.text ?? part.type).join("")}`;
    if (item.type === "function_call_output" || item.type === "custom_tool_call_output") {
      return `${item.type}(${item.call_id}): ${typeof item.output === "string" ? item.output : JSON.stringify(item.output)}`;
    }
    if (item.type === "function_call") return `function_call(${item.call_id}): ${item.name} ${item.arguments}`;
    return item.type;
  });
}

/** The directory containing `dir`, as a ceiling so git and findGitRoot never look above `dir`. */
export function ceilingFor(dir: string): string {
  return path.dirname(dir);
}
