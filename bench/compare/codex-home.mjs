// The one configuration both SDKs run with: a custom provider at the mock server (HTTP SSE,
// no retries), plugins, analytics and update checks off. Neither side gets a baseUrl option;
// both read this CODEX_HOME/config.toml.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function benchConfigToml(baseUrl) {
  return [
    'model = "gpt-5.5"',
    'model_provider = "mock"',
    'approval_policy = "never"',
    'sandbox_mode = "workspace-write"',
    "check_for_update_on_startup = false",
    "",
    "[model_providers.mock]",
    'name = "mock"',
    `base_url = "${baseUrl}"`,
    'env_key = "OPENAI_API_KEY"',
    'wire_api = "responses"',
    "request_max_retries = 0",
    "stream_max_retries = 0",
    "",
    "[features]",
    "plugins = false",
    "",
    "[analytics]",
    "enabled = false",
    "",
  ].join("\n");
}

/** A fresh HOME with CODEX_HOME (config.toml written) and a working directory. */
export function freshCodexHome(baseUrl, label) {
  const home = mkdtempSync(path.join(os.tmpdir(), `bench-compare-${label}-`));
  const codexHome = path.join(home, ".codex");
  const workdir = path.join(home, "work");
  mkdirSync(codexHome);
  mkdirSync(workdir);
  writeFileSync(path.join(codexHome, "config.toml"), benchConfigToml(baseUrl));
  return { home, codexHome, workdir };
}

/** The environment both SDKs get (and pass to their commands). */
export function benchEnv({ home, codexHome }) {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, CODEX_HOME: codexHome, OPENAI_API_KEY: "sk-bench", SHELL: "/bin/sh" };
}
