import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // the editor adapters' unit tests run against a small stand-in for the `vscode` module
  resolve: { alias: { vscode: fileURLToPath(new URL('./test/support/vscode-stub.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    // the extension-host suite is mocha, run inside VS Code (test/integration/run-in-code-server.ts)
    exclude: ['test/integration/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
