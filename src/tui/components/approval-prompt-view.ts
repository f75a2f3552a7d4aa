/**
 * The approval prompt, as in the Codex TUI: what would run or change, then the choices, picked
 * with the arrow keys and Enter or with their letter (y, a, n, q; Esc denies).
 */
import { Box, Text, useInput } from "ink";
import { useState } from "react";
import type { ApprovalDecision, ApprovalRequest } from "../../options/approval-callback-types.js";
import { changeLetter } from "../../cli/output/display-text.js";
import { requestPatchLines } from "../../cli/output/change-lines.js";
import { h } from "./h.js";

const options: Array<{ key: string; label: string; decision: ApprovalDecision }> = [
  { key: "y", label: "Yes, proceed", decision: { decision: "approved" } },
  { key: "a", label: "Yes, and don't ask again this session", decision: { decision: "approved_for_session" } },
  { key: "n", label: "No, continue without it", decision: { decision: "denied" } },
  { key: "q", label: "No, and stop the turn", decision: { decision: "abort" } },
];

export function ApprovalPromptView({ request, onDecision }: { request: ApprovalRequest; onDecision: (decision: ApprovalDecision) => void }) {
  const [selected, setSelected] = useState(0);
  useInput((input, key) => {
    if (key.upArrow) setSelected((value) => (value + options.length - 1) % options.length);
    else if (key.downArrow) setSelected((value) => (value + 1) % options.length);
    else if (key.return) onDecision(options[selected]!.decision);
    else if (key.escape) onDecision({ decision: "denied" });
    else {
      const chosen = options.find((option) => option.key === input.toLowerCase());
      if (chosen) onDecision(chosen.decision);
    }
  });
  const question =
    request.kind === "command"
      ? "Would you like to run the following command?"
      : request.kind === "patch"
        ? "Would you like to make the following edits?"
        : `Would you like to call ${request.toolName}?`;
  const details =
    request.kind === "command"
      ? [h(Text, { key: "cmd" }, h(Text, { dimColor: true }, "$ "), request.commandText ?? request.command?.join(" ") ?? "")]
      : request.kind === "patch"
        ? [
            ...(request.changes ?? []).map((change) => h(Text, { key: change.path, bold: true }, `${changeLetter(change.kind)} ${change.path}`)),
            ...requestPatchLines(request, 16).map((line, index) =>
              h(Text, { key: `line${index}`, color: line.kind === "add" ? "green" : line.kind === "remove" ? "red" : undefined }, `  ${line.text}`),
            ),
          ]
        : [h(Text, { key: "args", dimColor: true }, JSON.stringify(request.arguments ?? {}))];
  return h(
    Box,
    { flexDirection: "column", borderStyle: "round", borderColor: "yellow", paddingX: 1, marginTop: 1 },
    h(Text, { bold: true }, question),
    ...(request.reason ? [h(Text, { key: "reason", italic: true }, `Reason: ${request.reason}`)] : []),
    h(Box, { flexDirection: "column", marginY: 1 }, ...details),
    ...options.map((option, index) =>
      h(Text, { key: option.key, color: index === selected ? "cyan" : undefined }, `${index === selected ? "›" : " "} ${index + 1}. ${option.label} (${option.key})`),
    ),
    h(Text, { dimColor: true }, "↑/↓ to choose, enter to confirm, esc to deny"),
  );
}
