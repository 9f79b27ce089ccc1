import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // the editor adapters' unit tests run against a small stand-in for the `vscode` module
  resolve: { alias: { vscode: fileURLToPath(new URL('./test/support/vscode-stub.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
