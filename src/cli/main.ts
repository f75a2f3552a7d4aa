#!/usr/bin/env node
// `--version` answers before anything else is loaded (the fast path); everything else loads the CLI.
import { packageVersion } from "../util/package-root.js";

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V" || argv[0] === "-v")) {
  console.log(`codex-native ${packageVersion()}`);
} else {
  const { runCli } = await import("./run-cli.js");
  runCli(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
