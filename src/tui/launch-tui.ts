export async function launchTui(argv: string[]): Promise<number> {
  void argv;
  return 2;
}
