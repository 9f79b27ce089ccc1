/**
 * Runs the bundled mocha suite inside an extension host. @vscode/test-cli has its own runner; this
 * one serves code-server, where a small runner extension calls `run` on startup and writes the
 * results to the file named by AIOLINT_INTEGRATION_RESULTS.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface MochaRunner { on(event: string, listener: (...args: unknown[]) => void): void }
interface MochaInstance { addFile(file: string): void; run(done: (failures: number) => void): MochaRunner }
type MochaConstructor = new (options: { ui: string; timeout: number; color: boolean }) => MochaInstance;

export function run(repoRoot: string, testFile: string, resultsFile: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha is loaded from the repository at run time
  const loaded = require(path.join(repoRoot, 'node_modules', 'mocha')) as MochaConstructor | { Mocha?: MochaConstructor; default?: MochaConstructor };
  // mocha 11's CommonJS entry is a namespace object, older ones export the constructor itself
  const Mocha = typeof loaded === 'function' ? loaded : (loaded.Mocha ?? loaded.default);
  if (!Mocha) throw new Error('mocha did not load: no Mocha constructor in node_modules/mocha');
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  // the named suite first, then the other suites bundled beside it
  mocha.addFile(testFile);
  const folder = path.dirname(testFile);
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.test.js')).sort()) {
    const file = path.join(folder, name);
    if (file !== testFile) mocha.addFile(file);
  }
  const results: { title: string; state: string; error?: string }[] = [];
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => {
      writeFileSync(resultsFile, JSON.stringify({ failures, results }, null, 2));
      resolve();
    });
    runner.on('pass', (test) => { results.push({ title: (test as { fullTitle(): string }).fullTitle(), state: 'passed' }); });
    runner.on('fail', (test, error) => {
      results.push({ title: (test as { fullTitle(): string }).fullTitle(), state: 'failed', error: String((error as Error).stack ?? error) });
    });
  });
}
