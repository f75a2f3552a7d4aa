// The plain JavaScript baseline: what a caller would write without the native scanner. Reads
// each session file whole, splits it into lines, parses the lines that contain a query word and
// counts the word in user/agent messages and tool traffic (the same fields the native search
// indexes), then sorts by a simple weighted count. Sequential, like a straightforward script.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

function rolloutFiles(codexHome) {
  const found = [];
  const walk = (directory, depth) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (depth < 3 && entry.isDirectory()) walk(full, depth + 1);
      else if (depth === 3 && entry.isFile() && entry.name.startsWith("rollout-") && entry.name.endsWith(".jsonl")) found.push(full);
    }
  };
  walk(path.join(codexHome, "sessions"), 0);
  return found;
}

function textOf(payload) {
  if (payload.type === "user_message" || payload.type === "agent_message") return [payload.message, 1];
  if (payload.type === "function_call") return [payload.arguments, 0.3];
  if (payload.type === "function_call_output") return [typeof payload.output === "string" ? payload.output : JSON.stringify(payload.output), 0.3];
  return [undefined, 0];
}

export function jsScan(codexHome, query, limit) {
  const terms = query.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
  const results = [];
  for (const file of rolloutFiles(codexHome)) {
    let score = 0;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const lower = line.toLowerCase();
      if (!terms.some((term) => lower.includes(term))) continue;
      let record;
      try {
        record = JSON.parse(line);
      } catch {
        continue;
      }
      const [text, weight] = textOf(record.payload ?? {});
      if (typeof text !== "string") continue;
      for (const word of text.toLowerCase().split(/[^\p{L}\p{N}_]+/u)) if (terms.includes(word)) score += weight;
    }
    if (score > 0) results.push({ path: file, score });
  }
  return results.sort((left, right) => right.score - left.score).slice(0, limit);
}
