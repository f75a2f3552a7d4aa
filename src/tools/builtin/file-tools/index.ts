/**
 * File tools: `grep_files`, `read_file` and `list_dir` (Codex offers these only to models that
 * list them in `experimental_supported_tools`) and `view_image`.
 */
import type { ToolHandler } from "../../tool-handler.js";
import { grepFilesTool } from "./grep-files.js";
import { listDirTool } from "./list-dir.js";
import { readFileTool } from "./read-file.js";

export { grepFilesTool } from "./grep-files.js";
export { listDirTool } from "./list-dir.js";
export { readFileTool } from "./read-file.js";
export { viewImageTool } from "./view-image.js";

/** The experimental file tools in Codex's advertising order: grep_files, read_file, list_dir. */
export function createFileTools(): ToolHandler[] {
  return [grepFilesTool, readFileTool, listDirTool];
}
