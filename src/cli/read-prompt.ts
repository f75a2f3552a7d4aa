/**
 * The prompt of a turn: the positional words, or stdin when the prompt is `-` or absent and
 * stdin is not a terminal (as `codex exec` does), plus `--image` attachments.
 */
import path from "node:path";
import type { Input } from "../input/user-input.js";
import { UsageError } from "./usage-error.js";

export async function readPrompt(positionals: string[], command: string, options: { required: boolean }): Promise<string> {
  const joined = positionals.join(" ");
  if (joined === "-" || (positionals.length === 0 && !process.stdin.isTTY)) {
    const text = await readStdin();
    if (text.trim().length === 0 && options.required) throw new UsageError("the prompt read from stdin is empty", command);
    return text.replace(/\n$/, "");
  }
  if (joined.trim().length === 0 && options.required) throw new UsageError("a prompt is needed (as an argument, or piped to stdin)", command);
  return joined;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The SDK input: the text alone, or text plus `local_image` entries. */
export function turnInput(prompt: string, images: string[] | undefined, cwd: string): Input {
  if (!images?.length) return prompt;
  return [
    ...(prompt ? [{ type: "text" as const, text: prompt }] : []),
    ...images.map((image) => ({ type: "local_image" as const, path: path.resolve(cwd, image) })),
  ];
}
