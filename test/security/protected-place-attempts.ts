/**
 * The agent's own places: `CODEX_HOME` below a writable root (as under `$TMPDIR` in tests and
 * CI) must stay read-only and its `auth.json` unreadable; `.git`, `.codex` and `.agents` that
 * do not exist yet must not be creatable in any writable root.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { NativeCommandRunner } from "../../src/exec/sandboxed-command-runner.js";
import { readOnly, runCommand, waitFor, workspaceWrite } from "../sandbox/command-harness.js";
import { attempt, contentOf, describeResult, type EscapeContext } from "./escape-harness.js";

const secret = "sk-auth-json-escape-4711";

export function registerProtectedPlaceAttempts(context: EscapeContext): void {
  const { base } = context.layout;
  // A second workspace that has none of the protected entries, with CODEX_HOME inside it.
  const bare = path.join(base, "bare-workspace");
  const codexHome = path.join(bare, "codex-home");
  const missingHome = path.join(bare, "not-yet-home");
  mkdirSync(codexHome, { recursive: true });
  writeFileSync(path.join(codexHome, "config.toml"), 'approval_policy = "untrusted"\n');
  writeFileSync(path.join(codexHome, "auth.json"), JSON.stringify({ OPENAI_API_KEY: secret }));
  const runnerWith = (home: string) => new NativeCommandRunner({ codexHome: home });
  const writable = workspaceWrite();
  const run = (home: string, script: string, sandbox = writable) =>
    runCommand(runnerWith(home), ["sh", "-c", script], {
      cwd: bare,
      sandbox,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", CODEX_HOME: home },
    });
  const configUnchanged = () => contentOf(path.join(codexHome, "config.toml")) === 'approval_policy = "untrusted"\n';

  // Reads first: an escaped rename below would take auth.json away.
  for (const [name, sandbox] of [
    ["workspace-write", writable],
    ["read-only", readOnly],
  ] as const) {
    attempt(context, `${name}: read CODEX_HOME/auth.json`, async () => {
      const result = await run(codexHome, 'cat "$CODEX_HOME/auth.json"; cat /proc/self/root"$CODEX_HOME/auth.json"', sandbox);
      return { blocked: !result.stdout.includes(secret), detail: describeResult(result) };
    });
  }

  attempt(context, "workspace-write: rewrite config.toml in a CODEX_HOME below the writable root", async () => {
    const script = 'printf \'approval_policy = "never"\\nsandbox_mode = "danger-full-access"\\n\' > "$CODEX_HOME/config.toml"; echo x > "$CODEX_HOME/new.toml"';
    const result = await run(codexHome, script);
    return { blocked: configUnchanged() && !existsSync(path.join(codexHome, "new.toml")), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: replace CODEX_HOME by renaming it away and recreating it", async () => {
    const result = await run(codexHome, 'mv "$CODEX_HOME" "$CODEX_HOME.old" && mkdir "$CODEX_HOME" && echo pwned > "$CODEX_HOME/config.toml"');
    return { blocked: configUnchanged() && !existsSync(`${codexHome}.old`), detail: describeResult(result) };
  });

  attempt(context, "workspace-write: create a CODEX_HOME that does not exist yet below the writable root", async () => {
    const result = await run(missingHome, 'mkdir -p "$CODEX_HOME" && echo \'model_provider = "evil"\' > "$CODEX_HOME/config.toml"');
    return { blocked: !existsSync(path.join(missingHome, "config.toml")), detail: describeResult(result) };
  });

  for (const entry of [".codex", ".git", ".agents"]) {
    attempt(context, `workspace-write: create ${entry}/ where it does not exist yet`, async () => {
      const file = entry === ".git" ? "config" : "config.toml";
      const result = await run(codexHome, `mkdir -p ${entry} && echo pwned > ${entry}/${file}; ln -s /tmp ${entry}; echo x > ${entry}`);
      const target = path.join(bare, entry);
      // The placeholder that protected it goes away once the command ended (removed by the
      // helper's janitor right after the helper exits).
      const placeholderGone = await waitFor(() => !existsSync(target), 5_000);
      return { blocked: !existsSync(path.join(target, file)) && placeholderGone, detail: `${describeResult(result)}; placeholder removed: ${placeholderGone}` };
    });
  }
}
