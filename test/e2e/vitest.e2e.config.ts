import { defineConfig } from 'vitest/config';

/** End-to-end tests: real VS Code (code-server) in Chromium. Run by scripts/test.d/50-e2e.sh. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
