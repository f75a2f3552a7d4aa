/**
 * The package as users get it: `npm run pack:local` tarballs (main + this platform's prebuilt
 * package) installed into a scratch project outside the repository, run by a Node whose PATH has
 * no Rust toolchain. A turn runs a command under workspace-write and a file search, and the
 * tokenizer counts, all from the installed copy. It packs dist/ as built (`npm test` builds it
 * first; after editing src/, run `npm run build:ts` before running this file alone).
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { sandboxSupport } from "../../src/sandbox/exec-helper.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "codex-native-install-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** PATH without any directory that holds cargo or rustc, so nothing can build from source. */
function pathWithoutRust(): string {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((directory) => directory && !["cargo", "rustc"].some((tool) => existsSync(path.join(directory, tool))))
    .join(path.delimiter);
}

function directorySize(directory: string): number {
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) total += directorySize(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

test("the packed tarballs install into a project without Rust and run a turn, the tokenizer and a file search", { timeout: 600_000 }, () => {
  const packed = execFileSync(process.execPath, [path.join(repoRoot, "scripts", "pack-local.mjs"), "--prebuilt", "--out", path.join(scratch, "pack")], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const { main, platform } = JSON.parse(packed.trim().split("\n").at(-1)!) as { main: string; platform: string };

  const project = path.join(scratch, "project");
  mkdirSync(project);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: pathWithoutRust(), npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
  delete env.CODEX_NATIVE_BINDING;
  delete env.CODEX_NATIVE_EXEC_HELPER;
  const cargo = spawnSync("cargo", ["--version"], { env }).error as NodeJS.ErrnoException | undefined;
  assert.equal(cargo?.code, "ENOENT", "cargo must not be reachable from the scratch project");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(npm, ["install", "--prefer-offline", "--no-package-lock", main, platform], { cwd: project, env, stdio: ["ignore", "ignore", "inherit"] });

  const installed = path.join(project, "node_modules");
  const packageDirectory = path.join(installed, "@codex-native", "sdk");
  assert.deepEqual(readdirSync(packageDirectory).sort(), ["LICENSE", "README.md", "dist", "package.json"]);
  assert.ok(!readdirSync(path.join(packageDirectory, "dist")).some((file) => file.endsWith(".map")), "no source maps are published");

  copyFileSync(path.join(repoRoot, "test", "install", "fixtures", "installed-driver.mjs"), path.join(project, "driver.mjs"));
  const workdir = path.join(scratch, "work");
  const codexHome = path.join(scratch, "home", ".codex");
  mkdirSync(workdir);
  mkdirSync(codexHome, { recursive: true });
  const output = execFileSync(process.execPath, [path.join(project, "driver.mjs"), workdir, codexHome], { cwd: project, env, encoding: "utf8", timeout: 120_000 });
  const seen = JSON.parse(output.trim().split("\n").at(-1)!);

  assert.equal(seen.tokens, 2);
  assert.equal(seen.finalResponse, "all done");
  assert.match(seen.outputs.call_grep, /haystack\.txt/);
  const checkoutSandbox = sandboxSupport();
  if (process.platform === "linux" && !checkoutSandbox.supported && process.env.CI) {
    assert.fail(`the sandbox is unavailable on this CI machine: ${checkoutSandbox.reason}`);
  }
  // The installed copy finds its helper in the platform package exactly when the checkout can sandbox.
  assert.equal(seen.sandboxSupported, checkoutSandbox.supported);
  if (seen.sandboxSupported) {
    assert.equal(seen.made, "made-in-sandbox\n");
    assert.equal(seen.commands.length, 1);
    assert.equal(seen.commands[0].exit_code, 0);
    assert.equal(seen.commands[0].aggregated_output, "made-in-sandbox\n");
  }

  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const platformDirectory = path.join(installed, path.basename(platform).replace(/-\d+\.\d+\.\d+\.tgz$/, ""));
  const packages = directorySize(packageDirectory) + directorySize(platformDirectory);
  console.log(`installed: main + platform package ${mib(packages)}; with dependencies ${mib(directorySize(installed))}`);

  // Another version of the platform package is refused before any of its code loads, and without
  // one the error says what to install or how to build from source.
  const platformName = path.basename(platformDirectory);
  const tokenize = () =>
    spawnSync(process.execPath, ["--input-type=module", "-e", 'const sdk = await import("@codex-native/sdk"); sdk.tokenizerCount("x");'], {
      cwd: project,
      env,
      encoding: "utf8",
    });
  const manifestFile = path.join(platformDirectory, "package.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, version: "0.0.38" }));
  const wrongVersion = tokenize();
  assert.notEqual(wrongVersion.status, 0);
  assert.match(wrongVersion.stderr, new RegExp(`NativeBindingError: The native package ${platformName} .* is version 0\\.0\\.38, but @codex-native/sdk is ${manifest.version}; they must match exactly\\. Run \`npm install ${platformName}@${manifest.version}\``));
  rmSync(platformDirectory, { recursive: true });
  const missing = tokenize();
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, new RegExp(`NativeBindingError: The prebuilt native binary of @codex-native/sdk for .* is not installed: the optional package ${platformName}@${manifest.version} is missing`));
  assert.match(missing.stderr, /build it from source: .*npm install.*cargo.*CODEX_NATIVE_BINDING=/);
});
