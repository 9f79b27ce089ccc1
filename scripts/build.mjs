// Bundles every entry point that exists with esbuild. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { cpSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const entries = [
  // the command line (also what `bin` points to)
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  // the VS Code extension; `vscode` is provided by the host
  { entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  // worker thread for whole-workspace checks
  { entryPoints: ['src/cli/worker.ts'], outfile: 'dist/worker.js', platform: 'node', format: 'cjs' },
  // worker thread of the extension's Check Workspace
  { entryPoints: ['src/vscode/workspace-check/lint-worker.ts'], outfile: 'dist/workspace-worker.js', platform: 'node', format: 'cjs' },
  // the profiler panel's webview script (runs in the browser)
  { entryPoints: ['media/panel/main.ts'], outfile: 'dist/media/panel.js', platform: 'browser', format: 'iife' },
];

// the profiler's Python probe ships as plain files next to the bundles (dist/probe/aiolint_probe);
// copied over in place (no delete first) so a probe running from dist/ during tests is not pulled away
function copyProbe() {
  cpSync('src/profiler/probe/aiolint_probe', 'dist/probe/aiolint_probe', {
    recursive: true,
    filter: (source) => !source.includes('__pycache__') && !source.endsWith('.pyc'),
  });
}

const common = { bundle: true, sourcemap: !production, minify: production, target: 'node20', logLevel: 'warning' };
const present = entries.filter((e) => existsSync(/** @type {string[]} */ (e.entryPoints)[0]));

if (existsSync('src/profiler/probe/aiolint_probe')) copyProbe();

if (watch) {
  for (const entry of present) {
    const ctx = await esbuild.context({ ...common, ...entry });
    await ctx.watch();
  }
} else {
  await Promise.all(present.map((entry) => esbuild.build({ ...common, ...entry })));
  console.log(`built ${present.map((e) => e.outfile).join(', ')}`);
}
