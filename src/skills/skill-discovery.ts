/**
 * SKILL.md discovery in Codex's locations (codex-engine-spec §6.5): project `.codex/skills` and
 * `.agents/skills` from the project root down to cwd, `$CODEX_HOME/skills` (with its bundled
 * `.system` folder), `$HOME/.agents/skills`, and `/etc/codex/skills`. Each root is scanned for
 * SKILL.md files whose YAML frontmatter names and describes the skill.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Skill } from "./skill-types.js";

const MAX_DEPTH = 6;
const MAX_DIRECTORIES_PER_ROOT = 2000;
const MAX_NAME = 64;
const MAX_DESCRIPTION = 1024;

export type SkillDiscoveryOptions = {
  cwd: string;
  codexHome: string;
  home: string | undefined;
  /** Files marking the project root (config `project_root_markers`, default `[".git"]`). */
  projectRootMarkers: string[];
  /** SKILL.md paths disabled by `[[skills.config]]` entries with `enabled = false`. */
  disabledPaths: ReadonlySet<string>;
  /** Where admin skills live; `/etc/codex/skills` as in Codex. */
  adminRoot?: string;
};

/** Directories from the project root down to cwd (only cwd when no marker is found). */
async function projectDirectories(cwd: string, markers: string[]): Promise<string[]> {
  const chain: string[] = [];
  let directory = cwd;
  for (;;) {
    chain.unshift(directory);
    for (const marker of markers) if (await exists(path.join(directory, marker))) return chain;
    const parent = path.dirname(directory);
    if (parent === directory) return [cwd];
    directory = parent;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The roots in Codex's rank order (repo, user, system, admin); the first skill of a name wins. */
export async function skillRoots(options: SkillDiscoveryOptions): Promise<string[]> {
  const project = await projectDirectories(options.cwd, options.projectRootMarkers);
  const roots = [
    ...project.map((directory) => path.join(directory, ".codex", "skills")),
    ...project.map((directory) => path.join(directory, ".agents", "skills")),
    path.join(options.codexHome, "skills"),
    ...(options.home ? [path.join(options.home, ".agents", "skills")] : []),
    path.join(options.codexHome, "skills", ".system"),
    options.adminRoot ?? "/etc/codex/skills",
  ];
  return [...new Set(roots.map((root) => path.resolve(root)))];
}

/** Every SKILL.md under `root` (depth ≤ 6, ≤ 2000 directories, hidden directories skipped). */
async function skillFilesUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  const queue: Array<{ directory: string; depth: number }> = [{ directory: root, depth: 0 }];
  let visited = 0;
  while (queue.length > 0 && visited < MAX_DIRECTORIES_PER_ROOT) {
    const { directory, depth } = queue.shift()!;
    visited += 1;
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.name === "SKILL.md" && (entry.isFile() || entry.isSymbolicLink())) found.push(full);
      else if (entry.isDirectory() && !entry.name.startsWith(".") && depth < MAX_DEPTH) queue.push({ directory: full, depth: depth + 1 });
    }
  }
  return found.sort();
}

/** The frontmatter between the leading `---` lines, parsed as YAML; undefined when there is none. */
export async function parseFrontmatter(text: string): Promise<Record<string, unknown> | undefined> {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text.replace(/^\uFEFF/, ""));
  if (!match) return undefined;
  // Loaded on first use: only threads that find SKILL.md files need a YAML parser.
  const { load } = await import("js-yaml");
  try {
    const value = load(match[1]!);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads one SKILL.md; undefined (with a warning) when its frontmatter lacks a valid name or description. */
async function readSkillFile(file: string): Promise<Skill | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  const frontmatter = await parseFrontmatter(text);
  const name = typeof frontmatter?.name === "string" ? frontmatter.name.trim().replace(/\s+/g, " ") : "";
  const description = typeof frontmatter?.description === "string" ? frontmatter.description.trim().replace(/\s+/g, " ") : "";
  if (name.length === 0 || name.length > MAX_NAME || description.length === 0 || description.length > MAX_DESCRIPTION) {
    process.emitWarning(`Skipped skill ${file}: its frontmatter needs a name (≤${MAX_NAME} chars) and a description (≤${MAX_DESCRIPTION} chars)`, {
      code: "CODEX_NATIVE_INVALID_SKILL",
    });
    return undefined;
  }
  return { name, description, path: file };
}

/** The SKILL.md skills visible from `cwd`, one per name (a project skill shadows a user one). */
export async function discoverSkills(options: SkillDiscoveryOptions): Promise<Skill[]> {
  const byName = new Map<string, Skill>();
  for (const root of await skillRoots(options)) {
    for (const file of await skillFilesUnder(root)) {
      if (options.disabledPaths.has(path.resolve(file))) continue;
      const skill = await readSkillFile(file);
      if (skill && !byName.has(skill.name)) byName.set(skill.name, skill);
    }
  }
  return [...byName.values()];
}
