/**
 * A real terminal for tests: a tmux session on its own server socket (so parallel tests and a
 * user's tmux never meet), a command started in it with an explicit environment, keys sent,
 * and the screen captured as text. Fails loudly when tmux is missing (.ci/run installs it).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

export type TmuxTerminal = {
  /** Sends keys as tmux names them ("Enter", "Escape", "Down", "C-c") or literal text with `literal`. */
  send(keys: string, options?: { literal?: boolean }): void;
  /** Types text one character at a time, as a person would. */
  type(text: string): Promise<void>;
  screen(): string;
  /** Waits until the screen matches, or throws with the screen in the message. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** True once the command has exited (the pane is dead). */
  exited(): boolean;
  close(): void;
};

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

export function startTmux(command: string[], options: { cwd: string; env: Record<string, string>; width?: number; height?: number }): TmuxTerminal {
  const socket = `codex-native-test-${process.pid}-${randomBytes(4).toString("hex")}`;
  const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  // `env -i` so the command sees exactly the test's environment, not the tmux server's.
  const envArgs = Object.entries(options.env).map(([name, value]) => shellQuote(`${name}=${value}`));
  const shellCommand = `cd ${shellQuote(options.cwd)} && exec env -i ${envArgs.join(" ")} ${command.map(shellQuote).join(" ")}`;
  tmux("-f", "/dev/null", "new-session", "-d", "-s", "test", "-x", String(options.width ?? 110), "-y", String(options.height ?? 40), shellCommand);
  tmux("set-option", "-t", "test", "remain-on-exit", "on");
  const terminal: TmuxTerminal = {
    send(keys, sendOptions = {}) {
      tmux("send-keys", "-t", "test", ...(sendOptions.literal ? ["-l"] : []), keys);
    },
    async type(text) {
      for (const character of text) {
        terminal.send(character, { literal: true });
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    },
    screen() {
      return tmux("capture-pane", "-p", "-t", "test");
    },
    async waitFor(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let screen = "";
      while (Date.now() < deadline) {
        screen = terminal.screen();
        if (pattern.test(screen)) return screen;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the screen never matched ${pattern}:\n${screen}`);
    },
    exited() {
      return tmux("display-message", "-p", "-t", "test", "#{pane_dead}").trim() === "1";
    },
    close() {
      try {
        tmux("kill-server");
      } catch {
        // Already gone.
      }
    },
  };
  return terminal;
}
