/**
 * The diff lines of a patch approval request: the patch itself when the request carries it,
 * else each file's unified diff or added/removed contents.
 */
import type { ApprovalRequest } from "../../options/approval-callback-types.js";
import { patchLines, type PatchLine } from "./patch-lines.js";

export function requestPatchLines(request: ApprovalRequest, maxLines: number): PatchLine[] {
  if (request.patch) return patchLines(request.patch, maxLines);
  const lines: PatchLine[] = [];
  for (const change of request.changes ?? []) {
    if (change.kind === "update" && change.unifiedDiff) lines.push(...patchLines(change.unifiedDiff, maxLines));
    const content = (change.content ?? "").replace(/\n$/, "");
    if (change.kind !== "update" && content) {
      const sign = change.kind === "add" ? "+" : "-";
      lines.push(...patchLines(content.split("\n").map((line) => `${sign}${line}`).join("\n"), maxLines));
    }
  }
  return lines.slice(0, maxLines);
}
