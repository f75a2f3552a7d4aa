/**
 * The lines of a patch to show: an `apply_patch` patch (`*** Update File: …`, `@@`, `+`/`-`) or
 * a unified diff, classified so the line output and the TUI colour them alike.
 */
export type PatchLine = { kind: "file" | "hunk" | "add" | "remove" | "context"; text: string };

export function patchLines(patch: string, maxLines = 80): PatchLine[] {
  const lines: PatchLine[] = [];
  for (const raw of patch.replace(/\n+$/, "").split("\n")) {
    if (raw === "*** Begin Patch" || raw === "*** End Patch" || raw === "*** End of File") continue;
    const file = /^\*\*\* (Add|Delete|Update) File: (.*)$/.exec(raw) ?? /^\*\*\* (Move to): (.*)$/.exec(raw);
    if (file) lines.push({ kind: "file", text: `${file[1]} ${file[2]}` });
    else if (raw.startsWith("@@")) lines.push({ kind: "hunk", text: raw });
    else if (raw.startsWith("+++") || raw.startsWith("---")) continue;
    else if (raw.startsWith("+")) lines.push({ kind: "add", text: raw });
    else if (raw.startsWith("-")) lines.push({ kind: "remove", text: raw });
    else lines.push({ kind: "context", text: raw.startsWith(" ") ? raw : ` ${raw}` });
  }
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines), { kind: "context", text: `… +${lines.length - maxLines} lines` }];
}
