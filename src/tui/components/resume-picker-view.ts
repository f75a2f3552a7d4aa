/** The resume picker: this directory's saved sessions, newest first; Enter resumes, n or Esc starts a new one. */
import { Box, Text, useInput } from "ink";
import { useState } from "react";
import { relativeTime, type SessionSummary } from "../../cli/sessions/session-summaries.js";
import { h } from "./h.js";

export function ResumePickerView({ sessions, onPick }: { sessions: SessionSummary[]; onPick: (session: SessionSummary | null) => void }) {
  const [selected, setSelected] = useState(0);
  useInput((input, key) => {
    if (key.upArrow) setSelected((value) => Math.max(0, value - 1));
    else if (key.downArrow) setSelected((value) => Math.min(sessions.length - 1, value + 1));
    else if (key.return) onPick(sessions[selected] ?? null);
    else if (key.escape || input === "n") onPick(null);
  });
  return h(
    Box,
    { flexDirection: "column", paddingX: 1 },
    h(Text, { bold: true }, "Resume a previous session"),
    h(Text, { dimColor: true }, "↑/↓ to choose, enter to resume, n or esc to start a new session"),
    h(Text, null, " "),
    ...sessions.map((session, index) =>
      h(
        Text,
        { key: session.id, color: index === selected ? "cyan" : undefined },
        `${index === selected ? "›" : " "} ${relativeTime(session.updatedAt).padEnd(8)} ${(session.title || "(no message)").slice(0, 60).padEnd(60)} ${session.id.slice(0, 8)}`,
      ),
    ),
  );
}
