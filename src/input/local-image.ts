/**
 * Reads a local image for the model: PNG, JPEG, GIF or WebP, sent as a data URL. Images larger
 * than Codex's limit (2048×768) are scaled down to fit, keeping the aspect ratio, by the native
 * addon; smaller ones travel unchanged.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";
import { resizeImageToFit } from "../native/index.js";

export const maxImageWidth = 2048;
export const maxImageHeight = 768;

export type LoadedImage = { path: string; dataUrl: string };

export async function loadLocalImage(imagePath: string, cwd: string): Promise<LoadedImage> {
  const absolute = path.resolve(cwd, imagePath);
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    throw new InvalidArgumentError(`Cannot read image ${absolute}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const mime = sniffImageType(bytes);
  if (!mime) throw new InvalidArgumentError(`Unsupported image format: ${absolute} (expected PNG, JPEG, GIF or WebP)`);
  const resized = await resizeImageToFit(bytes, maxImageWidth, maxImageHeight);
  const finalBytes = resized ? resized.bytes : bytes;
  const finalMime = resized ? resized.mime : mime;
  return { path: absolute, dataUrl: `data:${finalMime};base64,${finalBytes.toString("base64")}` };
}

function sniffImageType(bytes: Buffer): string | undefined {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 6 && bytes.subarray(0, 3).toString("latin1") === "GIF") return "image/gif";
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") {
    return "image/webp";
  }
  return undefined;
}
