import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileMissingError, ConfigLocator } from '../../src/cli/config-locator';

/** An in-memory file system: what the VS Code adapter does with its own reader. */
function memoryReader(files: Record<string, string>): { readFile: (p: string) => Promise<string | undefined>; reads: string[] } {
  const reads: string[] = [];
  const byPath = new Map(Object.entries(files).map(([p, text]) => [path.resolve(p), text]));
  return {
    reads,
    readFile: (p: string) => {
      reads.push(p);
      return Promise.resolve(byPath.get(path.resolve(p)));
    },
  };
}

const ROOT = path.resolve('/', 'ws');
const at = (...parts: string[]): string => path.join(ROOT, ...parts);

describe('ConfigLocator', () => {
  it('uses the nearest pyproject.toml with [tool.aiolint], skipping ones without it', async () => {
    const { readFile } = memoryReader({
      [at('pyproject.toml')]: '[tool.aiolint]\nignore = ["AIO105"]\n',
      [at('pkg', 'pyproject.toml')]: '[project]\nname = "pkg"\n',
    });
    const located = await new ConfigLocator({ readFile }).configFor(at('pkg', 'src', 'mod.py'));
    expect(located.configFile).toBe(at('pyproject.toml'));
    expect(located.root).toBe(ROOT);
    expect(located.config.ignore).toEqual(['AIO105']);
  });

  it('without any [tool.aiolint], the nearest pyproject.toml is the root and defaults apply', async () => {
    const { readFile } = memoryReader({ [at('pkg', 'pyproject.toml')]: '[project]\nname = "pkg"\n' });
    const located = await new ConfigLocator({ readFile }).configFor(at('pkg', 'mod.py'));
    expect(located.configFile).toBeUndefined();
    expect(located.root).toBe(at('pkg'));
    expect(located.config.select).toEqual([]);
  });

  it('with no pyproject.toml at all there is no root', async () => {
    const { readFile } = memoryReader({});
    const located = await new ConfigLocator({ readFile }).configFor(at('a', 'b.py'));
    expect(located).toMatchObject({ configFile: undefined, root: undefined, diagnostics: [] });
  });

  it('layers overrides over the file, and labels diagnostics with displayPath', async () => {
    const { readFile } = memoryReader({ [at('pyproject.toml')]: '[tool.aiolint]\nselect = ["AIO1"]\nbogus = 1\n' });
    const locator = new ConfigLocator({ readFile, overrides: { select: ['ALL'] }, displayPath: (p) => path.basename(p) });
    const located = await locator.configFor(at('x.py'));
    expect(located.config.select).toEqual(['ALL']);
    expect(located.settings.select).toEqual(['AIO1']);
    expect(located.diagnostics).toEqual([expect.objectContaining({ file: 'pyproject.toml', line: 3, severity: 'warning' })]);
  });

  it('reads each pyproject.toml once, and again after invalidate', async () => {
    const files: Record<string, string> = { [at('pyproject.toml')]: '[tool.aiolint]\nignore = ["AIO101"]\n' };
    const reader = memoryReader(files);
    const locator = new ConfigLocator({ readFile: reader.readFile });
    await locator.configFor(at('a', 'x.py'));
    await locator.configFor(at('a', 'y.py'));
    await locator.configFor(at('b', 'z.py'));
    expect(reader.reads.filter((p) => p === at('pyproject.toml'))).toHaveLength(1);
    locator.invalidate(at('pyproject.toml'));
    await locator.configFor(at('a', 'x.py'));
    expect(reader.reads.filter((p) => p === at('pyproject.toml'))).toHaveLength(2);
  });

  it('an explicit configuration file applies everywhere; a missing one is an error', async () => {
    const { readFile } = memoryReader({ [at('cfg', 'custom.toml')]: '[tool.aiolint]\nignore = ["AIO102"]\n' });
    const explicit = new ConfigLocator({ readFile, explicitConfigFile: at('cfg', 'custom.toml') });
    const located = await explicit.configFor(at('elsewhere', 'x.py'));
    expect(located.config.ignore).toEqual(['AIO102']);
    expect(located.root).toBe(at('cfg'));
    const missing = new ConfigLocator({ readFile, explicitConfigFile: at('nope.toml') });
    await expect(missing.configFor(at('x.py'))).rejects.toBeInstanceOf(ConfigFileMissingError);
  });
});
