/** What is happening now, under the history: streaming text, running commands, the plan, the working line. */
import { Box, Text } from "ink";
import { displayCommand } from "../../cli/output/display-text.js";
import type { LiveState } from "../history-cells.js";
import { PlanView } from "./history-cell-view.js";
import { h } from "./h.js";
import { SpinnerText, useElapsedSeconds } from "./spinner-text.js";

export function LiveAreaView({ live, busy, turnStartedAt }: { live: LiveState; busy: boolean; turnStartedAt: number | undefined }) {
  const seconds = useElapsedSeconds(busy ? turnStartedAt : undefined);
  return h(
    Box,
    { flexDirection: "column" },
    ...[...live.streaming.entries()].map(([id, entry]) =>
      h(Box, { key: id, marginTop: 1 }, h(Text, { dimColor: entry.kind === "reasoning", italic: entry.kind === "reasoning" }, `• ${entry.text}`)),
    ),
    ...[...live.running.entries()].map(([id, entry]) =>
      h(Box, { key: id, marginTop: 1 }, h(SpinnerText, null), h(Text, { bold: true }, " Running "), h(Text, null, displayCommand(entry.command))),
    ),
    ...(live.plan ? [h(PlanView, { key: "plan", items: live.plan, title: "Plan" })] : []),
    ...(busy
      ? [h(Box, { key: "working", marginTop: 1 }, h(SpinnerText, { color: "magenta" }), h(Text, { bold: true }, " Working "), h(Text, { dimColor: true }, `(${seconds}s • esc to interrupt)`))]
      : []),
  );
}
