/**
 * Exports a review as a SARIF 2.1.0 log (OASIS static analysis results format), the file GitHub
 * code scanning and most CI dashboards ingest: one result per finding, its level from the
 * priority, its location relative to the repository root when the file is inside it.
 */
import { nodeCrypto } from "../util/lazy-crypto.js";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { packageVersion } from "../util/package-root.js";
import type { ReviewFinding, ReviewOutputEvent } from "./review-types.js";

/** A SARIF result's severity. */
export type SarifLevel = "error" | "warning" | "note";

/** One finding as a SARIF result. */
export type SarifResult = {
  ruleId: string;
  level: SarifLevel;
  message: { text: string; markdown: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; endLine: number };
    };
  }>;
  partialFingerprints: Record<string, string>;
  properties: { priority: number | null; confidence: number };
};

/** A SARIF 2.1.0 log with one run. */
export type SarifLog = {
  $schema: string;
  version: "2.1.0";
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: Array<{ id: string; name: string; shortDescription: { text: string }; defaultConfiguration: { level: SarifLevel } }>;
      };
    };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: SarifResult[];
    properties: { overall_correctness: string; overall_explanation: string; overall_confidence_score: number };
  }>;
};

/** Options of `reviewToSarif`. */
export type ReviewSarifOptions = {
  /** The repository root: findings inside it get paths relative to it (`SRCROOT`); default: absolute file URIs. */
  rootDirectory?: string;
  /** The tool name in the log; default "codex-native-review". */
  toolName?: string;
};

const priorities = [
  { id: "codex-review/p0", name: "DropEverything", text: "P0: drop everything to fix (blocks release or operations)", level: "error" },
  { id: "codex-review/p1", name: "Urgent", text: "P1: urgent, fix in the next cycle", level: "error" },
  { id: "codex-review/p2", name: "Normal", text: "P2: normal, fix eventually", level: "warning" },
  { id: "codex-review/p3", name: "Low", text: "P3: low, nice to have", level: "note" },
] as const;
const unprioritized = { id: "codex-review/finding", name: "Finding", text: "A review finding without a priority", level: "note" } as const;

/** The review's findings as a SARIF 2.1.0 log (a plain object; `JSON.stringify` it to write the file). */
export function reviewToSarif(review: ReviewOutputEvent, options: ReviewSarifOptions = {}): SarifLog {
  const root = options.rootDirectory ? path.resolve(options.rootDirectory) : undefined;
  const rules = [...priorities, unprioritized];
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName ?? "codex-native-review",
            version: packageVersion(),
            informationUri: "https://www.npmjs.com/package/@codex-native/sdk",
            rules: rules.map((rule) => ({ id: rule.id, name: rule.name, shortDescription: { text: rule.text }, defaultConfiguration: { level: rule.level } })),
          },
        },
        ...(root ? { originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(root + path.sep).href } } } : {}),
        results: review.findings.map((finding) => toResult(finding, root)),
        properties: {
          overall_correctness: review.overall_correctness,
          overall_explanation: review.overall_explanation,
          overall_confidence_score: review.overall_confidence_score,
        },
      },
    ],
  };
}

function toResult(finding: ReviewFinding, root: string | undefined): SarifResult {
  const rule = (finding.priority !== null && priorities[finding.priority]) || unprioritized;
  const file = path.resolve(finding.code_location.absolute_file_path);
  const relative = root ? path.relative(root, file) : undefined;
  const inside = relative !== undefined && relative.length > 0 && !relative.startsWith("..") && !path.isAbsolute(relative);
  const artifactLocation = inside
    ? { uri: relative.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: "SRCROOT" }
    : { uri: pathToFileURL(file).href };
  // SARIF lines are 1-based and a region never ends before it starts.
  const startLine = Math.max(1, finding.code_location.line_range.start);
  const endLine = Math.max(startLine, finding.code_location.line_range.end);
  return {
    ruleId: rule.id,
    level: rule.level,
    message: { text: `${finding.title}\n\n${finding.body}`.trim(), markdown: `**${finding.title}**\n\n${finding.body}`.trim() },
    locations: [{ physicalLocation: { artifactLocation, region: { startLine, endLine } } }],
    // Lets code scanning recognise the same finding across runs even when lines move.
    partialFingerprints: { "codexReviewFinding/v1": nodeCrypto().createHash("sha256").update(`${artifactLocation.uri}\0${finding.title}`).digest("hex").slice(0, 32) },
    properties: { priority: finding.priority, confidence: finding.confidence_score },
  };
}
