/**
 * Reads the reviewer's final message as Codex does: the whole text as a `ReviewOutputEvent`
 * JSON object, else the outermost `{…}` inside it (models sometimes wrap the JSON in prose or a
 * fence), else a review with no findings whose explanation is the text itself, so nothing the
 * model wrote is lost. Also renders a review as text for the conversation history.
 */
import { z } from "zod";
import type { ReviewFinding, ReviewOutputEvent } from "./review-types.js";

const lineNumber = z.number().int().nonnegative();

const ReviewFindingSchema = z.object({
  title: z.string(),
  body: z.string().default(""),
  confidence_score: z.number().default(0),
  priority: z.number().int().nullish().transform((value) => value ?? null),
  code_location: z.object({
    absolute_file_path: z.string(),
    line_range: z.object({ start: lineNumber, end: lineNumber }),
  }),
});

const ReviewOutputSchema = z.object({
  findings: z.array(ReviewFindingSchema).default([]),
  overall_correctness: z.string().default(""),
  overall_explanation: z.string().default(""),
  overall_confidence_score: z.number().default(0),
});

export function parseReviewOutput(text: string): ReviewOutputEvent {
  const whole = tryParse(text);
  if (whole) return whole;
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start !== -1 && end > start) {
    const inner = tryParse(text.slice(start, end + 1));
    if (inner) return inner;
  }
  return { findings: [], overall_correctness: "", overall_explanation: text.trim(), overall_confidence_score: 0 };
}

function tryParse(text: string): ReviewOutputEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = ReviewOutputSchema.safeParse(json);
  return parsed.success ? (parsed.data as ReviewOutputEvent) : undefined;
}

/** The findings as a text block: one bullet per finding with its location, the body indented under it. */
export function formatFindings(findings: readonly ReviewFinding[]): string {
  const lines = [findings.length === 1 ? "Review comment:" : "Full review comments:"];
  for (const finding of findings) {
    const { absolute_file_path: file, line_range: range } = finding.code_location;
    lines.push("", `- ${finding.title} — ${file}:${range.start}-${range.end}`);
    for (const line of finding.body.split("\n")) lines.push(line.length > 0 ? `  ${line}` : "");
  }
  return lines.join("\n");
}

/** The review as the assistant's message in the history: the explanation, then the findings. */
export function renderReviewText(review: ReviewOutputEvent): string {
  const parts: string[] = [];
  if (review.overall_explanation.trim()) parts.push(review.overall_explanation.trim());
  if (review.findings.length > 0) parts.push(formatFindings(review.findings));
  return parts.length > 0 ? parts.join("\n\n") : "Reviewer failed to output a response.";
}

/** The user-side record of a finished review Codex keeps in the conversation, so a follow-up turn can act on it. */
export function reviewResultsMessage(review: ReviewOutputEvent): string {
  const results = renderReviewText(review);
  return `<user_action>
  <context>User initiated a review task. Here's the full review output from reviewer model. User may select one or more comments to resolve.</context>
  <action>review</action>
  <results>
  ${results}
  </results>
</user_action>`;
}
