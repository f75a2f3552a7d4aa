/**
 * AGENTS.md discovery as Codex does it: the global file in CODEX_HOME, then every AGENTS.override.md
 * or AGENTS.md from the repository root down to the working directory, within a byte budget.
 */
import { readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";

const projectFileNames = ["AGENTS.override.md", "AGENTS.md"];

function readTrimmed(file: string, budget: number): string | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    const text = readFileSync(file).subarray(0, budget).toString("utf8").trim();
    return text.length > 0 ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Directories from the repository root (first ancestor with `.git`) down to cwd; just cwd outside a repo. */
function searchDirectories(cwd: string): string[] {
  const chain: string[] = [];
  let directory = cwd;
  for (;;) {
    chain.unshift(directory);
    if (existsSync(path.join(directory, ".git"))) return chain;
    const parent = path.dirname(directory);
    if (parent === directory) return [cwd];
    directory = parent;
  }
}

/** The user-instructions text, or undefined when there is none (or the budget is 0). */
export function loadUserInstructions(codexHome: string, cwd: string, maxBytes: number): string | undefined {
  const global =
    readTrimmed(path.join(codexHome, "AGENTS.override.md"), 1 << 20) ?? readTrimmed(path.join(codexHome, "AGENTS.md"), 1 << 20);
  const projectParts: string[] = [];
  let remaining = maxBytes;
  if (maxBytes > 0) {
    for (const directory of searchDirectories(cwd)) {
      if (remaining <= 0) break;
      for (const name of projectFileNames) {
        const text = readTrimmed(path.join(directory, name), remaining);
        if (text !== undefined) {
          projectParts.push(text);
          remaining -= Buffer.byteLength(text);
          break;
        }
      }
    }
  }
  const project = projectParts.length > 0 ? projectParts.join("\n\n") : undefined;
  if (global && project) return `${global}\n\n--- project-doc ---\n\n${project}`;
  return global ?? project;
}

/** Wraps the instructions as Codex records them in the conversation. */
export function userInstructionsMessage(cwd: string, instructions: string): string {
  return `# AGENTS.md instructions for ${cwd}\n\n<INSTRUCTIONS>\n${instructions}\n</INSTRUCTIONS>`;
}
