/**
 * The escape suite must be able to fail: run it against a fake helper that claims support but
 * confines nothing (it just execs the command), and every attempt that depends on the sandbox
 * must report an escape. Attempts that would harm this machine when unconfined are skipped in
 * that run (CODEX_ESCAPE_SUITE_SKIP_DESTRUCTIVE=1).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { isSandboxSupported } from "../../src/exec/sandboxed-command-runner.js";

const suite = fileURLToPath(new URL("./escape-suite.test.ts", import.meta.url));
const repositoryRoot = path.resolve(path.dirname(suite), "..", "..");

/**
 * Attempts that stay blocked without the helper's confinement: the environment policy (applied in
 * JS), the approval-policy rows (the known-safe list decides, not the sandbox), and the apply_patch
 * rows, whose writes the fake helper cannot apply at all (it has no `--apply-steps` mode; those
 * rows were shown to escape against the unconfined in-process writer they replaced).
 */
const blockedWithoutSandbox = [
  "environment policy: read API keys and tokens from the environment",
  "apply_patch (never) racing an exec session that swaps a directory for a symlink to outside, 200 patches",
  "apply_patch to a path approved for the session after it became a symlink to outside",
  "apply_patch (on-request) to CODEX_HOME/config.toml while CODEX_HOME lies under a writable root",
  "apply_patch (never) creating .codex/config.toml where .codex/ did not exist",
  "untrusted: `sed -n 1p '-e1e CMD'` (a file named 1p exists) runs CMD without approval",
  "untrusted: `uniq IN OUT` writes OUT without approval",
  "interceptor rewrites exec_command to ask for escalation; the refused escalation keeps it confined (on-request)",
];

/** This process's environment minus the test runner's own (so the child reports as a plain run). */
function environmentWithoutTestRunner(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/**
 * Kills what the unconfined lifecycle attempts left behind: `sleep` processes whose duration
 * embeds the suite's pid, and heartbeat loops writing into the suite's temporary workspace.
 */
function killLeftovers(suitePid: number): void {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      const leftSleep = path.basename(argv[0] ?? "") === "sleep" && (argv[1] ?? "").includes(`.${suitePid}`);
      const heartbeat = argv.some((argument) => argument.includes("heartbeat-") && argument.includes(path.join(os.tmpdir(), "codex-sandbox-")));
      if (leftSleep || heartbeat) process.kill(Number(entry), "SIGKILL");
    } catch {
      // Gone already.
    }
  }
}

test("the escape suite reports escapes when the helper confines nothing", { skip: !isSandboxSupported() && "the sandbox is unavailable here", timeout: 600_000 }, async () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), "codex-fake-helper-"));
  const fakeHelper = path.join(directory, "codex-native-exec");
  const probe = { supported: true, landlock_abi: 7, seccomp: true, read_only_mounts: true, reason: null };
  writeFileSync(
    fakeHelper,
    `#!/bin/sh\nif [ "$1" = --probe ]; then echo '${JSON.stringify(probe)}'; exit 0; fi\ncase " $* " in *" --apply-steps "*) echo 'no --apply-steps in the fake helper' >&2; exit 125;; esac\nwhile [ "$1" != -- ]; do shift; done\nshift\nexec "$@"\n`,
  );
  chmodSync(fakeHelper, 0o755);
  chmodSync(directory, 0o755);
  const child = spawn(process.execPath, ["--import", "tsx", suite], {
    cwd: repositoryRoot,
    env: { ...environmentWithoutTestRunner(), CODEX_NATIVE_EXEC_HELPER: fakeHelper, CODEX_ESCAPE_SUITE_SKIP_DESTRUCTIVE: "1", CI: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
  killLeftovers(child.pid ?? 0);
  rmSync(directory, { recursive: true, force: true });
  const summary = /sandbox escape suite: (\d+) attempts, (\d+) blocked, (\d+) escaped/.exec(output);
  assert.ok(summary, `no summary line in:\n${output.slice(-3000)}`);
  const [attempts, blocked, escaped] = summary.slice(1, 4).map(Number) as [number, number, number];
  assert.notEqual(code, 0, "the suite passed against a helper that confines nothing");
  const blockedNames = [...output.matchAll(/^ok \d+ - blocked: (.*)$/gm)].map((match) => match[1]!).filter((name) => !name.includes("# SKIP"));
  assert.deepEqual(blockedNames.sort(), [...blockedWithoutSandbox].sort(), `attempts reported blocked without any sandbox:\n${output.slice(-3000)}`);
  assert.equal(blocked, blockedWithoutSandbox.length);
  assert.equal(escaped, attempts - blockedWithoutSandbox.length);
});
