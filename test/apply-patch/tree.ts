// Temporary directory trees for the apply_patch tests: create them, read them back, and fingerprint them
// byte for byte so a failed patch can be shown to leave everything untouched.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** Relative path → contents. A key ending in "/" is an (empty) directory. */
export type TreeSpec = Record<string, string | Uint8Array>;

export async function createTree(spec: TreeSpec = {}): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "apply-patch-"));
  for (const [relative, content] of Object.entries(spec)) {
    const target = path.join(root, relative);
    if (relative.endsWith("/")) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

export async function removeTree(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

async function walk(root: string, relative = ""): Promise<Array<{ relative: string; directory: boolean }>> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const found: Array<{ relative: string; directory: boolean }> = [];
  for (const entry of entries.sort((left, right) => left.name.localeCompare(right.name))) {
    const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      found.push({ relative: `${child}/`, directory: true });
      found.push(...(await walk(root, child)));
    } else {
      found.push({ relative: child, directory: false });
    }
  }
  return found;
}

/** Every file as UTF-8 text, keyed by relative path with "/" separators. Directories are not listed. */
export async function readTree(root: string): Promise<Record<string, string>> {
  const tree: Record<string, string> = {};
  for (const entry of await walk(root)) {
    if (!entry.directory) tree[entry.relative] = await readFile(path.join(root, entry.relative), "utf8");
  }
  return tree;
}

/** SHA-256 over every path (directories included) and every file's bytes. */
export async function hashTree(root: string): Promise<string> {
  const hash = createHash("sha256");
  for (const entry of await walk(root)) {
    hash.update(`${entry.relative}\0`);
    if (!entry.directory) hash.update(await readFile(path.join(root, entry.relative)));
    hash.update("\0");
  }
  return hash.digest("hex");
}
