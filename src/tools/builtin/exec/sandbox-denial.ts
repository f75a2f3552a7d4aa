/**
 * Codex's `is_likely_sandbox_denied`: there is no reliable signal that a sandbox blocked a command,
 * so a failed sandboxed run is judged by well-known denial words in its output. A positive answer
 * lets the tool ask whether to run the command again without the sandbox.
 */
import type { SandboxPolicy } from "../../../sandbox/sandbox-policy.js";

// Codex's list, matched case-insensitively against stdout, stderr and the aggregate.
const SANDBOX_DENIED_KEYWORDS = [
  "operation not permitted",
  "permission denied",
  "read-only file system",
  "seccomp",
  "sandbox",
  "landlock",
  "failed to write file",
];

// Our addition, only when the sandbox cut the network: resolver and connect failures are what a
// blocked socket looks like. "connection refused" is left out: it is an ordinary answer of a port
// nobody listens on.
const NETWORK_DENIED_KEYWORDS = [
  "could not resolve host",
  "temporary failure in name resolution",
  "name or service not known",
  "network is unreachable",
  "nodename nor servname",
  "getaddrinfo enotfound",
  "getaddrinfo eai_again",
];

// 2: builtin misuse, 126: not executable, 127: not found; these are the command's own failures.
const QUICK_REJECT_EXIT_CODES = new Set([2, 126, 127]);

// 128 + SIGSYS: a process killed by a seccomp trap.
const SIGSYS_EXIT_CODE = 128 + 31;

export type SandboxDenialCheck = {
  /** The sandbox the command ran under; an unconfined run is never a denial. */
  sandbox: SandboxPolicy;
  exitCode: number;
  /** Output texts to search (stdout, stderr, aggregate: any that exist). */
  outputs: readonly string[];
};

/** True when a failed sandboxed command most likely failed because of the sandbox. */
export function isLikelySandboxDenied(check: SandboxDenialCheck): boolean {
  if (check.sandbox.mode === "danger-full-access" || check.exitCode === 0) return false;
  const lowered = check.outputs.map((output) => output.toLowerCase());
  const keywords = check.sandbox.networkAccess ? SANDBOX_DENIED_KEYWORDS : [...SANDBOX_DENIED_KEYWORDS, ...NETWORK_DENIED_KEYWORDS];
  if (lowered.some((output) => keywords.some((keyword) => output.includes(keyword)))) return true;
  if (QUICK_REJECT_EXIT_CODES.has(check.exitCode)) return false;
  return process.platform === "linux" && check.exitCode === SIGSYS_EXIT_CODE;
}
