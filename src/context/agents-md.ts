/**
 * AGENTS.md discovery as Codex does it: the global file in CODEX_HOME, then in every directory from
 * the project root down to the working directory the first of AGENTS.override.md, AGENTS.md and the
 * configured fallback names, within a byte budget. A thread may switch the project part off or add
 * files of its own after it.
 */
import { readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";

const projectFileNames = ["AGENTS.override.md", "AGENTS.md"];

export type ProjectDocOptions = {
  maxBytes: number;
  /** Read the project's docs at all (ThreadOptions.projectDocs). */
  enabled: boolean;
  /** Config `project_doc_fallback_filenames`. */
  fallbackFilenames: readonly string[];
  /** Config `project_root_markers`. */
  rootMarkers: readonly string[];
  /** Absolute paths read after the discovered docs (ThreadOptions.additionalProjectDocs). */
  additional: readonly string[];
};

function readTrimmed(file: string, budget: number): string | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    const text = readFileSync(file).subarray(0, budget).toString("utf8").trim();
    return text.length > 0 ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Directories from the project root (first ancestor with a marker, `.git` by default) down to cwd; just cwd outside one. */
function searchDirectories(cwd: string, markers: readonly string[]): string[] {
  const chain: string[] = [];
  let directory = cwd;
  for (;;) {
    chain.unshift(directory);
    if (markers.some((marker) => existsSync(path.join(directory, marker)))) return chain;
    const parent = path.dirname(directory);
    if (parent === directory) return [cwd];
    directory = parent;
  }
}

/** The user-instructions text, or undefined when there is none (or the budget is 0). */
export function loadUserInstructions(codexHome: string, cwd: string, docs: ProjectDocOptions): string | undefined {
  const global =
    readTrimmed(path.join(codexHome, "AGENTS.override.md"), 1 << 20) ?? readTrimmed(path.join(codexHome, "AGENTS.md"), 1 << 20);
  const projectParts: string[] = [];
  let remaining = docs.maxBytes;
  const names = [...projectFileNames, ...docs.fallbackFilenames.filter((name) => name.trim().length > 0 && !projectFileNames.includes(name))];
  const take = (file: string): boolean => {
    const text = readTrimmed(file, remaining);
    if (text === undefined) return false;
    projectParts.push(text);
    remaining -= Buffer.byteLength(text);
    return true;
  };
  if (docs.maxBytes > 0 && docs.enabled) {
    for (const directory of searchDirectories(cwd, docs.rootMarkers)) {
      if (remaining <= 0) break;
      names.some((name) => take(path.join(directory, name)));
    }
  }
  for (const file of docs.additional) {
    if (!existsSync(file)) throw new InvalidArgumentError(`additionalProjectDocs: ${file} does not exist`);
    if (remaining <= 0) break;
    take(file);
  }
  const project = projectParts.length > 0 ? projectParts.join("\n\n") : undefined;
  if (global && project) return `${global}\n\n--- project-doc ---\n\n${project}`;
  return global ?? project;
}

/** Wraps the instructions as Codex records them in the conversation. */
export function userInstructionsMessage(cwd: string, instructions: string): string {
  return `# AGENTS.md instructions for ${cwd}\n\n<INSTRUCTIONS>\n${instructions}\n</INSTRUCTIONS>`;
}
