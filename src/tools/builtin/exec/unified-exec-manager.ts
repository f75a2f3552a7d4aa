/**
 * The unified exec processes of one thread. They outlive turns (the model polls them later with
 * write_stdin), so the manager lives in the thread's `toolState`. Like Codex's
 * `UnifiedExecProcessManager` it hands out random ids 1000–99 999, keeps at most 64 processes
 * (pruning the least recently used outside the 8 newest, exited ones first), and kills what is
 * left when the thread is closed or Node exits. A kept process does not keep Node alive: it is
 * unref'd once its exec_command call returns and ref'd only while a write_stdin call waits on it.
 *
 * SIGINT, SIGTERM and SIGHUP: a library must not change what these signals do to the app. Once a
 * session exists we listen for them; when the app has no listener of its own we kill every
 * session and re-raise the signal, so the process dies of it exactly as it would have. When the
 * app handles the signal itself, we leave it alone (its process.exit() still runs our exit hook).
 */
import { AbortError } from "../../../errors.js";
import type { CommandExecutionItem } from "../../../protocol/items.js";
import type { UnifiedExecProcess } from "./unified-exec-process.js";

export const MAX_UNIFIED_EXEC_PROCESSES = 64;
// The most recently used processes are never pruned.
const PROTECTED_RECENT_PROCESSES = 8;
const MIN_PROCESS_ID = 1_000;
const MAX_PROCESS_ID = 99_999;

/** Where the manager is kept in `ThreadServices.toolState`. */
export const UNIFIED_EXEC_STATE_KEY = "unified_exec";

export type ProcessEntry = {
  id: number;
  process: UnifiedExecProcess;
  /** The started item of the exec_command call; completed when the exit is observed in that turn. */
  item: CommandExecutionItem;
  turnId: string;
  lastUsed: number;
};

const liveManagers = new Set<UnifiedExecManager>();
let exitHookInstalled = false;
let signalHooksInstalled = false;
const terminatingSignals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

// Processes must not outlive Node: kill every group still running when it exits.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const manager of liveManagers) manager.dispose();
  });
}

function onTerminatingSignal(signal: NodeJS.Signals): void {
  // The app handles this signal: it decides whether the process ends.
  if (process.listenerCount(signal) > 1) return;
  for (const manager of liveManagers) manager.dispose();
  for (const name of terminatingSignals) process.removeListener(name, onTerminatingSignal);
  signalHooksInstalled = false;
  // Without our listener the default action applies: the process dies of the signal.
  process.kill(process.pid, signal);
}

function installSignalHooks(): void {
  if (signalHooksInstalled || process.platform === "win32") return;
  signalHooksInstalled = true;
  for (const name of terminatingSignals) process.on(name, onTerminatingSignal);
}

export class UnifiedExecManager {
  private readonly processes = new Map<number, ProcessEntry>();
  private readonly reserved = new Set<number>();
  private useCounter = 0;

  constructor() {
    installExitHook();
    liveManagers.add(this);
  }

  /** A free random id, reserved until released or removed. */
  allocateId(): number {
    for (;;) {
      const id = MIN_PROCESS_ID + Math.floor(Math.random() * (MAX_PROCESS_ID - MIN_PROCESS_ID + 1));
      if (this.reserved.has(id)) continue;
      this.reserved.add(id);
      return id;
    }
  }

  releaseId(id: number): void {
    this.reserved.delete(id);
  }

  /** Keeps a still-running process for later write_stdin calls, pruning one when full. */
  store(entry: Omit<ProcessEntry, "lastUsed">): void {
    if (this.processes.size >= MAX_UNIFIED_EXEC_PROCESSES) this.pruneOne();
    this.processes.set(entry.id, { ...entry, lastUsed: this.nextUse() });
    // The call that started it has returned: the session must not keep the host alive.
    entry.process.unref();
    installSignalHooks();
  }

  /** Runs `wait` with the process holding the event loop (a call waits on it), then lets go again. */
  async whileWaiting<T>(entry: ProcessEntry, wait: () => Promise<T>): Promise<T> {
    entry.process.ref();
    try {
      return await wait();
    } finally {
      entry.process.unref();
    }
  }

  /** The entry for `id`, marked as just used; undefined when unknown. */
  use(id: number): ProcessEntry | undefined {
    const entry = this.processes.get(id);
    if (entry) entry.lastUsed = this.nextUse();
    return entry;
  }

  remove(id: number): void {
    this.processes.delete(id);
    this.reserved.delete(id);
  }

  /** Ids of the processes currently kept. */
  ids(): number[] {
    return [...this.processes.keys()];
  }

  /** Kills every process and forgets them; the manager stays usable. */
  dispose(): void {
    for (const entry of this.processes.values()) entry.process.terminate();
    this.processes.clear();
    this.reserved.clear();
  }

  /** Like dispose, and stops tracking the manager for the exit hook. */
  close(): void {
    this.dispose();
    liveManagers.delete(this);
  }

  private nextUse(): number {
    this.useCounter += 1;
    return this.useCounter;
  }

  private pruneOne(): void {
    const victim = processToPrune([...this.processes.values()].map(({ id, lastUsed, process }) => ({ id, lastUsed, exited: process.hasExited })));
    if (victim === undefined) return;
    this.processes.get(victim)?.process.terminate();
    this.remove(victim);
  }
}

/**
 * Codex's pruning choice: outside the 8 most recently used, the least recently used exited
 * process, else the least recently used one.
 */
export function processToPrune(entries: Array<{ id: number; lastUsed: number; exited: boolean }>): number | undefined {
  const byRecency = [...entries].sort((left, right) => right.lastUsed - left.lastUsed);
  const protectedIds = new Set(byRecency.slice(0, PROTECTED_RECENT_PROCESSES).map((entry) => entry.id));
  const leastRecentFirst = byRecency.reverse().filter((entry) => !protectedIds.has(entry.id));
  return (leastRecentFirst.find((entry) => entry.exited) ?? leastRecentFirst[0])?.id;
}

/** The thread's manager, created on first use. */
export function unifiedExecManagerFor(toolState: Map<string, unknown>): UnifiedExecManager {
  const existing = toolState.get(UNIFIED_EXEC_STATE_KEY);
  if (existing instanceof UnifiedExecManager) return existing;
  const manager = new UnifiedExecManager();
  toolState.set(UNIFIED_EXEC_STATE_KEY, manager);
  return manager;
}

/** Kills the thread's unified exec processes (call when the thread ends). */
export function disposeUnifiedExec(toolState: Map<string, unknown>): void {
  const existing = toolState.get(UNIFIED_EXEC_STATE_KEY);
  if (existing instanceof UnifiedExecManager) existing.close();
  toolState.delete(UNIFIED_EXEC_STATE_KEY);
}

/**
 * Collects the process's output until it exits or the deadline passes (Codex
 * `collect_output_until_deadline`); output keeps being gathered while it flows.
 */
export async function collectOutputUntilDeadline(execProcess: UnifiedExecProcess, deadline: number, signal: AbortSignal): Promise<Buffer> {
  const collected: Buffer[] = [];
  for (;;) {
    const chunk = execProcess.drainPending();
    if (chunk.length > 0) {
      collected.push(chunk);
      if (performance.now() >= deadline) break;
      continue;
    }
    if (execProcess.hasExited) break;
    const remaining = deadline - performance.now();
    if (remaining <= 0) break;
    await execProcess.waitForChange(remaining, signal);
    if (signal.aborted) throw new AbortError();
  }
  return Buffer.concat(collected);
}
