/** Parses tool arguments that must be a JSON object ("" counts as `{}`). */
export function parseJsonObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { ok: false, message: "expected a JSON object" };
  return { ok: true, value: value as Record<string, unknown> };
}
