/** ANSI styles for human output; identity functions when colour is off. */
export type Styles = Record<"bold" | "dim" | "italic" | "red" | "green" | "yellow" | "blue" | "magenta" | "cyan", (text: string) => string>;

const codes: Record<keyof Styles, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
};

export function createStyles(enabled: boolean): Styles {
  const entries = Object.entries(codes).map(([name, [open, close]]) => [
    name,
    enabled ? (text: string) => `\u001b[${open}m${text}\u001b[${close}m` : (text: string) => text,
  ]);
  return Object.fromEntries(entries) as Styles;
}
