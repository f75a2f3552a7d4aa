/** The box at the top, as in the Codex TUI: name and version, model, directory, session. */
import { Box, Text } from "ink";
import { h } from "./h.js";

export type HeaderInfo = { version: string; model: string; directory: string; sessionId: string | null; sandbox: string; approval: string };

export function HeaderView({ info }: { info: HeaderInfo }) {
  return h(
    Box,
    { borderStyle: "round", borderColor: "gray", flexDirection: "column", paddingX: 1, alignSelf: "flex-start" },
    h(Text, null, h(Text, { bold: true }, ">_ Codex Native "), h(Text, { dimColor: true }, `(v${info.version})`)),
    h(Text, null, " "),
    h(Text, null, h(Text, { dimColor: true }, "model:     "), info.model),
    h(Text, null, h(Text, { dimColor: true }, "directory: "), info.directory),
    h(Text, null, h(Text, { dimColor: true }, "sandbox:   "), `${info.sandbox} · approval ${info.approval}`),
    ...(info.sessionId ? [h(Text, { key: "session" }, h(Text, { dimColor: true }, "session:   "), info.sessionId)] : []),
  );
}
