// Builds (once) a deterministic tree of 2,000 Codex-style sessions (about 500 MB) for the reverie
// benchmark under bench/.data/: user and agent messages, shell calls with sizeable outputs,
// encrypted reasoning, token counts, as the CLI writes them. Query words are planted at known
// rates: RARE in ~1% of the sessions, MEDIUM in ~10%, COMMON in most.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TREE_VERSION = "2";
export const SESSION_COUNT = 2_000;
const TARGET_SESSION_BYTES = 295_000;
export const QUERIES = {
  rare: "zephyr quasar",
  medium: "kubernetes ingress timeout",
  common: "build failed",
};

const here = path.dirname(fileURLToPath(import.meta.url));
export const codexHome = path.join(here, "..", ".data", "reverie-2000");
const stamp = path.join(codexHome, ".bench-tree-version");

function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const random = makeRandom(42);
const pick = (list) => list[Math.floor(random() * list.length)];
const SYLLABLES = ["ka", "lo", "mi", "ren", "dus", "ta", "vor", "en", "pli", "sto", "qua", "ne", "bri", "chal", "zo", "fe"];
// A vocabulary with a skewed frequency (earlier words are picked more often), like real text.
const VOCABULARY = Array.from({ length: 3000 }, () =>
  Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join(""),
);
const word = () => VOCABULARY[Math.floor(VOCABULARY.length * random() * random())];
const sentence = (length) => Array.from({ length }, word).join(" ");
const SENTENCES = Array.from({ length: 4000 }, () => `${sentence(6 + Math.floor(random() * 20))}.`);
const paragraph = (sentences) => Array.from({ length: sentences }, () => pick(SENTENCES)).join(" ");
const codeLine = () => `  let ${word()}_${word()} = ${word()}(${word()}, ${Math.floor(random() * 1000)});`;
const toolOutput = (lines) => Array.from({ length: lines }, codeLine).join("\n");
const base64 = (bytes) => Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256))).toString("base64");

function line(timestamp, type, payload) {
  return JSON.stringify({ timestamp, type, payload });
}

function sessionText(index, started) {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
  let clock = started.getTime();
  const at = () => new Date((clock += 1500)).toISOString();
  const lines = [
    line(at(), "session_meta", { id, timestamp: started.toISOString(), cwd: `/home/dev/project-${index % 37}`, originator: "codex_cli_rs", cli_version: "0.169.0", source: "cli", model_provider: "openai" }),
  ];
  const plant = (text) => {
    if (index % 100 === 13 && random() < 0.3) return `${text} The zephyr quasar handshake broke again.`;
    if (index % 10 === 3 && random() < 0.3) return `${text} Kubernetes ingress timeout after deploy.`;
    if (random() < 0.2) return `${text} The build failed on CI.`;
    return text;
  };
  let bytes = 0;
  let turn = 0;
  while (bytes < TARGET_SESSION_BYTES * (0.6 + random() * 0.8)) {
    turn += 1;
    const ask = plant(paragraph(1 + Math.floor(random() * 3)));
    const turnLines = [
      line(at(), "response_item", { type: "message", role: "user", content: [{ type: "input_text", text: ask }] }),
      line(at(), "event_msg", { type: "user_message", message: ask, images: [] }),
      line(at(), "turn_context", { cwd: `/home/dev/project-${index % 37}`, approval_policy: "on-request", sandbox_policy: { type: "workspace-write" }, model: "gpt-5-codex", summary: "auto" }),
    ];
    for (let call = 0; call < 2 + Math.floor(random() * 4); call += 1) {
      const callId = `call_${turn}_${call}`;
      turnLines.push(
        line(at(), "response_item", { type: "reasoning", summary: [{ type: "summary_text", text: paragraph(1) }], encrypted_content: base64(900) }),
        line(at(), "response_item", { type: "function_call", name: "shell", arguments: JSON.stringify({ command: ["bash", "-lc", `rg ${word()} src/${word()}`] }), call_id: callId }),
        line(at(), "response_item", { type: "function_call_output", call_id: callId, output: JSON.stringify({ output: plant(toolOutput(20 + Math.floor(random() * 60))), metadata: { exit_code: 0, duration_seconds: 0.1 } }) }),
      );
    }
    const answer = plant(paragraph(2 + Math.floor(random() * 5)));
    turnLines.push(
      line(at(), "response_item", { type: "message", role: "assistant", content: [{ type: "output_text", text: answer }] }),
      line(at(), "event_msg", { type: "agent_message", message: answer }),
      line(at(), "event_msg", { type: "token_count", info: { total_token_usage: { input_tokens: 1000 * turn, cached_input_tokens: 0, output_tokens: 100, reasoning_output_tokens: 50, total_tokens: 1100 * turn }, last_token_usage: { input_tokens: 1000, cached_input_tokens: 0, output_tokens: 100, reasoning_output_tokens: 50, total_tokens: 1100 }, model_context_window: 272000 } }),
    );
    for (const text of turnLines) bytes += text.length + 1;
    lines.push(...turnLines);
  }
  return { id, text: `${lines.join("\n")}\n` };
}

/** Builds the tree unless an up-to-date one exists; returns CODEX_HOME. */
export function ensureSessions() {
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === TREE_VERSION) return codexHome;
  rmSync(codexHome, { recursive: true, force: true });
  const first = Date.UTC(2025, 0, 1, 9, 0, 0);
  let total = 0;
  for (let index = 0; index < SESSION_COUNT; index += 1) {
    // Two to three sessions a day, spread over about two years.
    const started = new Date(first + index * 9.1 * 3600 * 1000);
    const [year, month, day] = [started.getUTCFullYear(), started.getUTCMonth() + 1, started.getUTCDate()].map((value) => String(value).padStart(2, "0"));
    const stampText = `${year}-${month}-${day}T${String(started.getUTCHours()).padStart(2, "0")}-${String(started.getUTCMinutes()).padStart(2, "0")}-00`;
    const directory = path.join(codexHome, "sessions", year, month, day);
    mkdirSync(directory, { recursive: true });
    const { id, text } = sessionText(index, started);
    writeFileSync(path.join(directory, `rollout-${stampText}-${id}.jsonl`), text);
    total += text.length;
  }
  writeFileSync(stamp, TREE_VERSION);
  console.log(`built ${SESSION_COUNT} sessions, ${(total / 1e6).toFixed(0)} MB, at ${codexHome}`);
  return codexHome;
}
