// Builds (once) a deterministic 100k-file source tree for the file search benchmark under
// bench/.data/: 1,000 directories of 100 files, a .git marker so .gitignore applies, 10% of the
// files git-ignored, a few binary files, and distinct scrambled modification times.
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TREE_VERSION = "1";
export const FILE_COUNT = 100_000;
/** Present in about 0.2% of the files. */
export const RARE_WORD = "zephyr_quasar";
/** Present in about half of the files. */
export const COMMON_WORD = "common_marker";

const here = path.dirname(fileURLToPath(import.meta.url));
export const treeRoot = path.join(here, "..", ".data", "file-search-100k");
const stamp = path.join(treeRoot, ".bench-tree-version");

const WORDS = ["const", "let", "return", "function", "value", "index", "result", "config", "handler", "buffer", "stream", "option", "thread", "render", "update", "import", "export", "module", "parse", "token"];

function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function sourceText(random, fileIndex) {
  const lines = [];
  const lineCount = 10 + Math.floor(random() * 30);
  for (let line = 0; line < lineCount; line += 1) {
    const words = [];
    const wordCount = 3 + Math.floor(random() * 8);
    for (let word = 0; word < wordCount; word += 1) words.push(WORDS[Math.floor(random() * WORDS.length)]);
    lines.push(`${"  ".repeat(line % 4)}${words.join(" ")};`);
  }
  if (fileIndex % 500 === 7) lines.splice(Math.floor(lines.length / 2), 0, `  // ${RARE_WORD}`);
  if (random() < 0.5) lines.push(`export const ${COMMON_WORD} = ${fileIndex};`);
  return `${lines.join("\n")}\n`;
}

/** Creates the tree unless an identical one exists; returns its root. */
export function ensureTree() {
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === TREE_VERSION) return treeRoot;
  console.log(`Generating ${FILE_COUNT} files under ${treeRoot} (once)…`);
  rmSync(treeRoot, { recursive: true, force: true });
  mkdirSync(path.join(treeRoot, ".git"), { recursive: true });
  writeFileSync(path.join(treeRoot, ".gitignore"), "generated/\n*.log\n");
  const random = makeRandom(42);
  const now = Date.now() / 1000;
  // A fixed permutation of ages (in seconds) gives every file its own modification time.
  const ages = Array.from({ length: FILE_COUNT }, (_, index) => index + 1);
  for (let index = ages.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [ages[index], ages[other]] = [ages[other], ages[index]];
  }
  for (let fileIndex = 0; fileIndex < FILE_COUNT; fileIndex += 1) {
    const directoryIndex = Math.floor(fileIndex / 100);
    const top = fileIndex % 10 === 9 ? "generated" : `pkg${directoryIndex % 50}`;
    const directory = path.join(treeRoot, top, `mod${directoryIndex}`);
    if (fileIndex % 100 === 0 || fileIndex % 10 === 9) mkdirSync(directory, { recursive: true });
    const isBinary = fileIndex % 1000 === 3;
    const isLog = fileIndex % 1000 === 5;
    const name = isBinary ? `blob${fileIndex}.bin` : isLog ? `trace${fileIndex}.log` : `file${fileIndex}.ts`;
    const text = sourceText(random, fileIndex);
    const contents = isBinary ? Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from(text)]) : text;
    const target = path.join(directory, name);
    writeFileSync(target, contents);
    const time = now - ages[fileIndex];
    utimesSync(target, time, time);
  }
  writeFileSync(stamp, TREE_VERSION);
  return treeRoot;
}
