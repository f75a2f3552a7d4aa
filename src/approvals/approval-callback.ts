/**
 * The user's approval callback, and the gate that calls it safely: a missing callback, one that
 * throws, answers too late or answers with something malformed all count as `denied` (with a
 * message saying which) — never a hang, never an approval by default.
 */
import type { SpecIssue } from "../validation/check-spec.js";
import { s } from "../validation/spec.js";
import { AbortError, InvalidArgumentError } from "../errors.js";
import type { ApprovalMode } from "../options/thread-options.js";
import { noApprovalCallbackMessage, rejectedPrefix } from "./approval-messages.js";
import { ApprovalDecision, type ApprovalGate, type ApprovalRequest } from "./approval-types.js";

export type { ApprovalCallback, ApprovalCallbackAnswer, ApprovalCallbackContext } from "../options/approval-callback-types.js";
import type { ApprovalCallback, ApprovalCallbackAnswer } from "../options/approval-callback-types.js";

/** How long a callback may take before the request counts as denied: 5 minutes. */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 5 * 60_000;

/** Why a callback's answer could not be used (reported to `onCallbackFailure`). */
export type ApprovalCallbackFailure = {
  reason: "threw" | "timed_out" | "malformed";
  request: ApprovalRequest;
  /** The thrown error, or the malformed answer. */
  error?: unknown;
};

export type CallbackApprovalGateOptions = {
  /** Read at each request, so a callback registered later still applies. */
  callback: () => ApprovalCallback | undefined;
  /** Named in the denial when no callback is registered. */
  policy: ApprovalMode;
  /** Default {@link DEFAULT_APPROVAL_TIMEOUT_MS}; `Infinity` waits forever. */
  timeoutMs?: number;
  /** Told about callbacks that threw, timed out or answered malformed (their requests are denied). */
  onCallbackFailure?: (failure: ApprovalCallbackFailure) => void;
};

const DecisionName = s.enum(["approved", "approved_for_session", "denied", "abort"]);
const EXPECTED_ANSWER = 'expected { decision: "approved" | "approved_for_session" | "denied" | "abort" }, a decision name, or a boolean';

/** An {@link ApprovalGate} that asks the user's callback. */
export function createCallbackApprovalGate(options: CallbackApprovalGateOptions): ApprovalGate {
  const timeoutMs = options.timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs) || timeoutMs <= 0) {
    throw new InvalidArgumentError(`approval timeoutMs must be a positive number of milliseconds (or Infinity), got ${String(timeoutMs)}`);
  }
  const report = (failure: ApprovalCallbackFailure): void => {
    try {
      options.onCallbackFailure?.(failure);
    } catch {
      // A failing reporter must not turn a denial into a crash.
    }
  };

  return {
    request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
      if (signal.aborted) return Promise.reject(new AbortError("Approval request aborted"));
      const callback = options.callback();
      if (callback === undefined) {
        return Promise.resolve({ decision: "denied", message: noApprovalCallbackMessage(options.policy) });
      }
      const prefix = rejectedPrefix(request.kind);
      const callbackController = new AbortController();

      return new Promise<ApprovalDecision>((resolve, reject) => {
        let settled = false;
        let timer: NodeJS.Timeout | undefined;
        const onAbort = (): void =>
          settle(() => {
            callbackController.abort();
            reject(new AbortError("Approval request aborted"));
          });
        const settle = (finish: () => void): void => {
          if (settled) return;
          settled = true;
          signal.removeEventListener("abort", onAbort);
          if (timer !== undefined) clearTimeout(timer);
          finish();
        };
        const deny = (failure: ApprovalCallbackFailure, detail: string): void =>
          settle(() => {
            if (failure.reason === "timed_out") callbackController.abort();
            report(failure);
            resolve({ decision: "denied", message: `${prefix}: ${detail}` });
          });

        signal.addEventListener("abort", onAbort, { once: true });
        if (Number.isFinite(timeoutMs)) {
          timer = setTimeout(
            () => deny({ reason: "timed_out", request }, `the approval callback did not answer within ${timeoutMs} ms`),
            timeoutMs,
          );
        }

        let answer: ApprovalCallbackAnswer | Promise<ApprovalCallbackAnswer>;
        try {
          answer = callback(request, { signal: callbackController.signal });
        } catch (error) {
          deny({ reason: "threw", request, error }, "the approval callback threw an error");
          return;
        }
        Promise.resolve(answer).then(
          (value) => {
            const decision = interpretAnswer(value, request);
            if (decision.ok) settle(() => resolve(decision.value));
            else deny({ reason: "malformed", request, error: value }, `the approval callback returned an invalid answer (${decision.problem})`);
          },
          (error: unknown) => deny({ reason: "threw", request, error }, "the approval callback threw an error"),
        );
      });
    },
  };
}

type Interpretation = { ok: true; value: ApprovalDecision } | { ok: false; problem: string };

/** Validates a callback's answer against the request it answers. */
export function interpretAnswer(answer: unknown, request: Pick<ApprovalRequest, "kind">): Interpretation {
  if (typeof answer === "boolean") return { ok: true, value: { decision: answer ? "approved" : "denied" } };
  if (typeof answer === "string") {
    const name = DecisionName.safeParse(answer);
    return name.success ? { ok: true, value: { decision: name.data } } : { ok: false, problem: `unknown decision ${JSON.stringify(answer)}; ${EXPECTED_ANSWER}` };
  }
  if (typeof answer !== "object" || answer === null) {
    return { ok: false, problem: `got ${answer === null ? "null" : typeof answer}; ${EXPECTED_ANSWER}` };
  }
  const parsed = ApprovalDecision.safeParse(answer);
  if (!parsed.success) return { ok: false, problem: `${summarizeIssues(parsed.issues)}; ${EXPECTED_ANSWER}` };
  const value = parsed.data;
  if (value.decision === "approved" || value.decision === "approved_for_session") {
    if (value.command !== undefined && request.kind !== "command") {
      return { ok: false, problem: `a rewritten "command" answers only command requests, not ${request.kind}` };
    }
    if (value.patch !== undefined && request.kind !== "patch") {
      return { ok: false, problem: `a rewritten "patch" answers only patch requests, not ${request.kind}` };
    }
  }
  return { ok: true, value };
}

function summarizeIssues(issues: readonly SpecIssue[]): string {
  return issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
