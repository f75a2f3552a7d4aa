import { structuredPatch } from "diff";

// Lines of context around each change, as Codex uses for the diffs it shows in approval requests.
const CONTEXT_LINES = 1;

// GNU/`similar` range notation: a one-line range is just its start; an empty range names the line before it.
function formatRange(start: number, length: number): string {
  if (length === 1) return `${start}`;
  return length === 0 ? `${start - 1},0` : `${start},${length}`;
}

/**
 * Unified diff of two file versions without the `---`/`+++` header, in the layout Codex produces with the
 * `similar` crate: `@@ -a,b +c,d @@` hunks with one line of context, and `\ No newline at end of file` markers.
 */
export function unifiedDiff(oldContent: string, newContent: string): string {
  const patch = structuredPatch("", "", oldContent, newContent, undefined, undefined, { context: CONTEXT_LINES });
  let text = "";
  for (const hunk of patch.hunks) {
    text += `@@ -${formatRange(hunk.oldStart, hunk.oldLines)} +${formatRange(hunk.newStart, hunk.newLines)} @@\n`;
    for (const line of hunk.lines) text += `${line}\n`;
  }
  return text;
}
