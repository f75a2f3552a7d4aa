/**
 * The published declarations tell the truth: every value `dist/index.d.ts` declares is exported at
 * run time (and the reverse), no internal type is reachable from them, the public approval types
 * match the ones the engine uses, and a consumer project type-checks the README's examples
 * against the built package. Needs `npm run build:ts` first (part of `npm test`).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import type * as Internal from "../src/approvals/approval-callback.js";
import type * as InternalTypes from "../src/approvals/approval-types.js";
import type * as Public from "../src/options/approval-callback-types.js";

const root = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);

// Compile-time: the public approval types and the engine's are the same shapes, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const approvalTypesMatch: [
  Same<Public.ApprovalDecision, InternalTypes.ApprovalDecision>,
  Same<Public.ApprovalRequest, InternalTypes.ApprovalRequest>,
  Same<Public.ApprovalCallbackAnswer, Internal.ApprovalCallbackAnswer>,
  Same<Public.ApprovalCallback, Internal.ApprovalCallback>,
] = [true, true, true, true];

/** Names of the final `export { … }` statement of a bundled declaration file, split by kind. */
function exportedNames(declarations: string): { values: string[]; types: string[] } {
  const statement = /export \{([^}]*)\};\s*$/.exec(declarations);
  assert.ok(statement, "the declarations end with one export list");
  const names = statement[1]!.split(",").map((entry) => entry.trim()).filter(Boolean);
  return {
    values: names.filter((name) => !name.startsWith("type ")).sort(),
    types: names.filter((name) => name.startsWith("type ")).map((name) => name.slice(5)).sort(),
  };
}

for (const entry of ["index", "testing"]) {
  test(`dist/${entry}.d.ts declares as values exactly what dist/${entry}.js exports`, async () => {
    assert.ok(approvalTypesMatch.every(Boolean));
    const declarations = await readFile(path.join(root, `dist/${entry}.d.ts`), "utf8");
    const runtime = (await import(path.join(root, `dist/${entry}.js`))) as Record<string, unknown>;
    assert.deepEqual(exportedNames(declarations).values, Object.keys(runtime).sort());
  });
}

test("no internal type is reachable from dist/index.d.ts: it imports nothing and declares only what it exports", async () => {
  const declarations = await readFile(path.join(root, "dist/index.d.ts"), "utf8");
  assert.deepEqual(declarations.match(/^import .*$/gm) ?? [], [], "no import of zod or other packages' types");
  const declared = [...declarations.matchAll(/^(?:declare )?(?:type|interface|class|const|function|enum) ([A-Za-z0-9_$]+)/gm)].map((match) => match[1]!);
  const { values, types } = exportedNames(declarations);
  const exported = new Set([...values, ...types]);
  assert.deepEqual(declared.filter((name) => !exported.has(name)), [], "every declared name is public");
  // Every upstream @openai/codex-sdk export has the same name here.
  const upstream = [
    "AgentMessageItem", "ApprovalMode", "Codex", "CodexOptions", "CommandExecutionItem", "CyberAccessProgram", "ErrorItem",
    "FileChangeItem", "Input", "ItemCompletedEvent", "ItemStartedEvent", "ItemUpdatedEvent", "McpToolCallItem",
    "ModelReasoningEffort", "ReasoningItem", "RunResult", "RunStreamedResult", "SandboxMode", "Thread", "ThreadError",
    "ThreadErrorEvent", "ThreadEvent", "ThreadItem", "ThreadOptions", "ThreadStartedEvent", "TodoListItem",
    "TurnCompletedEvent", "TurnFailedEvent", "TurnOptions", "TurnStartedEvent", "Usage", "UserInput", "WebSearchItem", "WebSearchMode",
  ];
  assert.deepEqual(upstream.filter((name) => !exported.has(name)), []);
});

test("every public class, method, option and event in dist/index.d.ts carries TSDoc", async () => {
  const declarations = await readFile(path.join(root, "dist/index.d.ts"), "utf8");
  const lines = declarations.split("\n");
  // Members are checked in classes and option bags; every top-level type (events included) must be documented.
  const memberChecked = /^(declare class \w+|type (CodexOptions|ThreadOptions|TurnOptions|WorkspaceWriteOptions) = \{)/;
  const undocumented: string[] = [];
  let depth = 0;
  let checkMembers = false;
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    const documented = (lines[index - 1]?.trim() ?? "").endsWith("*/");
    if (depth === 0 && /^(declare class|type|interface) /.test(trimmed)) {
      if (!documented) undocumented.push(trimmed);
      checkMembers = memberChecked.test(trimmed);
    } else if (depth === 1 && checkMembers && /^(\[Symbol\.\w+\]|static |readonly )?\w*\??[(:]/.test(trimmed)) {
      if (!documented) undocumented.push(trimmed);
    }
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
  }
  assert.deepEqual(undocumented, []);
});

/** The ```ts blocks of the README, each wrapped in its own async function, imports hoisted. */
function readmeExamples(readme: string): string {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const imports = new Set<string>();
  const bodies = blocks.map((block, index) => {
    const body = block.replace(/^import [\s\S]*?from "[^"]+";\n/gm, (statement) => {
      imports.add(statement.trim());
      return "";
    });
    return `async function example${index}() {\n${body}\n}\nvoid example${index};`;
  });
  // Fragments continue earlier ones (e.g. `thread.run(...)` after `startThread`): declare what they share.
  const shared = [
    'import type { ApprovalCallback, Codex as CodexClass, Thread } from "@codex-native/sdk";',
    "declare const codex: CodexClass;",
    "declare const thread: Thread;",
    "declare const threadId: string;",
    "declare const myThreadCallback: ApprovalCallback;",
  ];
  return [...imports, ...shared, ...bodies].join("\n");
}

test("a consumer project type-checks the README examples against the built package", async () => {
  const project = await mkdtemp(path.join(os.tmpdir(), "codex-native-consumer-"));
  try {
    await mkdir(path.join(project, "node_modules", "@codex-native"), { recursive: true });
    await symlink(root, path.join(project, "node_modules", "@codex-native", "sdk"), "dir");
    await symlink(path.join(root, "node_modules", "@types"), path.join(project, "node_modules", "@types"), "dir");
    await writeFile(path.join(project, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
    await writeFile(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2023"],
          types: ["node"],
          strict: true,
          noEmit: true,
          // Our own declarations are checked too, not just used.
          skipLibCheck: false,
        },
        include: ["examples.ts"],
      }),
    );
    await writeFile(path.join(project, "examples.ts"), readmeExamples(await readFile(path.join(root, "README.md"), "utf8")));
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
    try {
      await run(process.execPath, [tsc, "-p", project], { cwd: project });
    } catch (error) {
      const { stdout, stderr } = error as { stdout: string; stderr: string };
      assert.fail(`README examples do not type-check:\n${stdout}${stderr}`);
    }
  } finally {
    await rm(project, { recursive: true, force: true });
  }
});
