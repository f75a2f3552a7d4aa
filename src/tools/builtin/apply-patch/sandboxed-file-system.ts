/**
 * A {@link PatchFileSystem} whose writes are confined by the kernel: every write, delete and mkdir
 * runs in the `codex-native-exec` helper (`--policy <json> --apply-steps`), which applies the same
 * sandbox as commands before touching the disk, so checking and writing are one operation. Reads
 * stay in-process (the sandbox lets commands read everywhere too). A failed plan is rolled back
 * inside the helper, under the same confinement.
 */
import { spawn } from "node:child_process";
import { dirname } from "node:path";
import { constants as osConstants } from "node:os";
import { SandboxUnavailableError } from "../../../errors.js";
import { spawnNativeChild } from "../../../exec/native-child.js";
import { resolveExecHelperPath } from "../../../sandbox/exec-helper.js";
import { helperPolicyJson } from "../../../sandbox/helper-policy.js";
import type { SandboxPolicy } from "../../../sandbox/sandbox-policy.js";
import { stepFailure } from "./commit.js";
import { nodePatchFileSystem, type PatchFileSystem } from "./file-system.js";
import type { PriorState, WriteStep } from "./plan.js";

export type SandboxedPatchFileSystemOptions = {
  /** A confining policy (`read-only` or `workspace-write`). */
  sandbox: SandboxPolicy;
  /** The thread's working directory: root of the writable set, as for commands. */
  sandboxCwd: string;
  /** The commands' environment (its `$TMPDIR` is a writable root). */
  env: Record<string, string | undefined>;
  /** `CODEX_HOME`: the kernel keeps it read-only for patches as for commands. */
  codexHome?: string | undefined;
  /** The helper; default: found like the command runner finds it. */
  helperPath?: string;
};

type HelperStep =
  | { op: "mkdirp"; path: string }
  | { op: "write"; path: string; content: string; expect: HelperExpectation }
  | { op: "delete"; path: string; expect: HelperExpectation };
type HelperExpectation = { state: "absent" } | { state: "text"; content: string } | { state: "any" };
type HelperOutcome = { ok: true } | { ok: false; step: number; errno: number | null; message: string };

/** Creates the confined file system for one patch application. */
export function sandboxedPatchFileSystem(options: SandboxedPatchFileSystemOptions): PatchFileSystem {
  const run = (steps: HelperStep[]) => runHelper(steps, options);
  const single = async (step: HelperStep) => {
    const outcome = await run([step]);
    if (!outcome.ok) throw helperError(outcome, step.path);
  };
  return {
    readFile: nodePatchFileSystem.readFile,
    exists: nodePatchFileSystem.exists,
    writeFile: (path, content) => single({ op: "write", path, content, expect: { state: "any" } }),
    deleteFile: (path) => single({ op: "delete", path, expect: { state: "any" } }),
    mkdirp: (directory) => single({ op: "mkdirp", path: directory }),
    async applySteps(steps) {
      const { helperSteps, origins } = toHelperSteps(steps);
      const outcome = await run(helperSteps);
      if (outcome.ok) return;
      const origin = origins[outcome.step];
      if (origin === undefined) throw new Error(`codex-native-exec reported an unknown step ${outcome.step}`);
      throw stepFailure(origin.step, origin.phase, helperError(outcome, origin.step.path));
    },
  };
}

function toHelperSteps(steps: readonly WriteStep[]) {
  const helperSteps: HelperStep[] = [];
  const origins: Array<{ step: WriteStep; phase: "parents" | "operation" }> = [];
  for (const step of steps) {
    if (step.action === "delete") {
      helperSteps.push({ op: "delete", path: step.path, expect: expectation(step.prior) });
      origins.push({ step, phase: "operation" });
      continue;
    }
    if (step.createParents) {
      helperSteps.push({ op: "mkdirp", path: dirname(step.path) });
      origins.push({ step, phase: "parents" });
    }
    helperSteps.push({ op: "write", path: step.path, content: step.content, expect: expectation(step.prior) });
    origins.push({ step, phase: "operation" });
  }
  return { helperSteps, origins };
}

function expectation(prior: PriorState): HelperExpectation {
  if (prior.state === "absent") return { state: "absent" };
  if (prior.state === "text") return { state: "text", content: prior.content };
  return { state: "any" };
}

/** A Node-style error (`code`, `errno`, `path`) for the step the helper could not do. */
function helperError(outcome: Extract<HelperOutcome, { ok: false }>, path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(outcome.message);
  const code = outcome.errno === null ? undefined : errnoName(outcome.errno);
  if (code !== undefined) error.code = code;
  if (outcome.errno !== null) error.errno = outcome.errno;
  error.path = path;
  return error;
}

function errnoName(errno: number): string | undefined {
  for (const [name, value] of Object.entries(osConstants.errno)) if (value === errno) return name;
  return undefined;
}

/** This process's environment, which the helper inherits as with Node's spawn. */
function inheritedEnvironment(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function runHelper(steps: HelperStep[], options: SandboxedPatchFileSystemOptions): Promise<HelperOutcome> {
  if (process.platform !== "linux") throw new SandboxUnavailableError(`no sandbox backend for ${process.platform}: apply_patch cannot write confined`);
  const helper = options.helperPath ?? resolveExecHelperPath();
  if (helper === undefined) {
    throw new SandboxUnavailableError("the codex-native-exec helper is missing: apply_patch cannot write confined (build it with `npm run build:native`)");
  }
  const policy = helperPolicyJson(options.sandbox, options.sandboxCwd, options.env, { codexHome: options.codexHome });
  const args = ["--policy", policy, "--apply-steps"];
  // Through the addon when it loads (no fork of this process on the event loop), else Node.
  const child =
    spawnNativeChild({ program: helper, args, cwd: options.sandboxCwd, env: inheritedEnvironment(), stdin: "pipe", extraPipe: false, newSession: false }) ??
    spawn(helper, args, { cwd: options.sandboxCwd, stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  // A helper that exits before reading everything closes the pipe; its exit status tells why.
  child.stdin?.on("error", () => {});
  child.stdin?.end(JSON.stringify({ steps }));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once("error", (error) => reject(new SandboxUnavailableError(`cannot run ${helper}: ${error.message}`, { cause: error })));
    child.once("close", (code) => resolve(code));
  });
  const text = Buffer.concat(stdout).toString("utf8").trim();
  if (exitCode !== 0 || text === "") {
    const detail = Buffer.concat(stderr).toString("utf8").trim() || `exit status ${exitCode}`;
    throw new SandboxUnavailableError(`apply_patch could not write confined: ${detail}`);
  }
  return JSON.parse(text) as HelperOutcome;
}
