/** A review as text: the findings by priority with their location, then the verdict (like `codex review`). */
import type { ReviewOutputEvent } from "../../review/review-types.js";

export function reviewText(review: ReviewOutputEvent, cwd: string): string {
  const lines: string[] = [];
  for (const finding of review.findings) {
    const { absolute_file_path: file, line_range: range } = finding.code_location;
    const where = file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
    lines.push(`- ${finding.title} — ${where}:${range.start}${range.end !== range.start ? `-${range.end}` : ""}`);
    for (const bodyLine of finding.body.trim().split("\n")) lines.push(`  ${bodyLine}`);
  }
  if (review.findings.length === 0) lines.push("No findings.");
  lines.push("", `Verdict: ${review.overall_correctness} (confidence ${review.overall_confidence_score})`);
  if (review.overall_explanation) lines.push(review.overall_explanation);
  return lines.join("\n");
}
