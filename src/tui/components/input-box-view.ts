/** The prompt input: a bordered box with a cursor; Enter sends, ? on an empty line shows the keys. */
import { Box, Text, useInput } from "ink";
import { useState } from "react";
import { h } from "./h.js";

export type InputBoxProps = {
  active: boolean;
  busy: boolean;
  onSubmit: (text: string) => void;
  onHelp: () => void;
  onQuit: () => void;
  onInterrupt: () => void;
};

export function InputBoxView({ active, busy, onSubmit, onHelp, onQuit, onInterrupt }: InputBoxProps) {
  const [text, setText] = useState("");
  useInput(
    (input, key) => {
      if (key.ctrl && input === "c") {
        if (busy) onInterrupt();
        else if (text) setText("");
        else onQuit();
        return;
      }
      if (key.ctrl && input === "d" && !text) return onQuit();
      if (key.escape && busy) return onInterrupt();
      if (key.return) {
        if (text.trim() && !busy) {
          onSubmit(text);
          setText("");
        }
        return;
      }
      if (key.backspace || key.delete) return setText((value) => value.slice(0, -1));
      if (key.ctrl && input === "u") return setText("");
      if (input === "?" && !text) return onHelp();
      // Typed fast or pasted, text and Enter can arrive in one chunk: send what precedes the Enter.
      const enter = input.search(/[\r\n]/);
      if (enter >= 0 && !key.ctrl && !key.meta) {
        const message = text + input.slice(0, enter);
        if (message.trim() && !busy) {
          onSubmit(message);
          setText("");
        } else setText(message);
        return;
      }
      if (input && !key.ctrl && !key.meta) setText((value) => value + input);
    },
    { isActive: active },
  );
  const placeholder = busy ? "Codex is working… (esc to interrupt)" : "Ask Codex to do anything";
  return h(
    Box,
    { flexDirection: "column", marginTop: 1 },
    h(
      Box,
      { borderStyle: "round", borderColor: active ? "cyan" : "gray", paddingX: 1 },
      h(Text, { color: "cyan", bold: true }, "› "),
      text ? h(Text, null, text, h(Text, { inverse: true }, " ")) : h(Text, { dimColor: true }, h(Text, { inverse: true }, " "), placeholder),
    ),
    h(Text, { dimColor: true }, "  ⏎ send   ? shortcuts   esc interrupt   ctrl+c quit"),
  );
}
