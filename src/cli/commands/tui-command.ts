/** `codex-native tui`: loads the full-screen interface (Ink and React live in its own chunk). */
export async function tuiCommand(argv: string[]): Promise<number> {
  const { launchTui } = await import("../../tui/launch-tui.js");
  return launchTui(argv);
}
