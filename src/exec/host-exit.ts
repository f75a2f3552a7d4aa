/**
 * Commands still running when this process exits normally (or via `process.exit()`) are killed
 * with their process groups. Crashes and SIGKILL are covered by the helper itself
 * (`PR_SET_PDEATHSIG`), which takes its PID namespace with it.
 */

type Killable = { kill(signal?: NodeJS.Signals): void };

const running = new Set<Killable>();
let listening = false;

function killAllNow(): void {
  for (const command of running) {
    try {
      command.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

/** Registers `command` to be killed at host exit; returns the function that unregisters it. */
export function killOnHostExit(command: Killable): () => void {
  if (!listening) {
    listening = true;
    process.on("exit", killAllNow);
  }
  running.add(command);
  return () => running.delete(command);
}
