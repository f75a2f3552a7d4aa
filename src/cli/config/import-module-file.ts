/**
 * Loads a config or plugin module file: JavaScript (.js/.mjs/.cjs) through `import()`, TypeScript
 * (.ts/.mts/.cts) by stripping its types first. Node 20 cannot run TypeScript, and tsx/esbuild
 * are not what users install, so the types are removed with sucrase (bundled into the CLI only,
 * loaded on first .ts config). The result is written next to the original, so relative imports
 * and packages resolve as from the config itself, imported, and removed again (Vite does the same).
 */
import { randomBytes } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const typeScriptExtensions = new Set([".ts", ".mts", ".cts"]);

/** The module's namespace object. */
export async function importModuleFile(file: string): Promise<Record<string, unknown>> {
  if (!typeScriptExtensions.has(path.extname(file))) {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  }
  const source = await readFile(file, "utf8");
  const { transform } = await import("sucrase");
  const isCommonJs = path.extname(file) === ".cts";
  const { code } = transform(source, {
    transforms: isCommonJs ? ["typescript", "imports"] : ["typescript"],
    filePath: file,
    disableESTransforms: true,
    keepUnusedImports: false,
  });
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.${isCommonJs ? "cjs" : "mjs"}`,
  );
  await writeFile(temporary, code, { mode: 0o600 });
  try {
    return (await import(pathToFileURL(temporary).href)) as Record<string, unknown>;
  } finally {
    await rm(temporary, { force: true });
  }
}
