/**
 * The engine as it ships: src/engine and src/python bundled by esbuild the way `npm run build`
 * bundles the CLI and the extension. Loaded through tsx, the same sources run several times slower
 * (constants and small functions across modules are not inlined), which would understate what
 * users get; benchmarks measure the bundle unless asked for `--unbundled`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type * as engine from '../../src/engine/index.js';
import type * as python from '../../src/python/index.js';

export interface EngineApi {
  createProject: typeof engine.createProject;
  DEFAULT_CONFIG: typeof engine.DEFAULT_CONFIG;
  decodePythonSource: typeof python.decodePythonSource;
}

const REPO = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The bundled engine, or with `unbundled` the sources as tsx loads them. */
export async function loadEngine(unbundled: boolean): Promise<EngineApi & { description: string }> {
  if (unbundled) {
    const [{ createProject, DEFAULT_CONFIG }, { decodePythonSource }] = await Promise.all([
      import('../../src/engine/index.js'),
      import('../../src/python/index.js'),
    ]);
    return { createProject, DEFAULT_CONFIG, decodePythonSource, description: 'sources loaded by tsx' };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aiolint-bench-'));
  try {
    const outfile = path.join(dir, 'engine.mjs');
    await build({
      stdin: {
        contents: "export { createProject, DEFAULT_CONFIG } from './src/engine/index';\nexport { decodePythonSource } from './src/python/index';\n",
        resolveDir: REPO,
        loader: 'ts',
      },
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
    const module = (await import(pathToFileURL(outfile).href)) as EngineApi;
    return { ...module, description: 'esbuild bundle, as shipped' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
