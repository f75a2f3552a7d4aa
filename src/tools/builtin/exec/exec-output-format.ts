/**
 * The text the model receives for a finished command (`core/src/tools/mod.rs`) and for a unified
 * exec chunk (`ExecCommandToolOutput::response_text`), character for character.
 */
import { countLines, formattedTruncateText, truncateText, type TruncationPolicy } from "./truncation.js";

/** What a one-shot command (`shell`, `shell_command`, `local_shell`) produced. */
export type ExecOutcome = {
  exitCode: number;
  /** stdout then stderr, decoded lossily. */
  aggregatedOutput: string;
  durationMs: number;
  /** Set when the command was killed for running past its timeout. */
  timeoutMs?: number;
};

/** The aggregate with Codex's timeout note in front when the command timed out. */
export function contentWithTimeout(outcome: ExecOutcome): string {
  if (outcome.timeoutMs === undefined) return outcome.aggregatedOutput;
  return `command timed out after ${outcome.timeoutMs} milliseconds\n${outcome.aggregatedOutput}`;
}

/**
 * Duration rounded to 0.1 s as Codex computes it (an f32), in both of Rust's renderings:
 * serde_json always writes a fraction (`1.0`), `Display` drops a zero one (`1`).
 */
export function durationSecondsText(durationMs: number): { json: string; display: string } {
  const tenths = Math.round(durationMs / 100);
  const whole = Math.floor(tenths / 10);
  const fraction = tenths % 10;
  return { json: `${whole}.${fraction}`, display: fraction === 0 ? `${whole}` : `${whole}.${fraction}` };
}

/**
 * Structured form (`shell`, `local_shell`): `{"output":…,"metadata":{"exit_code":…,"duration_seconds":…}}`
 * where the output is truncated with a `Total output lines` header when over budget.
 */
export function formatStructuredOutput(outcome: ExecOutcome, policy: TruncationPolicy): string {
  const output = formattedTruncateText(contentWithTimeout(outcome), policy);
  const duration = durationSecondsText(outcome.durationMs).json;
  // Built by hand: JSON.stringify cannot write serde's `1.0`.
  return `{"output":${JSON.stringify(output)},"metadata":{"exit_code":${outcome.exitCode},"duration_seconds":${duration}}}`;
}

/**
 * Freeform form (`shell_command`): `Exit code`, `Wall time`, `Total output lines` only when
 * truncation changed the line count, then `Output:` and the middle-truncated text.
 */
export function formatFreeformOutput(outcome: ExecOutcome, policy: TruncationPolicy): string {
  const content = contentWithTimeout(outcome);
  const totalLines = countLines(content);
  const formatted = truncateText(content, policy);
  const sections = [`Exit code: ${outcome.exitCode}`, `Wall time: ${durationSecondsText(outcome.durationMs).display} seconds`];
  if (totalLines !== countLines(formatted)) sections.push(`Total output lines: ${totalLines}`);
  sections.push("Output:", formatted);
  return sections.join("\n");
}

/** One `exec_command`/`write_stdin` answer. */
export type UnifiedExecResponse = {
  chunkId: string;
  wallTimeMs: number;
  /** Set when the process has exited. */
  exitCode?: number;
  /** Set while the process keeps running (the id to pass to write_stdin). */
  processId?: number;
  originalTokenCount: number;
  /** Already truncated to the call's token budget. */
  output: string;
};

/** `Chunk ID`, `Wall time` (4 decimals), exit or session line, `Original token count`, `Output:`. */
export function formatUnifiedExecResponse(response: UnifiedExecResponse): string {
  const sections: string[] = [];
  if (response.chunkId) sections.push(`Chunk ID: ${response.chunkId}`);
  sections.push(`Wall time: ${(response.wallTimeMs / 1000).toFixed(4)} seconds`);
  if (response.exitCode !== undefined) sections.push(`Process exited with code ${response.exitCode}`);
  // "session ID" is what the models are trained on.
  if (response.processId !== undefined) sections.push(`Process running with session ID ${response.processId}`);
  sections.push(`Original token count: ${response.originalTokenCount}`, "Output:", response.output);
  return sections.join("\n");
}
