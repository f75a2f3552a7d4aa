/** One cell of the conversation, drawn like the Codex TUI: a bullet, a title, indented details. */
import { Box, Text } from "ink";
import { changeLetter, displayCommand, trimOutput } from "../../cli/output/display-text.js";
import { patchLines } from "../../cli/output/patch-lines.js";
import type { HistoryCell } from "../history-cells.js";
import { h } from "./h.js";

export function HistoryCellView({ cell }: { cell: HistoryCell }) {
  switch (cell.kind) {
    case "user":
      return h(Box, { marginTop: 1 }, h(Text, { color: "cyan", bold: true }, "› "), h(Text, null, cell.text));
    case "agent":
      return h(Box, { marginTop: 1 }, h(Text, null, "• "), h(Box, { flexDirection: "column", flexShrink: 1 }, h(Text, null, cell.text)));
    case "reasoning":
      return h(Box, { marginTop: 1 }, h(Text, { dimColor: true, italic: true }, `• ${cell.text}`));
    case "command": {
      const ok = cell.status === "completed";
      const title = cell.status === "declined" ? "Declined" : "Ran";
      const output = trimOutput(cell.output, 5);
      return h(
        Box,
        { flexDirection: "column", marginTop: 1 },
        h(Text, null, h(Text, { color: ok ? "green" : "red" }, "• "), h(Text, { bold: true }, `${title} `), displayCommand(cell.command)),
        ...output.map((line, index) => h(Text, { key: index, dimColor: true }, `${index === 0 ? "  └ " : "    "}${line}`)),
        ...(ok ? [] : [h(Text, { key: "status", color: "red" }, `  └ ${cell.status === "declined" ? "declined" : `exit ${cell.exitCode ?? "?"}`}`)]),
      );
    }
    case "patch": {
      const title = cell.status === "completed" ? "Edited" : cell.status === "declined" ? "Declined edit of" : "Failed to edit";
      const diff = cell.patch ? patchLines(cell.patch, 40) : [];
      return h(
        Box,
        { flexDirection: "column", marginTop: 1 },
        h(Text, null, h(Text, { color: cell.status === "completed" ? "green" : "red" }, "• "), h(Text, { bold: true }, title)),
        ...cell.files.map((file) => h(Text, { key: file.path }, `  └ ${changeLetter(file.kind)} ${file.path}`)),
        ...diff.map((line, index) =>
          h(Text, { key: `d${index}`, color: line.kind === "add" ? "green" : line.kind === "remove" ? "red" : undefined, dimColor: line.kind === "context" }, `    ${line.text}`),
        ),
      );
    }
    case "plan":
      return h(PlanView, { items: cell.items, title: "Updated Plan" });
    case "tool":
      return h(Box, { marginTop: 1 }, h(Text, null, `• Called ${cell.name} (${cell.status})`));
    case "info":
      return h(Box, { marginTop: 1 }, h(Text, { dimColor: true }, `• ${cell.text}`));
    case "error":
      return h(Box, { marginTop: 1 }, h(Text, { color: "red" }, `■ ${cell.text}`));
  }
}

export function PlanView({ items, title }: { items: Array<{ text: string; completed: boolean }>; title: string }) {
  return h(
    Box,
    { flexDirection: "column", marginTop: 1 },
    h(Text, { bold: true }, `• ${title}`),
    ...items.map((item, index) =>
      h(Text, { key: index, color: item.completed ? "green" : undefined, strikethrough: item.completed }, `  ${index === 0 ? "└" : " "} ${item.completed ? "✔" : "□"} ${item.text}`),
    ),
  );
}
