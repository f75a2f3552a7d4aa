import { packageVersion } from "../util/package-version.js";

const usage = `Usage: codex-native <command> [options]

Commands:
  --version        Print the package version
  --help           Show this help`;

/** Entry of the `codex-native` binary; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    console.log(usage);
    return 0;
  }
  if (command === "--version" || command === "-V") {
    console.log(packageVersion());
    return 0;
  }
  console.error(`Unknown command: ${command}\n\n${usage}`);
  return 2;
}
