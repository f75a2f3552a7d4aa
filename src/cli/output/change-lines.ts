/** The diff lines of one file of a patch approval request: added or removed contents, or the update's diff. */
import type { ApprovalFileChange } from "../../options/approval-callback-types.js";
import { patchLines, type PatchLine } from "./patch-lines.js";

export function changeLines(change: ApprovalFileChange, maxLines: number): PatchLine[] {
  if (change.kind === "update") return change.unifiedDiff ? patchLines(change.unifiedDiff, maxLines) : [];
  const sign = change.kind === "add" ? "+" : "-";
  const content = (change.content ?? "").replace(/\n$/, "");
  if (!content) return [];
  return patchLines(content.split("\n").map((line) => `${sign}${line}`).join("\n"), maxLines);
}
