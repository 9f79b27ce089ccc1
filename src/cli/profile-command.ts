/**
 * `aiolint profile [--python EXE] [--threshold-ms N] [--out FILE] [--fail-on-block-ms N] -- target…`
 * Owned by the profiler; the CLI's main module dispatches here.
 */
export function runProfileCommand(args: readonly string[]): Promise<number> {
  void args;
  process.stderr.write('aiolint profile: the profiler is not built yet\n');
  return Promise.resolve(2);
}
