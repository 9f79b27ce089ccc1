// Bundles the extension-host tests into out/integration/ (vscode stays external; mocha is loaded at run time).
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['test/integration/extension.test.ts', 'test/integration/workspace-check.test.ts', 'test/integration/index.ts'],
  outdir: 'out/integration',
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning',
});
