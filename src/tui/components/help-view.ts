/** The keyboard help shown by `?`; any key closes it. */
import { Box, Text, useInput } from "ink";
import { h } from "./h.js";

const keys: Array<[string, string]> = [
  ["enter", "send the message"],
  ["esc", "interrupt the running turn"],
  ["ctrl+c", "interrupt; on an empty idle prompt, quit"],
  ["ctrl+d", "quit (on an empty prompt)"],
  ["ctrl+u", "clear the prompt"],
  ["y / a / n / q", "at an approval: yes, yes for the session, no, stop the turn"],
  ["?", "show this help"],
];

export function HelpView({ onClose }: { onClose: () => void }) {
  useInput(() => onClose());
  return h(
    Box,
    { flexDirection: "column", borderStyle: "round", borderColor: "gray", paddingX: 1, marginTop: 1 },
    h(Text, { bold: true }, "Keyboard shortcuts"),
    ...keys.map(([key, what]) => h(Text, { key }, h(Text, { color: "cyan" }, key.padEnd(16)), what)),
    h(Text, { dimColor: true }, "press any key to close"),
  );
}
