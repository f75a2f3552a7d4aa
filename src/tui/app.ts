/**
 * The TUI application: the resume picker, then the conversation (header and history above,
 * the live area, an approval prompt when one is pending, the input box) with turns run on the
 * thread as the user sends messages.
 */
import { Box, render, Static, useApp } from "ink";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApprovalDecision, ApprovalRequest } from "../options/approval-callback-types.js";
import type { Thread } from "../thread.js";
import type { SessionSummary } from "../cli/sessions/session-summaries.js";
import { formatCount } from "../cli/output/display-text.js";
import { ApprovalPromptView } from "./components/approval-prompt-view.js";
import { h } from "./components/h.js";
import { HeaderView, type HeaderInfo } from "./components/header-view.js";
import { HelpView } from "./components/help-view.js";
import { HistoryCellView } from "./components/history-cell-view.js";
import { InputBoxView } from "./components/input-box-view.js";
import { LiveAreaView } from "./components/live-area-view.js";
import { ResumePickerView } from "./components/resume-picker-view.js";
import { applyEvent, cellKey, emptyLive, type HistoryCell } from "./history-cells.js";
import type { TuiSession } from "./tui-session.js";

type StaticEntry = { key: string; header: HeaderInfo } | { key: string; cell: HistoryCell };
type PendingApproval = { request: ApprovalRequest; resolve: (decision: ApprovalDecision) => void };

export function App({ session }: { session: TuiSession }) {
  const { exit } = useApp();
  const [screen, setScreen] = useState<"picker" | "chat">(session.pickerSessions.length > 0 && !session.resumeId ? "picker" : "chat");
  const [entries, setEntries] = useState<StaticEntry[]>([]);
  const [, setLiveVersion] = useState(0);
  const live = useRef(emptyLive()).current;
  const [busy, setBusy] = useState(false);
  const [turnStartedAt, setTurnStartedAt] = useState<number | undefined>(undefined);
  const [approval, setApproval] = useState<PendingApproval | null>(null);
  const [help, setHelp] = useState(false);
  const thread = useRef<Thread | null>(null);
  const abort = useRef<AbortController | null>(null);
  const totalTokens = useRef(0);

  const append = useCallback((cells: HistoryCell[]) => {
    if (cells.length > 0) setEntries((current) => [...current, ...cells.map((cell) => ({ key: cell.key, cell }))]);
  }, []);

  const openThread = useCallback(
    (resumeId: string | null) => {
      thread.current = resumeId ? session.codex.resumeThread(resumeId, session.threadOptions) : session.codex.startThread(session.threadOptions);
      const header = { ...session.header, sessionId: resumeId };
      setEntries([{ key: "header", header }, ...(resumeId ? [{ key: cellKey(), cell: { key: cellKey(), kind: "info" as const, text: `Resumed session ${resumeId}` } }] : [])]);
      if (resumeId) session.onSessionId(resumeId);
    },
    [session],
  );

  useEffect(() => {
    session.codex.setApprovalCallback((request, context) => {
      if (session.approvals) return session.approvals(request, context);
      return new Promise<ApprovalDecision>((resolve) => {
        const answer = (decision: ApprovalDecision) => {
          setApproval(null);
          resolve(decision);
        };
        context.signal.addEventListener("abort", () => answer({ decision: "denied" }), { once: true });
        setApproval({ request, resolve: answer });
      });
    });
    if (screen === "chat") openThread(session.resumeId);
  }, []);

  const runTurn = useCallback(
    async (text: string) => {
      const current = thread.current;
      if (!current) return;
      append([{ key: cellKey(), kind: "user", text }]);
      setBusy(true);
      setTurnStartedAt(Date.now());
      const controller = new AbortController();
      abort.current = controller;
      const context = { command: "tui" as const, cwd: session.cwd };
      try {
        for (const hook of session.config.beforeStart) {
          await hook({ ...context, input: text, threadId: current.id, threadOptions: session.threadOptions });
        }
        const { events } = await current.runStreamed(text, { signal: controller.signal });
        for await (const event of events) {
          for (const hook of session.config.onEvent) {
            await Promise.resolve(hook(event, { ...context, threadId: current.id })).catch((error: unknown) =>
              append([{ key: cellKey(), kind: "error", text: `onEvent hook failed: ${error instanceof Error ? error.message : String(error)}` }]),
            );
          }
          if (event.type === "thread.started") session.onSessionId(event.thread_id);
          if (event.type === "turn.completed") {
            totalTokens.current += event.usage.input_tokens + event.usage.output_tokens;
            append([{ key: cellKey(), kind: "info", text: `tokens used: ${formatCount(totalTokens.current)}` }]);
          }
          append(applyEvent(live, event, session.patches));
          setLiveVersion((value) => value + 1);
        }
      } catch (error) {
        append([{ key: cellKey(), kind: "error", text: error instanceof Error ? error.message : String(error) }]);
      } finally {
        live.running.clear();
        live.streaming.clear();
        live.plan = undefined;
        abort.current = null;
        setBusy(false);
        setTurnStartedAt(undefined);
      }
    },
    [session, append, live],
  );

  useEffect(() => {
    if (screen === "chat" && session.initialPrompt && thread.current && entries.length > 0 && !busy && totalTokens.current === 0) {
      const prompt = session.initialPrompt;
      session.initialPrompt = null;
      void runTurn(prompt);
    }
  }, [screen, entries.length]);

  const pick = (picked: SessionSummary | null) => {
    setScreen("chat");
    openThread(picked?.id ?? null);
  };

  if (screen === "picker") return h(ResumePickerView, { sessions: session.pickerSessions, onPick: pick });
  return h(
    Box,
    { flexDirection: "column" },
    h(Static<StaticEntry>, {
      items: entries,
      children: (entry: StaticEntry) =>
        "header" in entry ? h(HeaderView, { key: entry.key, info: entry.header }) : h(HistoryCellView, { key: entry.key, cell: entry.cell }),
    }),
    h(LiveAreaView, { live, busy, turnStartedAt }),
    approval ? h(ApprovalPromptView, { request: approval.request, onDecision: approval.resolve }) : null,
    help ? h(HelpView, { onClose: () => setHelp(false) }) : null,
    h(InputBoxView, {
      active: !approval && !help,
      busy,
      onSubmit: (text: string) => void runTurn(text),
      onHelp: () => setHelp(true),
      onQuit: () => exit(),
      onInterrupt: () => abort.current?.abort(new Error("interrupted by the user")),
    }),
  );
}

/** Renders the app on the terminal; resolves when the user quits. */
export async function renderTuiApp(session: TuiSession): Promise<void> {
  const instance = render(h(App, { session }), { exitOnCtrlC: false });
  await instance.waitUntilExit();
}
