// Deterministic "mixed" text for the tokenizer bench: the kinds of input an agent tokenizes
// (code in several languages, English prose, CJK, emoji, whitespace runs, numbers), shuffled
// by a seeded PRNG so every run and every tokenizer sees the same bytes.

const words = (
  "the of and to in is that for it as was with be by on not he this are or his from at which " +
  "but have an they you were her she there been one all we their has would when if so no will " +
  "thread session sandbox tool call request response token model stream patch file command " +
  "don't it's we're they've I'm you'll she'd isn't Codex OpenAI TypeScript Rust Node.js"
).split(" ");

const codeSnippets = [
  `export async function runTurn(thread: Thread, input: string): Promise<TurnResult> {\n  const events = [];\n  for await (const event of thread.stream(input)) {\n    if (event.type === "item.completed") events.push(event.item);\n  }\n  return { events, usage: thread.usage };\n}\n`,
  `def apply_patch(path: str, hunks: list[Hunk]) -> None:\n    with open(path, "r", encoding="utf-8") as handle:\n        lines = handle.read().splitlines()\n    for hunk in reversed(hunks):\n        lines[hunk.start:hunk.end] = hunk.replacement\n    print(f"patched {len(hunks)} hunks in {path}")\n`,
  `impl Tokenizer {\n    pub fn count(&self, text: &str) -> usize {\n        self.split(text).map(|piece| self.bpe.count(piece.as_bytes())).sum()\n    }\n}\n`,
  `#include <stdio.h>\nint main(int argc, char **argv) {\n\tfor (int i = 0; i < argc; ++i) {\n\t\tprintf("%d: %s\\n", i, argv[i]);\n\t}\n\treturn 0;\n}\n`,
  `func (s *Server) Handle(w http.ResponseWriter, r *http.Request) {\n\tif r.Method != http.MethodPost {\n\t\thttp.Error(w, "method not allowed", 405)\n\t\treturn\n\t}\n}\n`,
  `SELECT id, name, created_at FROM sessions WHERE user_id = $1 AND created_at > now() - interval '7 days' ORDER BY created_at DESC LIMIT 50;\n`,
  `{"type":"function_call","name":"shell","arguments":"{\\"command\\":[\\"bash\\",\\"-lc\\",\\"ls -la\\"]}","call_id":"call_8f2a"}\n`,
  `<div class="container">\n  <button onclick="submit()">Send &amp; wait</button>\n</div>\n`,
];

const cjk = [
  "今天天气很好，我们去公园散步吧。",
  "東京都の人口は約千四百万人です。",
  "인공지능은 우리의 삶을 바꾸고 있습니다.",
  "这个函数返回一个新的数组，不会修改原数组。",
];

const emoji = ["🙂", "🚀", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇯🇵", "✅", "🧑🏻‍💻", "❤️‍🔥"];

const whitespace = ["  ", "    ", "\t", "\t\t", "\n", "\n\n", "\r\n", " \n  \n", "        \n", "\n\t\t  "];

/** Mulberry32: tiny seeded PRNG, good enough to shuffle bench input. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(next, list) {
  return list[Math.floor(next() * list.length)];
}

function prose(next) {
  const count = 8 + Math.floor(next() * 20);
  const sentence = Array.from({ length: count }, () => pick(next, words)).join(" ");
  return sentence[0].toUpperCase() + sentence.slice(1) + pick(next, [". ", "! ", "? ", ".\n"]);
}

function numbers(next) {
  const value = Math.floor(next() * 1e9);
  return pick(next, [`${value} `, `${value / 1000}, `, `0x${value.toString(16)} `, `v${value % 100}.${value % 7}.${value % 13} `]);
}

/** One random chunk of one kind, weighted towards code and prose like an agent transcript. */
function chunk(next) {
  const roll = next();
  if (roll < 0.35) return pick(next, codeSnippets);
  if (roll < 0.65) return prose(next);
  if (roll < 0.75) return pick(next, cjk);
  if (roll < 0.82) return pick(next, emoji) + " ";
  if (roll < 0.92) return pick(next, whitespace);
  return numbers(next);
}

/** About `bytes` UTF-8 bytes of mixed text (never less), identical for the same seed. */
export function mixedText(bytes, seed = 1) {
  const next = random(seed);
  const parts = [];
  let size = 0;
  while (size < bytes) {
    const part = chunk(next);
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join("");
}

/** `count` strings of about `bytes` UTF-8 bytes each, cut from one mixed text on char boundaries. */
export function shortStrings(count, bytes, seed = 2) {
  const source = mixedText(count * bytes + bytes, seed);
  const strings = [];
  let start = 0;
  for (let index = 0; index < count; index += 1) {
    let end = start;
    let size = 0;
    while (size < bytes && end < source.length) {
      const codePoint = source.codePointAt(end);
      size += Buffer.byteLength(String.fromCodePoint(codePoint));
      end += codePoint > 0xffff ? 2 : 1;
    }
    strings.push(source.slice(start, end));
    start = end;
  }
  return strings;
}
