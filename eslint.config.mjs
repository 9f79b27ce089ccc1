// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** The engine (parser, analysis, rules) must stay free of editor and Node-only APIs. */
const engineOnly = {
  files: ['src/python/**/*.ts', 'src/analysis/**/*.ts', 'src/engine/**/*.ts', 'rules/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['vscode'], message: 'Only src/vscode/ may import vscode.' },
          { group: ['node:*', 'fs', 'path', 'child_process', 'os', 'worker_threads'], message: 'The engine takes text and returns data: no Node-only modules.' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '.cache/**', '.vscode-test/**', 'media/vendor/**', 'test/**/fixtures/**', '**/*.js', 'demo/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  engineOnly,
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.mjs', 'scripts/**/*.ts', 'test/**/*.ts'], languageOptions: { globals: { ...globals.node } } },
);
