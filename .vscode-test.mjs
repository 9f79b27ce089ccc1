// Extension-host integration tests in desktop VS Code (@vscode/test-cli): `npx vscode-test` after
// `node test/integration/build.mjs`. Where a VS Code is installed, set VSCODE_PATH to use it
// instead of a download. (In code-server: npx tsx test/integration/run-in-code-server.ts.)
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/integration/*.test.js',
  workspaceFolder: 'test/integration/fixtures/workspace',
  ...(process.env.VSCODE_PATH ? { useInstallation: { fromPath: process.env.VSCODE_PATH } } : {}),
  mocha: { ui: 'bdd', timeout: 60_000 },
});
